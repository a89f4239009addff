/**
 * 総合振込 for paying suppliers: the payables CSV read and checked row by row, the 先方負担
 * deduction worked out by the fee table, and the payment list (what was paid, what was refused).
 * Every problem names its file, row and column; a refused row never reaches the 全銀 file.
 */
import { bad, Column, nonNegativeYen, ok, oneOf, text } from '../../csv/columns.js';
import type { Cell } from '../../csv/write.js';
import { readTable, columnsAsWritten, type RowOf } from '../../csv/table.js';
import type { IsoDate } from '../../dates/calendar.js';
import { bankBusinessDayOnOrBefore, HolidayRangeError, isBankBusinessDay } from '../../dates/holidays.js';
import { InputError, isError, type Problem, problem } from '../../errors.js';
import type { Yen } from '../../money/yen.js';
import { unknownColumnWarnings } from '../../payroll/keyed-rows.js';
import { EDI_LENGTH, generalTransferFile, type PaymentTransferLine } from './file.js';
import { defaultTransferFeeTable, type TransferDestination, type TransferFeeBand, transferDestination, transferFee } from './fees.js';
import { toZenginKana, zenginHolder } from './kana.js';
import type { DebitAccount, PaymentCompany } from './payment-company.js';

/** Up to `length` digits (full-width allowed), zero-filled to the field's width. */
function digits(length: number, ...aliases: string[]): Column<string> {
  return new Column(aliases, (raw) => {
    const t = raw.normalize('NFKC').trim();
    if (!/^\d+$/.test(t) || t.length > length) return bad(`${length}桁以内の数字で入力してください`, `must be up to ${length} digits`);
    return ok(t.padStart(length, '0'));
  });
}

/** 預金種目 of a 総合振込 data record: 1 普通, 2 当座, 4 貯蓄, 9 その他. */
export const PAYEE_ACCOUNT_TYPES = {
  普通: 1,
  当座: 2,
  貯蓄: 4,
  その他: 9,
  ordinary: 1,
  current: 2,
  savings: 4,
  other: 9,
  '1': 1,
  '2': 2,
  '4': 4,
  '9': 9,
} as const;

export type FeeBurden = 'payer' | 'payee';

/** 当方負担: the company bears the fee; 先方負担: the fee is deducted from the payment. */
export const FEE_BURDENS: Readonly<Record<string, FeeBurden>> = {
  当方: 'payer',
  当方負担: 'payer',
  先方: 'payee',
  先方負担: 'payee',
  payer: 'payer',
  payee: 'payee',
};

/** The largest 振込金額 a data record holds (N 10). */
export const MAX_TRANSFER: Yen = 9_999_999_999;

/** The largest 合計金額 a trailer holds (N 12). */
export const MAX_TOTAL: Yen = 999_999_999_999;

/** A transfer past {@link MAX_TRANSFER}, in the words every reader of amounts for a 全銀 file gives (payables, net pay). */
export const TRANSFER_TOO_LARGE = {
  ja: '全銀の振込金額は10桁（9,999,999,999円）までです',
  en: 'a 全銀 transfer holds at most 10 digits (9,999,999,999 yen)',
} as const;

/**
 * The problem of a file's transfers whose total a trailer cannot hold (past {@link MAX_TOTAL}), or
 * undefined: for the payables and for a payroll's net pay alike.
 * @example transferTotalProblem('payables.csv', 1_000_000_000_000)?.message_en // 'the total exceeds what a 全銀 trailer holds …'
 */
export function transferTotalProblem(file: string, total: Yen): Problem | undefined {
  if (total <= MAX_TOTAL) return undefined;
  return problem(
    file,
    0,
    '',
    String(total),
    '振込金額の合計が全銀データの上限（999,999,999,999円）を超えます。ファイルを分けてください',
    'the total exceeds what a 全銀 trailer holds (999,999,999,999 yen): split the file',
  );
}

export const payablesSchema = {
  vendor_id: text('vendor_id', '取引先コード', '仕入先コード'),
  vendor_name: text('vendor_name', '取引先名', '仕入先名'),
  bank_code: digits(4, 'bank_code', '銀行コード', '金融機関コード'),
  branch_code: digits(3, 'branch_code', '支店コード'),
  account_type: oneOf(PAYEE_ACCOUNT_TYPES, 'account_type', '預金種目'),
  account_number: digits(7, 'account_number', '口座番号'),
  account_holder: text('account_holder', '口座名義カナ', '受取人名'),
  amount: nonNegativeYen('amount', '支払金額').check((v) =>
    v === 0
      ? bad('支払金額が0円です', 'the amount is 0 yen')
      : v > MAX_TRANSFER
        ? bad(TRANSFER_TOO_LARGE.ja, TRANSFER_TOO_LARGE.en)
        : ok(v),
  ),
  fee_burden: oneOf(FEE_BURDENS, 'fee_burden', '手数料負担').withDefault('payer' as FeeBurden),
  reference: text('reference', 'EDI情報', '顧客コード').asOptional(),
  /** The `id` of one of the company's `debit_accounts`; empty = the first. */
  debit_account: text('debit_account', '引落口座').asOptional(),
};

