/**
 * `--journal FILE [--journal-format yayoi|mf|csv] [--accounts FILE]`, shared by the commands that
 * produce a run: the flags, the account map read from the user's CSV, and the journal file added
 * to the run's outputs (written all or none with them). The entries come from core/journal.
 */
import type { Problem } from '../core/errors.js';
import { problem } from '../core/errors.js';
import { type AccountMap, DEFAULT_ACCOUNT_MAP, readAccountMap } from '../core/journal/accounts.js';
import type { JournalEntry } from '../core/journal/entry.js';
import { isJournalFormat, JOURNAL_FORMATS, type JournalFormat, writeJournal } from '../core/journal/formats.js';
import type { CliIo } from './command.js';
import { isProblem, type OutputFile, readInput, reportProblems, UsageError } from './io.js';

export const JOURNAL_FLAGS = {
  journal: { type: 'string' },
  'journal-format': { type: 'string' },
  accounts: { type: 'string' },
} as const;

export const JOURNAL_USAGE = `  --journal FILE      仕訳の出力 / the journal entries of the run
  --journal-format F  yayoi（弥生会計）| mf（マネーフォワード クラウド会計）| csv（既定 default）
  --accounts FILE     勘定科目の対応表CSV（docs/journal.md）/ the account map (defaults built in)
`;

export interface JournalRequest {
  readonly path: string;
  readonly format: JournalFormat;
  readonly map: AccountMap;
}

interface JournalFlagValues {
  readonly journal?: string | undefined;
  readonly 'journal-format'?: string | undefined;
  readonly accounts?: string | undefined;
}

/**
 * The journal flags, checked: a format we do not write, or --journal-format / --accounts without
 * --journal, is a UsageError.
 */
export function checkJournalFlags<F extends JournalFlagValues>(f: F): JournalFlagValues {
  const format = f['journal-format'];
  if (format !== undefined && !isJournalFormat(format))
    throw new UsageError(
      `--journal-format は ${JOURNAL_FORMATS.join(' / ')} です / must be one of ${JOURNAL_FORMATS.join(', ')}: ${format}`,
    );
  if (f.journal === undefined && (format !== undefined || f.accounts !== undefined))
    throw new UsageError('--journal-format と --accounts は --journal と使います / --journal-format and --accounts go with --journal');
  return { journal: f.journal, 'journal-format': format, accounts: f.accounts };
}

/**
 * The journal asked for (undefined without --journal) and the problems of the account map file.
 * @example await journalRequest(io, { journal: 'journal.csv', 'journal-format': 'yayoi' })
 */
export async function journalRequest(io: CliIo, f: JournalFlagValues): Promise<{ request?: JournalRequest; problems: Problem[] }> {
  const format = checkJournalFlags(f)['journal-format'] ?? 'csv';
  if (f.journal === undefined || !isJournalFormat(format)) return { problems: [] };
  let map = DEFAULT_ACCOUNT_MAP;
  const problems: Problem[] = [];
  if (f.accounts !== undefined) {
    const file = await readInput(io, f.accounts);
    if (isProblem(file)) return { problems: [file] };
    const read = readAccountMap(file.bytes, file.name);
    problems.push(...read.problems);
    map = read.map;
  }
  if (map.taxMethod === 'exclusive' && format !== 'csv') {
    problems.push(
      problem(
        f.accounts ?? '',
        0,
        'tax_method',
        '税抜',
        '弥生・マネーフォワードのインポートは税込金額と税額を取り込み、税抜への分解は会計ソフトの経理方式で行われます。税抜の指定で仮受消費税を別行にしています（二重にならないか確認してください）',
        'the 弥生 and マネーフォワード importers take 税込 amounts with their tax and split them by the package’s own 経理方式; with 税抜 the tax is on its own 仮受消費税 lines (check it is not booked twice)',
        'warning',
      ),
    );
  }
  return { request: { path: f.journal, format, map }, problems };
}

/**
 * Adds the journal of a run to its outputs (entries made only when asked for); the exit code when
 * it cannot be written (a name Shift_JIS cannot hold, an amount past the 弥生 limit), after
 * reporting why. Nothing of the run is written then.
 * @example const failed = addJournal(io, journal.request, (map) => payrollJournal(rows, 'salary', map), outputs)
 */
export function addJournal(
  io: CliIo,
  request: JournalRequest | undefined,
  entries: (map: AccountMap) => readonly JournalEntry[],
  outputs: OutputFile[],
): number | undefined {
  if (!request) return undefined;
  const r = writeJournal(entries(request.map), request.format, request.path);
  if (r.data !== undefined) outputs.push({ path: request.path, data: r.data });
  return reportProblems(io, r.problems);
}
