/**
 * The input of an invoice batch (`urakata invoices`, the Lambda batch, the panes): the columns of
 * the CSV, one row per line item,
 * rows grouped by invoice number, an issuer JSON. An invoice with any bad row is rejected whole
 * (never issued with lines missing); every other invoice is issued.
 */
import { unsafeFieldProblem } from '../field-problems.js';
import { date, decimal, normalizeKey, oneOf, shortText, yen, yesNo } from '../csv/columns.js';
import type { RowOf, TableRow } from '../csv/table.js';
import { isError, problem, type Problem } from '../errors.js';
import type { InvoiceTaxMode } from '../money/rounding.js';
import type { BankAccount, InvoiceInput, Issuer } from './invoice.js';
import { type PeppolId, parsePeppolId } from './pint-rules.js';
import type { TaxRateKey } from './rates.js';
import { checkRegistrationNumber, REGISTRATION_MESSAGES } from './registration.js';
import type { PriceBasis } from './tax.js';

/** How users write a rate in a cell: 10, 10%, 8%※, 軽減, 非課税 … */
export const TAX_RATE_ALIASES: Readonly<Record<string, TaxRateKey>> = {
  '10': '10',
  '10%': '10',
  '8': '8',
  '8%': '8',
  '8%※': '8',
  軽減: '8',
  // A percent cell as a spreadsheet hands it over (10% is 0.1): no rate of Japan's is 0.1 or 0.08 %.
  '0.1': '10',
  '0.08': '8',
  '0': '0',
  '0%': '0',
  非課税: '0',
  不課税: 'out',
  対象外: 'out',
  課税対象外: 'out',
};

/** Input columns: English snake_case first, then the Japanese header. */
export const INVOICE_LINE_COLUMNS = {
  invoice_no: shortText(64, 'invoice_no', '請求書番号'),
  issue_date: date('issue_date', '請求日'),
  due_date: date('due_date', '支払期限'),
  customer_id: shortText(64, 'customer_id', '取引先コード'),
  customer_name: shortText(120, 'customer_name', '取引先名').withDefault(''),
  customer_honorific: shortText(10, 'customer_honorific', '敬称').withDefault('御中'),
  customer_address: shortText(200, 'customer_address', '住所').asOptional(),
  customer_registration_number: shortText(20, 'customer_registration_number', '取引先登録番号').asOptional(),
  transaction_date: date('transaction_date', '取引日').asOptional(),
  item: shortText(200, 'item', '品目'),
  quantity: decimal('quantity', '数量'),
  unit: shortText(10, 'unit', '単位').asOptional(),
  unit_price: yen('unit_price', '単価'),
  tax_rate: oneOf(TAX_RATE_ALIASES, 'tax_rate', '税率'),
  note: shortText(500, 'note', '備考').asOptional(),
  withholding: yesNo('withholding', '源泉徴収').withDefault(false),
  /** Peppol participant id of the customer, `scheme:id` (JP PINT buyer electronic address). */
  customer_endpoint: shortText(100, 'customer_endpoint', '取引先PeppolID').asOptional(),
} as const;

export type InvoiceLineRow = RowOf<typeof INVOICE_LINE_COLUMNS>;

/** Just the invoice number, to group rows (and reject a whole invoice when one of its rows is bad). */
export const INVOICE_NUMBER_COLUMN = { invoice_no: INVOICE_LINE_COLUMNS.invoice_no } as const;

/**
 * Invoice numbers become file names (`{invoice_no}.pdf`), zip entries and S3 keys, opened by
 * accountants on Windows: letters and digits (any script, full-width included) and - _ . # ( ),
 * starting with a letter or digit. Nothing that a file system or a reader could take for
 * something else: no slashes or their look-alikes (∕ ／ ⧸ ⁄), no invisible or direction-changing
 * characters, no `..`, and not a Windows device name (CON, NUL, COM1, PRN.txt …).
 */
const SAFE_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}\-_.#()（）ー－]{0,63}$/u;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** @example isSafeInvoiceNumber('INV-2026-05-001') // true ; isSafeInvoiceNumber('../x') // false ; isSafeInvoiceNumber('CON') // false */
export function isSafeInvoiceNumber(no: string): boolean {
  return SAFE_NUMBER.test(no) && !no.includes('..') && !WINDOWS_DEVICE.test(no.split('.')[0]?.normalize('NFKC').trim() ?? '');
}

/**
 * The file an invoice is issued as, by its (safe) number: the PDF, and its JP PINT XML beside it —
 * in the CLI's folder, the batch's ZIP and manifest, the stored key, a download's name.
 * @example invoiceFileName('INV-2026-05-001', 'pdf') // 'INV-2026-05-001.pdf'
 */
export function invoiceFileName(invoiceNo: string, ext: 'pdf' | 'xml'): string {
  return `${invoiceNo}.${ext}`;
}