export type Payable = RowOf<typeof payablesSchema>;

/** One payment that goes into the 全銀 file. */
export interface Payment {
  /** Line of the payables file (header = 1). */
  readonly row: number;
  /** The debit account's id ('' for a company with one account). */
  readonly account: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly destination: TransferDestination;
  /** 支払金額: what is owed. */
  readonly amount: Yen;
  readonly feeBurden: FeeBurden;
  /** The fee by the table for this payment (charged to the company by its bank). */
  readonly bankFee: Yen;
  /** 先方負担: the fee deducted from the payment; 当方負担: 0. */
  readonly feeDeducted: Yen;
  /** 振込金額 = amount − feeDeducted. */
  readonly transferred: Yen;
  readonly reference?: string | undefined;
  readonly line: PaymentTransferLine;
}

/** A refused row: one per error found in it. */
export interface RefusedPayment {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly message_ja: string;
  readonly message_en: string;
  /** The row's cells as written (trimmed), so the list names the vendor of a row that could not be read. */
  readonly cells: Readonly<Partial<Record<keyof Payable, string>>>;
}

export interface PaymentPlan {
  readonly payments: Payment[];
  readonly refused: RefusedPayment[];
  /** Every problem: errors (each refused row, the date, the file) and warnings. */
  readonly problems: Problem[];
}

/**
 * Plans the 総合振込 of a payables file on a 振込指定日.
 * @example planPayments({data, file: 'payables.csv'}, company, '2026-06-30').payments[0].transferred // 99_450
 */
export function planPayments(input: { data: Uint8Array | string; file: string }, setup: PaymentCompany, date: IsoDate): PaymentPlan {
  const { file } = input;
  const problems: Problem[] = [...transferDateProblems(date)];
  const bands = setup.fees ?? feeBands(date, problems);
  const table = readTable(input.data, payablesSchema, { file });
  // A misspelt optional header (fee_burdn) would pay with its default: say so.
  problems.push(...table.problems, ...unknownColumnWarnings(file, table));
  const checked: Problem[] = [];
  const payments: Payment[] = [];
  const seen = new Map<string, number>();
  for (const { row, value: p } of table.rows) {
    const planned = planRow(p, row, file, setup, bands);
    checked.push(...planned.problems);
    const key = [p.vendor_id, p.bank_code, p.branch_code, p.account_number, p.amount, p.reference ?? ''].join('\u0000');
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, row);
    else {
      checked.push(
        problem(
          file,
          row,
          'vendor_id',
          p.vendor_id,
          `${earlier}行目と同じ支払先・金額・参照です（二重払いでないか確認してください）`,
          `same payee, amount and reference as row ${earlier} (check this is not paid twice)`,
          'warning',
        ),
      );
    }
    if (planned.payment) payments.push(planned.payment);
  }
  problems.push(...columnsAsWritten(checked, file, table.written));
  const tooMuch = transferTotalProblem(
    file,
    payments.reduce((s, p) => s + p.transferred, 0),
  );
  if (tooMuch) problems.push(tooMuch);
  const rowErrors = problems.filter((p) => p.file === file && p.row > 1 && isError(p));
  const cells = rowErrors.length > 0 ? cellsByRow(input.data, file) : new Map();
  const refused = rowErrors
    .map((p) => ({
      row: p.row,
      column: p.column,
      value: p.value,
      message_ja: p.message_ja,
      message_en: p.message_en,
      cells: cells.get(p.row) ?? {},
    }))
    .sort((a, b) => a.row - b.row);
  return { payments, refused, problems };
}

