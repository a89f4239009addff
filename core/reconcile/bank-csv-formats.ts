/**
 * Bank statement CSV layouts recognised by their header row. No bank publishes these; the
 * headers are the ones observed in several independent open-source parsers and fixtures
 * (reconciliation notes §3.5). A file whose header matches none of them is read as the generic
 * layout, whose columns have English and Japanese names.
 */
import { type Column, date, normalizeKey, text, yen } from '../csv/columns.js';
import type { Schema } from '../csv/table.js';

export interface BankCsvColumns {
  readonly date: Column<string>;
  readonly payer: Column<string>;
  /** One signed amount column (楽天), or deposit/withdrawal columns. */
  readonly amount?: Column<number | undefined>;
  readonly deposit?: Column<number | undefined>;
  readonly withdrawal?: Column<number | undefined>;
  readonly balance?: Column<number | undefined>;
  readonly memo?: Column<string | undefined>;
  readonly id?: Column<string | undefined>;
  readonly edi?: Column<string | undefined>;
  readonly virtual_account?: Column<string | undefined>;
  readonly cheque_no?: Column<string | undefined>;
  readonly remitter_bank?: Column<string | undefined>;
  readonly remitter_branch?: Column<string | undefined>;
}

export interface BankCsvFormat {
  readonly id: string;
  readonly ja: string;
  /** The header row as exported (compared after normalizeKey). */
  readonly header: readonly string[] | undefined;
  readonly columns: BankCsvColumns & Schema;
}

export const BANK_CSV_FORMATS: readonly BankCsvFormat[] = [
  {
    id: 'mufg',
    ja: '三菱UFJ銀行（三菱UFJダイレクト）CSV',
    header: ['日付', '摘要', '摘要内容', '支払い金額', '預かり金額', '差引残高', 'メモ', '未資金化区分', '入払区分'],
    columns: {
      date: date('日付'),
      // 摘要内容 carries the payer (full-width); 摘要 is the kind (振込ＩＢ１, カ−ド).
      payer: text('摘要内容').withDefault(''),
      memo: text('摘要').asOptional(),
      withdrawal: yen('支払い金額').asOptional(),
      deposit: yen('預かり金額').asOptional(),
      balance: yen('差引残高').asOptional(),
    },
  },
  {
    id: 'rakuten',
    ja: '楽天銀行 CSV',
    header: ['取引日', '入出金(円)', '取引後残高(円)', '入出金内容'],
    columns: {
      date: date('取引日'),
      amount: yen('入出金(円)').asOptional(),
      balance: yen('取引後残高(円)').asOptional(),
      payer: text('入出金内容').withDefault(''),
    },
  },
  {
    id: 'sbi',
    ja: '住信SBIネット銀行 CSV',
    header: ['日付', '内容', '出金金額(円)', '入金金額(円)', '残高(円)', 'メモ'],
    columns: {
      date: date('日付'),
      payer: text('内容').withDefault(''),
      withdrawal: yen('出金金額(円)').asOptional(),
      deposit: yen('入金金額(円)').asOptional(),
      balance: yen('残高(円)').asOptional(),
      memo: text('メモ').asOptional(),
    },
  },
  {
    id: 'generic',
    ja: '汎用CSV（date, amount または deposit/withdrawal, payer）',
    header: undefined,
    columns: {
      date: date('date', '日付', '取引日', '勘定日'),
      payer: text('payer', '振込依頼人名', '依頼人名', '摘要', '摘要内容', '内容').withDefault(''),
      amount: yen('amount', '金額', '入出金').asOptional(),
      deposit: yen('deposit', '入金', '入金額', '入金金額', 'お預り金額', '預かり金額').asOptional(),
      withdrawal: yen('withdrawal', '出金', '出金額', '出金金額', 'お支払金額', '支払い金額').asOptional(),
      balance: yen('balance', '残高', '差引残高').asOptional(),
      memo: text('memo', 'メモ', '備考').asOptional(),
      id: text('id', '照会番号', '取引番号').asOptional(),
      edi: text('edi', 'EDI', 'EDI情報').asOptional(),
      virtual_account: text('virtual_account', '専用口座', '入金専用口座', 'バーチャル口座').asOptional(),
      cheque_no: text('cheque_no', '小切手番号', '手形・小切手番号').asOptional(),
      remitter_bank: text('remitter_bank', '仕向銀行名', '仕向銀行').asOptional(),
      remitter_branch: text('remitter_branch', '仕向店名', '仕向支店').asOptional(),
    },
  },
];

/**
 * The named layout whose header row this is, else the generic one.
 * @example bankCsvFormatFor(['取引日', '入出金(円)', '取引後残高(円)', '入出金内容']).id // 'rakuten'
 */
export function bankCsvFormatFor(header: readonly string[]): BankCsvFormat {
  const keys = header.map(normalizeKey).filter((k) => k !== '');
  const named = BANK_CSV_FORMATS.find(
    (f) => f.header !== undefined && f.header.length === keys.length && f.header.every((h, i) => normalizeKey(h) === keys[i]),
  );
  return named ?? (BANK_CSV_FORMATS.find((f) => f.id === 'generic') as BankCsvFormat);
}