/**
 * Builds one invoice from its rows; the fields that belong to the invoice (dates, customer)
 * must agree on every row. Warnings (a customer registration number whose check digit does not
 * match) come back alongside a usable invoice.
 * @example invoiceFromRows(rows, 'lines.csv') // { input: { invoice_no: 'INV-1', lines: [...] }, problems: [] }
 */
export function invoiceFromRows(
  rows: readonly TableRow<InvoiceLineRow>[],
  file: string,
): { input: InvoiceInput | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const first = rows[0];
  if (!first) return { input: undefined, problems };
  const head = first.value;
  if (!isSafeInvoiceNumber(head.invoice_no)) {
    problems.push(
      problem(
        file,
        first.row,
        'invoice_no',
        head.invoice_no,
        '請求書番号は64文字以内の文字・数字と - _ . # ( ) で、文字か数字で始めてください（CON・NUL など Windows の予約名は不可）',
        'invoice number: up to 64 letters, digits and - _ . # ( ), starting with a letter or digit (not a Windows device name such as CON or NUL)',
      ),
    );
  }
  const shared = [
    'issue_date',
    'due_date',
    'customer_id',
    'customer_name',
    'customer_honorific',
    'customer_address',
    'customer_registration_number',
    'customer_endpoint',
  ] as const;
  for (const r of rows.slice(1)) {
    for (const key of shared) {
      if ((r.value[key] ?? '') !== (head[key] ?? '')) {
        problems.push(
          problem(
            file,
            r.row,
            key,
            String(r.value[key] ?? ''),
            `同じ請求書番号の行で値が異なります（${first.row}行目: ${head[key] ?? ''}）`,
            `differs from row ${first.row} of the same invoice (${head[key] ?? ''})`,
          ),
        );
      }
    }
  }
  let customerNumber: string | undefined;
  if (head.customer_registration_number) {
    const check = checkRegistrationNumber(head.customer_registration_number);
    if (check.status === 'malformed') {
      const m = REGISTRATION_MESSAGES.malformed;
      problems.push(problem(file, first.row, 'customer_registration_number', head.customer_registration_number, m.ja, m.en));
    } else {
      customerNumber = check.number;
      if (check.status === 'checkDigitMismatch') {
        const m = REGISTRATION_MESSAGES.checkDigitMismatch;
        problems.push(problem(file, first.row, 'customer_registration_number', head.customer_registration_number, m.ja, m.en, 'warning'));
      }
    }
  }
  let endpoint: PeppolId | undefined;
  if (head.customer_endpoint) {
    const id = parsePeppolId(head.customer_endpoint);
    if (id.ok) endpoint = id.value;
    else problems.push(problem(file, first.row, 'customer_endpoint', head.customer_endpoint, id.ja, id.en));
  }
  const input: InvoiceInput = {
    invoice_no: head.invoice_no,
    issue_date: head.issue_date,
    due_date: head.due_date,
    customer: {
      id: head.customer_id,
      name: head.customer_name,
      honorific: head.customer_honorific,
      ...(head.customer_address ? { address: head.customer_address } : {}),
      ...(customerNumber ? { registration_number: customerNumber } : {}),
      ...(endpoint ? { endpoint } : {}),
    },
    lines: rows.map((r) => ({
      row: r.row,
      item: r.value.item,
      quantity: r.value.quantity,
      unit_price: r.value.unit_price,
      tax_rate: r.value.tax_rate,
      withholding: r.value.withholding,
      ...(r.value.transaction_date ? { transaction_date: r.value.transaction_date } : {}),
      ...(r.value.unit ? { unit: r.value.unit } : {}),
      ...(r.value.note ? { note: r.value.note } : {}),
    })),
  };
  return { input, problems };
}

/** Lines and characters of an issuer's `notes`: what the last page of an invoice holds below its totals. */
const MAX_NOTE_LINES = 8;
const MAX_NOTE_CHARS = 400;

/**
 * Reads and checks the issuer JSON. The issuer's own registration number must be `T` + 13 digits;
 * one whose first digit is not the 法人番号 check digit is a warning, as for any T-number: a sole
 * proprietor's number has no published check digit (invoice.md §1.4), and refusing it would
 * refuse every 個人事業者. The warning asks to check the number, since a typo there would make
 * every invoice of the batch worthless to its recipients. A text field holding a control character
 * (a line break or tab too, but in `address` and `notes`, which may run over several lines), a
 * direction override, a noncharacter or an unpaired surrogate is refused, named by its path
 * (`name`, `bank.account_holder`).
 * @example parseIssuer(JSON.parse(text), 'issuer.json') // { issuer: { name: '株式会社サンプル商事', … }, problems: [] }
 */