/** One payable: its debit account, the holder and reference as the record holds them, the fee. */
function planRow(
  p: Payable,
  row: number,
  file: string,
  setup: PaymentCompany,
  bands: readonly TransferFeeBand[] | undefined,
): { payment?: Payment; problems: Problem[] } {
  const problems: Problem[] = [];
  const account = debitAccountOf(p.debit_account, setup, file, row);
  if ('problem' in account) problems.push(account.problem);
  const holder = zenginHolder(p.account_holder, file, row);
  if (holder.problem) problems.push(holder.problem);
  const reference = referenceOf(p.reference, setup.referenceField, file, row);
  if ('problem' in reference) problems.push(reference.problem);
  if ('problem' in account) return { problems };
  const destination = transferDestination(account.company, { bankCode: p.bank_code, branchCode: p.branch_code });
  const bankFee = bands ? transferFee(bands, destination, p.amount) : 0;
  const feeDeducted = p.fee_burden === 'payee' ? bankFee : 0;
  if (p.amount <= feeDeducted) {
    problems.push(
      problem(
        file,
        row,
        'amount',
        String(p.amount),
        `先方負担の振込手数料${feeDeducted}円を差し引くと振込金額が残りません`,
        `nothing is left to transfer after deducting the ${feeDeducted} yen fee the payee bears`,
      ),
    );
  }
  if ('problem' in reference || holder.value === undefined || problems.some(isError)) return { problems };
  const payment: Payment = {
    row,
    account: account.id,
    vendorId: p.vendor_id,
    vendorName: p.vendor_name,
    destination,
    amount: p.amount,
    feeBurden: p.fee_burden,
    bankFee,
    feeDeducted,
    transferred: p.amount - feeDeducted,
    reference: p.reference,
    line: {
      bankCode: p.bank_code,
      branchCode: p.branch_code,
      accountType: p.account_type,
      accountNumber: p.account_number,
      holder: holder.value,
      amount: p.amount - feeDeducted,
      ...reference.fields,
    },
  };
  return { payment, problems };
}

/** The debit account a payable names (`debit_account`), or the company's first when it names none. */
function debitAccountOf(id: string | undefined, setup: PaymentCompany, file: string, row: number): DebitAccount | { problem: Problem } {
  const account = id === undefined ? setup.accounts[0] : setup.accounts.find((a) => a.id !== '' && a.id === id);
  if (account) return account;
  const known = setup.accounts.map((a) => a.id).filter((x) => x !== '');
  return {
    problem: problem(
      file,
      row,
      'debit_account',
      id ?? '',
      known.length > 0
        ? `会社ファイルの debit_accounts にない引落口座です（${known.join(', ')}）`
        : '会社ファイルに debit_accounts がありません（引落口座は1つです。この列は空にしてください）',
      known.length > 0
        ? `not a debit account of the company file (${known.join(', ')})`
        : 'the company file lists no debit_accounts (one account: leave this column empty)',
    ),
  };
}

/** Every row's cells as text, each column optional: what a refused row said, even when it could not be read. */
function cellsByRow(data: Uint8Array | string, file: string): Map<number, Partial<Record<keyof Payable, string>>> {
  const asText = Object.fromEntries(Object.entries(payablesSchema).map(([key, c]) => [key, text(...c.aliases).asOptional()]));
  const table = readTable(data, asText, { file });
  return new Map(table.rows.map((r) => [r.row, r.value as Partial<Record<keyof Payable, string>>]));
}

/**
 * The 振込指定日 must be a day banks are open, within the known holiday tables: the business
 * day before is named. `column` is where the date was given (`date` of payables, `pay_date` of a
 * payroll or bonus run, whose pay date is its 給与振込's 振込指定日).
 * @example transferDateProblems('2026-12-31')[0]?.message_ja // '振込指定日が銀行の休業日です（…）。前営業日は2026-12-30です'
 */
export function transferDateProblems(date: IsoDate, column = 'date'): Problem[] {
  try {
    if (isBankBusinessDay(date)) return [];
    const before = bankBusinessDayOnOrBefore(date);
    return [
      problem(
        '',
        0,
        column,
        date,
        `振込指定日が銀行の休業日です（土日・祝日・12月31日〜1月3日）。前営業日は${before}です`,
        `the transfer date is not a bank business day (weekend, holiday, 31 Dec – 3 Jan); the business day before is ${before}`,
      ),
    ];
  } catch (e) {
    if (!(e instanceof HolidayRangeError)) throw e;
    return [problem('', 0, 'date', date, e.message_ja, e.message_en)];
  }
}

