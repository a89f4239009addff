/**
 * One error shape for every input problem in Urakata (beancount style: errors are values).
 * A batch returns its good rows *and* every problem; nothing is dropped silently.
 * Hosts map these once: CLI prints them and exits 1, Excel shows #VALUE! with the message,
 * Sheets throws an Error, Lambda answers 4xx and writes errors.csv.
 */
import { showUnsafe, UNSAFE_IN_FIELD } from './characters.js';
export interface Problem {
  /** File name as the user gave it (or a sheet/range name in spreadsheets). */
  readonly file: string;
  /** 1-based line in the file as a spreadsheet shows it: the header is row 1. 0 = the file as a whole. */
  readonly row: number;
  /** Column header as written in the file (or the argument name). Empty when the whole row is at fault. */
  readonly column: string;
  /** The offending raw value, as read. */
  readonly value: string;
  readonly message_ja: string;
  readonly message_en: string;
  /** A warning is reported but does not reject the row. Default: error. */
  readonly severity?: 'error' | 'warning';
}

/** Characters of a value a problem shows: enough to find it, short enough for a line of a message. */
const SHOWN_VALUE = 200;

/**
 * A problem. Its value is shown, not passed through: every control, direction or half character
 * (UNSAFE_IN_FIELD) as ⟨U+XXXX⟩, cut between characters to SHOWN_VALUE. Values come from the
 * files being refused, and go to stderr, errors.csv and the panes: a right-to-left override, a NUL
 * or an escape sequence had reached them as they were.
 */
export function problem(
  file: string,
  row: number,
  column: string,
  raw: string,
  message_ja: string,
  message_en: string,
  severity: 'error' | 'warning' = 'error',
): Problem {
  const value = raw.length <= SHOWN_VALUE && !UNSAFE_IN_FIELD.test(raw) ? raw : showUnsafe(raw, UNSAFE_IN_FIELD, SHOWN_VALUE);
  return severity === 'error'
    ? { file, row, column, value, message_ja, message_en }
    : { file, row, column, value, message_ja, message_en, severity };
}

export function isError(p: Problem): boolean {
  return p.severity !== 'warning';
}

/**
 * The message of a problem: "日本語 / English", a warning tagged `警告 warning: ` first.
 * @example problemMessage(problem('a.csv', 2, 'x', '', '不正です', 'invalid', 'warning')) // '警告 warning: 不正です / invalid'
 */
export function problemMessage(p: Problem): string {
  return `${p.severity === 'warning' ? '警告 warning: ' : ''}${p.message_ja} / ${p.message_en}`;
}

/** "file:row 列「column」 値「value」: 日本語 / English" — one line per problem. */
export function formatProblem(p: Problem): string {
  const where = [p.file || '(input)', p.row > 0 ? `${p.row}行目` : '', p.column ? `列「${p.column}」` : ''].filter(Boolean).join(' ');
  const value = p.value !== '' ? ` 値「${p.value}」` : '';
  return `${where}${value}: ${problemMessage(p)}`;
}

/**
 * Where a problem is, as the panes list it: range or file, row and column in Japanese and
 * English, and the value as read.
 * @example problemPlace('申告書', 3, '一般扶養', 'x') // '申告書 3行目 / row 3 列「一般扶養」/ column 一般扶養 値「x」'
 */
export function problemPlace(file: string, row: number, column: string, value: string): string {
  return [
    file,
    row > 0 ? `${row}行目 / row ${row}` : '',
    column ? `列「${column}」/ column ${column}` : '',
    value !== '' ? `値「${value}」` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * A problem as the Excel task pane and the Sheets sidebar list it: {@link problemPlace}, then the
 * message (a warning tagged as in errors.csv).
 * @example problemLine(problem('申告書', 3, '一般扶養', 'x', '整数で入力してください', 'must be a whole number')) // '申告書 3行目 / row 3 列「一般扶養」/ column 一般扶養 値「x」: 整数で入力してください / must be a whole number'
 */
export function problemLine(p: Problem): string {
  return `${problemPlace(p.file, p.row, p.column, p.value)}: ${problemMessage(p)}`;
}

/** Thrown where a single call cannot proceed (a spreadsheet cell, a CLI argument). */
export class InputError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], options?: { cause?: unknown }) {
    const first = problems[0];
    super(first ? formatProblem(first) + (problems.length > 1 ? ` (+${problems.length - 1})` : '') : 'input error', options);
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** An InputError about one argument of a function call (spreadsheet functions, CLI flags). */
export function argumentError(argument: string, value: unknown, message_ja: string, message_en: string): InputError {
  return new InputError([problem('', 0, argument, value === undefined ? '' : String(value), message_ja, message_en)]);
}

/**
 * An error as a host that shows only a message gives it (Apps Script, the sidebar): an InputError
 * becomes one Error listing every problem, a line each ({@link problemLine}); anything else is
 * given back as it is.
 * @example try { … } catch (e) { throw explainError(e); }
 */
export function explainError(e: unknown): unknown {
  return e instanceof InputError ? new Error(e.problems.map(problemLine).join('\n')) : e;
}
