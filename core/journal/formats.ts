/**
 * The journal as a file an accounting package imports (layouts, sources and what could not be
 * confirmed: docs/journal.md):
 *
 * - `yayoi`: 弥生会計 インポート形式 — 25 columns, no header, Shift_JIS (CP932), CRLF. 識別フラグ
 *   2000 for an entry of one debit and one credit (one row), and for a compound entry one row per
 *   line: 2110 first, 2100 between, 2101 last; the side a row does not use has no account and the
 *   amount 0. Dates yyyy/mm/dd. Columns 18–25 are left empty.
 * - `mf`: マネーフォワード クラウド会計 仕訳帳インポート — a header row of 27 columns, Shift_JIS;
 *   one row per line with the same 取引No for a compound entry (one row for a simple one).
 * - `csv`: a neutral CSV, UTF-8 with BOM, a header, one row per line (entry_no, side, …).
 *
 * 税区分: the 弥生 and マネーフォワード files write Urakata's default names in the package's own
 * (tax-names.ts, with its sources); a 税区分 the user set in the account map, and every name in
 * the neutral CSV, is written as given.
 *
 * Text cells are written formula-safe (core/csv/write.ts). A character Shift_JIS cannot hold, or
 * an amount past the 弥生 limit, is a problem naming the entry and the column: nothing is written.
 */
import { isCp932Encodable } from '../csv/encoding.js';
import { type Cell, toCsvText, writeCsv } from '../csv/write.js';
import { encodeCp932 } from '../csv/encoding.js';
import { problem, type Problem } from '../errors.js';
import type { JournalEntry, JournalLine, Side } from './entry.js';
import { packageTaxName } from './tax-names.js';

export const JOURNAL_FORMATS = ['yayoi', 'mf', 'csv'] as const;
export type JournalFormat = (typeof JOURNAL_FORMATS)[number];

/**
 * Each format's name as the panes list it, in JOURNAL_FORMATS' order: the Excel pane and the
 * Sheets sidebar fill their format selects from here, so a new format is added once.
 * @example JOURNAL_FORMAT_NAMES.mf.ja // 'マネーフォワード クラウド会計'
 */
export const JOURNAL_FORMAT_NAMES: Readonly<Record<JournalFormat, { readonly ja: string; readonly en: string }>> = {
  yayoi: { ja: '弥生会計', en: 'Yayoi' },
  mf: { ja: 'マネーフォワード クラウド会計', en: 'Money Forward' },
  csv: { ja: 'CSV', en: 'CSV' },
};

export function isJournalFormat(s: string): s is JournalFormat {
  return (JOURNAL_FORMATS as readonly string[]).includes(s);
}

/**
 * The journal file a pane saves beside its 仕訳 sheet (journalSheetName, RECONCILE_JOURNAL_SHEET,
 * INVOICE_JOURNAL_SHEET in core/sheet-functions/payroll.ts), in the chosen import format.
 * @example journalFileName('仕訳_2026-05-25', 'yayoi') // '仕訳_2026-05-25_yayoi.csv'
 */
export function journalFileName(sheet: string, format: JournalFormat): string {
  return `${sheet}_${format}.csv`;
}

/** 弥生 識別フラグ (support.yayoi-kk.co.jp, 弥生取り込み(インポート)形式). */
export const YAYOI_FLAG = { single: '2000', first: '2110', middle: '2100', last: '2101' } as const;

/** 借方/貸方金額: 整数 9桁まで、マイナス不可 (弥生会計 インポートの制限事項). */
export const YAYOI_MAX_AMOUNT = 999_999_999;

export const YAYOI_COLUMN_COUNT = 25;