function feeBands(date: IsoDate, problems: Problem[]) {
  try {
    return defaultTransferFeeTable(date).bands;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

type ReferenceFields = Pick<PaymentTransferLine, 'edi' | 'customerCode1'>;

/** The payables' `reference` as EDI情報 or 顧客コード1, by the company's `reference_field`. */
function referenceOf(
  raw: string | undefined,
  field: PaymentCompany['referenceField'],
  file: string,
  row: number,
): { fields: ReferenceFields } | { problem: Problem } {
  if (raw === undefined) return { fields: {} };
  const refuse = (ja: string, en: string) => ({ problem: problem(file, row, 'reference', raw, ja, en) });
  if (field === 'customer_code') {
    const t = raw.normalize('NFKC');
    if (/^\d{1,10}$/.test(t)) return { fields: { customerCode1: t } };
    return refuse('顧客コードは10桁以内の数字です', 'a customer code (顧客コード) is up to 10 digits');
  }
  const k = toZenginKana(raw);
  if (!k.ok) {
    return refuse(
      `「${k.char}」は全銀のEDI情報に使えません（半角カナ・英大文字・数字・スペース・( ) . - /）`,
      `'${k.char}' cannot be written in the 全銀 EDI field (half-width kana, A–Z, 0–9, space, ( ) . - /)`,
    );
  }
  if (k.value.length > EDI_LENGTH) {
    return refuse(
      `EDI情報は半角${EDI_LENGTH}文字までです（「${k.value}」は${k.value.length}文字）`,
      `the EDI field holds ${EDI_LENGTH} half-width characters ("${k.value}" has ${k.value.length})`,
    );
  }
  return { fields: { edi: k.value } };
}

/** One 総合振込 file: the payments from one debit account. */
export interface PaymentFile {
  /** The debit account's id ('' for a company with one account). */
  readonly account: string;
  readonly data: Uint8Array;
  readonly count: number;
  /** Σ 振込金額, the trailer's 合計金額. */
  readonly total: Yen;
}

/**
 * The 総合振込 files of a plan: one per debit account that pays anything, in the company file's order.
 * @example paymentFiles(plan, company, '2026-06-30') // [{account: '', data: …, count: 6, total: 564_140}]
 */
export function paymentFiles(plan: PaymentPlan, setup: PaymentCompany, date: IsoDate): PaymentFile[] {
  return setup.accounts.flatMap(({ id, company }) => {
    const lines = plan.payments.filter((p) => p.account === id).map((p) => p.line);
    if (lines.length === 0) return [];
    const total = lines.reduce((s, l) => s + l.amount, 0);
    return [{ account: id, data: generalTransferFile(company, date, lines), count: lines.length, total }];
  });
}

/**
 * Where an account's file goes: the path given, with `-{id}` before its extension when the company
 * has several accounts.
 * @example accountFilePath('out/sogo.txt', 'main') // 'out/sogo-main.txt'
 */
export function accountFilePath(path: string, id: string): string {
  if (id === '') return path;
  const m = /^(.*[^/\\.])(\.[^./\\]*)$/.exec(path);
  return m ? `${m[1]}-${id}${m[2]}` : `${path}-${id}`;
}

export const PAYMENT_LIST_COLUMNS = [
  'status',
  'row',
  'vendor_id',
  'vendor_name',
  'bank_code',
  'branch_code',
  'account_type',
  'account_number',
  'account_holder',
  'destination',
  'amount',
  'fee_burden',
  'bank_fee',
  'fee_deducted',
  'transferred',
  'reference',
  'debit_account',
  'column',
  'reason',
] as const;

const DESTINATION_NAMES: Readonly<Record<TransferDestination, string>> = {
  sameBranch: '同一店',
  sameBank: '本支店',
  otherBank: '他行',
};

const BURDEN_NAMES: Readonly<Record<FeeBurden, string>> = { payer: '当方', payee: '先方' };

/**
 * The payment list: a header, then each payment (status `paid`) and each refusal (status
 * `refused`, one line per problem with its column and reason), in the order of the payables file.
 * Written with core/csv/write.ts, so no cell can run as a formula.
 */
export function paymentListRows(plan: PaymentPlan): Cell[][] {
  const lines: { row: number; cells: Cell[] }[] = [];
  for (const p of plan.payments) {
    lines.push({
      row: p.row,
      cells: [
        'paid',
        p.row,
        p.vendorId,
        p.vendorName,
        p.line.bankCode,
        p.line.branchCode,
        p.line.accountType,
        p.line.accountNumber,
        p.line.holder,
        DESTINATION_NAMES[p.destination],
        p.amount,
        BURDEN_NAMES[p.feeBurden],
        p.bankFee,
        p.feeDeducted,
        p.transferred,
        p.reference ?? '',
        p.account,
        '',
        '',
      ],
    });
  }
  for (const r of plan.refused) {
    const v = r.cells;
    lines.push({
      row: r.row,
      cells: [
        'refused',
        r.row,
        v.vendor_id,
        v.vendor_name,
        v.bank_code,
        v.branch_code,
        v.account_type,
        v.account_number,
        v.account_holder,
        '',
        v.amount,
        v.fee_burden,
        '',
        '',
        '',
        v.reference,
        v.debit_account,
        r.column,
        `${r.message_ja} / ${r.message_en}`,
      ],
    });
  }
  // Stable: within one row, the payment or its refusals keep the order they were found in.
  lines.sort((a, b) => a.row - b.row);
  return [[...PAYMENT_LIST_COLUMNS], ...lines.map((l) => l.cells)];
}