export function parseIssuer(json: unknown, file: string): { issuer: Issuer | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const need = (ja: string, en: string, key: string, value = '') => problems.push(problem(file, 0, key, value, ja, en));
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    need('JSONオブジェクトを指定してください', 'must be a JSON object', '');
    return { issuer: undefined, problems };
  }
  const o = json as Record<string, unknown>;
  // Every text field is screened for characters that are not text (core/characters.ts): U+000B
  // or an unpaired surrogate in one was printed on every PDF of the batch.
  const clean = (path: string, text: string, lines: 'one line' | 'lines' = 'one line'): string | undefined => {
    const bad = unsafeFieldProblem(file, path, text, lines);
    if (bad) problems.push(bad);
    return bad ? undefined : text;
  };
  const str = (key: string, required: boolean, lines: 'one line' | 'lines' = 'one line'): string | undefined => {
    const v = o[key];
    if (typeof v === 'string' && v.trim() !== '') return clean(key, v.trim(), lines);
    if (v !== undefined && typeof v !== 'string') need('文字列で指定してください', 'must be a string', key, String(v));
    else if (required) need('必須項目です', 'is required', key);
    return undefined;
  };
  const name = str('name', true);
  // The address and the notes may run over several lines (〒 and the street; a note of a few lines).
  const address = str('address', true, 'lines');
  const phone = str('phone', true);
  const email = str('email', false);
  const notes = str('notes', false, 'lines');
  // As much as the last page holds below the totals and the bank details.
  if (notes !== undefined && (notes.split('\n').length > MAX_NOTE_LINES || Array.from(notes).length > MAX_NOTE_CHARS))
    need(
      `備考は${MAX_NOTE_LINES}行・${MAX_NOTE_CHARS}文字までです`,
      `notes hold at most ${MAX_NOTE_LINES} lines and ${MAX_NOTE_CHARS} characters`,
      'notes',
      `${Array.from(notes).slice(0, 40).join('')}…`,
    );
  const endpointText = str('endpoint', false);
  let endpoint: PeppolId | undefined;
  if (endpointText !== undefined) {
    const id = parsePeppolId(endpointText);
    if (id.ok) endpoint = id.value;
    else need(id.ja, id.en, 'endpoint', endpointText);
  }
  const numberText = str('registration_number', true);
  let registration: string | undefined;
  if (numberText !== undefined) {
    const check = checkRegistrationNumber(numberText);
    if (check.status === 'malformed')
      need(REGISTRATION_MESSAGES.malformed.ja, REGISTRATION_MESSAGES.malformed.en, 'registration_number', numberText);
    else {
      registration = check.number;
      if (check.status === 'checkDigitMismatch') {
        const m = REGISTRATION_MESSAGES.checkDigitMismatch;
        problems.push(
          problem(file, 0, 'registration_number', numberText, `自社の登録番号: ${m.ja}`, `the issuer’s own number: ${m.en}`, 'warning'),
        );
      }
    }
  }
  const choice = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const v = o[key];
    if (v === undefined) return fallback;
    const k = typeof v === 'string' ? normalizeKey(v) : '';
    const found = allowed.find((a) => a === k);
    if (found) return found;
    need(`${allowed.join(' / ')} のいずれかを指定してください`, `must be one of ${allowed.join(' / ')}`, key, String(v));
    return fallback;
  };
  const rounding = choice<InvoiceTaxMode>('rounding', ['floor', 'round', 'ceil'], 'floor');
  const prices = choice<PriceBasis>('prices', ['exclusive', 'inclusive'], 'exclusive');
  const document = choice<'invoice' | 'simplified'>('document', ['invoice', 'simplified'], 'invoice');
  let bank: BankAccount | undefined;
  if (o.bank !== undefined) {
    const b = o.bank as Record<string, unknown>;
    const keys = ['bank_name', 'branch_name', 'account_type', 'account_number', 'account_holder'] as const;
    const values: Partial<Record<(typeof keys)[number], string>> = {};
    for (const k of keys) {
      const v = typeof b === 'object' && b !== null ? b[k] : undefined;
      if (typeof v !== 'string' || v.trim() === '') need('振込先の必須項目です', 'bank account field is required', `bank.${k}`);
      else {
        const text = clean(`bank.${k}`, v.trim());
        if (text !== undefined) values[k] = text;
      }
    }
    if (keys.every((k) => values[k] !== undefined)) bank = values as BankAccount;
  }
  if (problems.some(isError) || !name || !address || !phone || !registration) return { issuer: undefined, problems };
  return {
    issuer: {
      name,
      registration_number: registration,
      address,
      phone,
      rounding,
      prices,
      document,
      ...(email ? { email } : {}),
      ...(notes ? { notes } : {}),
      ...(bank ? { bank } : {}),
      ...(endpoint ? { endpoint } : {}),
    },
    problems,
  };
}