export const MF_COLUMNS = [
  '取引No',
  '取引日',
  '借方勘定科目',
  '借方補助科目',
  '借方部門',
  '借方取引先',
  '借方税区分',
  '借方インボイス',
  '借方金額(円)',
  '借方税額',
  '貸方勘定科目',
  '貸方補助科目',
  '貸方部門',
  '貸方取引先',
  '貸方税区分',
  '貸方インボイス',
  '貸方金額(円)',
  '貸方税額',
  '摘要',
  '仕訳メモ',
  'タグ',
  'MF仕訳タイプ',
  '決算整理仕訳',
  '作成日時',
  '作成者',
  '最終更新日時',
  '最終更新者',
] as const;

export const NEUTRAL_COLUMNS = [
  'entry_no',
  'date',
  'side',
  'account',
  'sub_account',
  'department',
  'tax_category',
  'amount',
  'tax',
  'memo',
] as const;

/** yyyy/mm/dd, as both importers read dates. */
const slashDate = (iso: string) => iso.replaceAll('-', '/');

/** A line's own 摘要, or the entry's. */
const memoOf = (entry: JournalEntry, line?: JournalLine) => (line?.memo ? `${entry.memo} ${line.memo}` : entry.memo);

/** The 4 (弥生: 勘定科目, 補助科目, 部門, 税区分) cells of a side, and its amount and tax. */
function sideCells(line: JournalLine | undefined): { names: Cell[]; amount: number; tax: Cell } {
  if (!line) return { names: ['', '', '', ''], amount: 0, tax: '' };
  return {
    names: [line.account, line.subAccount, line.department, packageTaxName(line, 'yayoi')],
    amount: line.amount,
    tax: line.tax === 0 ? '' : line.tax,
  };
}

/** The rows of one entry as (debit, credit) pairs: one pair for a simple entry, one line a row otherwise. */
function pairs(entry: JournalEntry): [JournalLine | undefined, JournalLine | undefined][] {
  const debits = entry.lines.filter((l) => l.side === 'debit');
  const credits = entry.lines.filter((l) => l.side === 'credit');
  if (debits.length === 1 && credits.length === 1) return [[debits[0], credits[0]]];
  return entry.lines.map((l) => (l.side === 'debit' ? [l, undefined] : [undefined, l]));
}

function yayoiRows(entries: readonly JournalEntry[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const entry of entries) {
    const ps = pairs(entry);
    ps.forEach(([debit, credit], i) => {
      const flag =
        ps.length === 1 ? YAYOI_FLAG.single : i === 0 ? YAYOI_FLAG.first : i === ps.length - 1 ? YAYOI_FLAG.last : YAYOI_FLAG.middle;
      const d = sideCells(debit);
      const c = sideCells(credit);
      const memo = ps.length === 1 ? memoOf(entry) : memoOf(entry, debit ?? credit);
      // 1 識別フラグ, 2 伝票No., 3 決算, 4 取引日付, 5–10 借方, 11–16 貸方, 17 摘要, 18–25 left empty.
      rows.push([
        flag,
        '',
        '',
        slashDate(entry.date),
        ...d.names,
        d.amount,
        d.tax,
        ...c.names,
        c.amount,
        c.tax,
        memo,
        ...Array<Cell>(8).fill(''),
      ]);
    });
  }
  return rows;
}

function mfRows(entries: readonly JournalEntry[]): Cell[][] {
  const rows: Cell[][] = [MF_COLUMNS.slice()];
  entries.forEach((entry, n) => {
    const ps = pairs(entry);
    for (const [debit, credit] of ps) {
      const side = (l: JournalLine | undefined): Cell[] =>
        l
          ? [l.account, l.subAccount, l.department, '', packageTaxName(l, 'mf'), '', l.amount, l.tax === 0 ? '' : l.tax]
          : ['', '', '', '', '', '', '', ''];
      const memo = ps.length === 1 ? memoOf(entry) : memoOf(entry, debit ?? credit);
      rows.push([n + 1, slashDate(entry.date), ...side(debit), ...side(credit), memo, '', '', '', '', '', '', '', '']);
    }
  });
  return rows;
}

/** The sheet's header: the neutral CSV's columns as a Japanese accountant reads them. */
export const JOURNAL_SHEET_HEADER = ['仕訳番号', '日付', '貸借', '勘定科目', '補助科目', '部門', '税区分', '金額', '税額', '摘要'] as const;

const SIDE_NAMES: Readonly<Record<'en' | 'ja', Readonly<Record<Side, string>>>> = {
  en: { debit: 'debit', credit: 'credit' },
  ja: { debit: '借方', credit: '貸方' },
};

/**
 * One row per line under a header: the neutral CSV (`en`), or the 仕訳 sheet a spreadsheet
 * writes (`ja`: Japanese header, 借方/貸方).
 * @example journalTable(entries, 'ja')[1] // [1, '2026-05-25', '借方', '給料手当', '', '', '対象外', 1662757, 0, '給与 2026-05-25支給 5名']
 */
export function journalTable(entries: readonly JournalEntry[], language: 'en' | 'ja'): Cell[][] {
  const rows: Cell[][] = [language === 'en' ? NEUTRAL_COLUMNS.slice() : JOURNAL_SHEET_HEADER.slice()];
  const sides = SIDE_NAMES[language];
  entries.forEach((entry, n) => {
    for (const l of entry.lines) {
      rows.push([
        n + 1,
        entry.date,
        sides[l.side],
        l.account,
        l.subAccount,
        l.department,
        l.taxCategory,
        l.amount,
        l.tax,
        memoOf(entry, l),
      ]);
    }
  });
  return rows;
}

/** What a Shift_JIS file or the 弥生 amount limit cannot take, named by entry and column. */
function checkEntries(entries: readonly JournalEntry[], file: string, format: JournalFormat): Problem[] {
  const problems: Problem[] = [];
  entries.forEach((entry, n) => {
    const where = `仕訳${n + 1}（${entry.date} ${entry.memo}）`;
    const whereEn = `entry ${n + 1} (${entry.date})`;
    if (format !== 'csv' && !isCp932Encodable(entry.memo)) {
      problems.push(
        problem(
          file,
          0,
          '摘要',
          entry.memo,
          `${where}: Shift_JISで書けない文字があります`,
          `${whereEn}: a character Shift_JIS cannot hold`,
        ),
      );
    }
    for (const l of entry.lines) {
      const fields: [string, string][] = [
        ['勘定科目', l.account],
        ['補助科目', l.subAccount],
        ['部門', l.department],
        ['税区分', format === 'csv' ? l.taxCategory : packageTaxName(l, format)],
        ['摘要', l.memo],
      ];
      for (const [name, value] of format === 'csv' ? [] : fields) {
        if (!isCp932Encodable(value)) {
          problems.push(
            problem(
              file,
              0,
              `${SIDE_NAMES.ja[l.side]}${name}`,
              value,
              `${where}: Shift_JISで書けない文字があります`,
              `${whereEn}: a character Shift_JIS cannot hold`,
            ),
          );
        }
      }
      if (format === 'yayoi' && l.amount > YAYOI_MAX_AMOUNT) {
        problems.push(
          problem(
            file,
            0,
            `${SIDE_NAMES.ja[l.side]}金額`,
            String(l.amount),
            `${where}: 弥生のインポートは金額9桁までです`,
            `${whereEn}: the 弥生 import takes amounts of up to 9 digits`,
          ),
        );
      }
    }
  });
  return problems;
}

/**
 * The journal file, or the problems that keep it from being written (the file named `file`).
 * @example writeJournal(entries, 'yayoi', 'journal.csv').data // Shift_JIS bytes, 25 columns a row, no header
 */
export function writeJournal(
  entries: readonly JournalEntry[],
  format: JournalFormat,
  file: string,
): { data?: Uint8Array; problems: Problem[] } {
  const problems = checkEntries(entries, file, format);
  if (problems.length > 0) return { problems };
  if (format === 'csv') return { data: writeCsv(journalTable(entries, 'en')), problems };
  return { data: encodeCp932(toCsvText(format === 'yayoi' ? yayoiRows(entries) : mfRows(entries))), problems };
}
