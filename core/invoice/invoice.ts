/**
 * One qualified invoice (適格請求書) from its lines: document kind, line amounts, per-rate totals and
 * tax, 源泉徴収, amount due. Everything a PDF or a JP PINT XML prints comes from here, so both
 * always agree.
 */
import { compareDates, type IsoDate } from '../dates/calendar.js';
import { problem, type Problem } from '../errors.js';
import { legalFormOfName } from '../kana/legal-forms.js';
import type { Rate } from '../money/rate.js';
import type { InvoiceTaxMode } from '../money/rounding.js';
import type { Yen } from '../money/yen.js';
import type { PeppolId } from './pint-rules.js';
import { consumptionTaxOn, QUALIFIED_INVOICE_START, type TaxRateKey, withholdingOn } from './rates.js';
import { lineAmount, type PriceBasis, type RateTotal, totalsByRate, withholdingTax } from './tax.js';

/**
 * The most an invoice's lines may add up to (Σ of their absolute amounts): 1,000兆円. Far past any
 * real invoice, and with 10 % tax on it still an exact whole number of yen (below 2^53).
 */
const MAX_INVOICE_LINES_TOTAL = 1_000_000_000_000_000;

/**
 * 適格請求書 (57条の4①), 適格簡易請求書 (57条の4②: no recipient needed; for 小売・飲食・タクシー等),
 * 適格返還請求書 (57条の4③: 返品・値引き — a document whose total is negative).
 */
export type DocumentKind = 'invoice' | 'simplified' | 'credit';

export interface BankAccount {
  readonly bank_name: string;
  readonly branch_name: string;
  /** 普通 / 当座 */
  readonly account_type: string;
  readonly account_number: string;
  readonly account_holder: string;
}

export interface Issuer {
  readonly name: string;
  /** Normalised "T" + 13 digits. */
  readonly registration_number: string;
  readonly address: string;
  readonly phone: string;
  readonly email?: string;
  readonly bank?: BankAccount;
  readonly rounding: InvoiceTaxMode;
  readonly prices: PriceBasis;
  /** 'simplified' issues 適格簡易請求書 (only for businesses allowed to, e.g. retail); default 'invoice'. */
  readonly document?: 'invoice' | 'simplified';
  /** Printed under 備考 on every invoice (e.g. 振込手数料は貴社にてご負担ください). */
  readonly notes?: string;
  /** Peppol participant id (JP PINT seller electronic address); default from the registration number. */
  readonly endpoint?: PeppolId;
}

export interface Customer {
  readonly id: string;
  readonly name: string;
  /** 敬称, default 御中. */
  readonly honorific: string;
  readonly address?: string;
  readonly registration_number?: string;
  /** Peppol participant id (JP PINT buyer electronic address, ibt-049). */
  readonly endpoint?: PeppolId;
}

export interface InvoiceLineInput {
  /** Row in the source file, for error messages. */
  readonly row: number;
  readonly transaction_date?: IsoDate;
  readonly item: string;
  readonly quantity: Rate;
  readonly unit?: string;
  readonly unit_price: Yen;
  readonly tax_rate: TaxRateKey;
  readonly note?: string;
  /** 源泉徴収の対象 (報酬・料金). */
  readonly withholding: boolean;
}

export interface InvoiceInput {
  readonly invoice_no: string;
  readonly issue_date: IsoDate;
  readonly due_date: IsoDate;
  readonly customer: Customer;
  readonly lines: readonly InvoiceLineInput[];
}

export interface InvoiceLine extends InvoiceLineInput {
  /** 単価 × 数量 (税抜 or 税込 as the issuer's prices). */
  readonly amount: Yen;
}

export interface Invoice {
  readonly kind: DocumentKind;
  readonly invoice_no: string;
  readonly issue_date: IsoDate;
  readonly due_date: IsoDate;
  /** 取引年月日 or the period (一定の期間) covered: first and last transaction date. */
  readonly period: { readonly start: IsoDate; readonly end: IsoDate };
  readonly issuer: Issuer;
  readonly customer: Customer;
  readonly lines: readonly InvoiceLine[];
  readonly prices: PriceBasis;
  readonly rounding: InvoiceTaxMode;
  readonly byRate: readonly RateTotal[];
  /** Σ base (税抜). */
  readonly subtotal: Yen;
  /** Σ tax. */
  readonly tax: Yen;
  /** 税込合計 = subtotal + tax. */
  readonly total: Yen;
  /** 源泉徴収税額 (0 when no line is subject to it). */
  readonly withholding: Yen;
  /** 差引ご請求額 = total − withholding. */
  readonly amount_due: Yen;
}

export type InvoiceResult = { readonly ok: true; readonly invoice: Invoice } | { readonly ok: false; readonly problems: Problem[] };

/**
 * Computes an invoice, or lists why it cannot be issued (each problem names a row and column).
 * @example
 * computeInvoice({ invoice_no: 'INV-1', issue_date: '2026-05-31', due_date: '2026-06-30', customer, lines }, issuer, 'lines.csv')
 * // { ok: true, invoice: { byRate: [{ rate: '10', base: 40900, tax: 4090, … }], total: … } }
 */
export function computeInvoice(input: InvoiceInput, issuer: Issuer, file = ''): InvoiceResult {
  const problems: Problem[] = [];
  const firstRow = input.lines[0]?.row ?? 0;
  if (input.lines.length === 0) {
    problems.push(problem(file, 0, 'invoice_no', input.invoice_no, '明細がありません', 'the invoice has no lines'));
  }
  if (compareDates(input.issue_date, QUALIFIED_INVOICE_START) < 0) {
    problems.push(
      problem(
        file,
        firstRow,
        'issue_date',
        input.issue_date,
        '適格請求書は2023年10月1日以降の日付でのみ発行できます',
        'qualified invoices exist from 2023-10-01 only',
      ),
    );
  }
  if (compareDates(input.due_date, input.issue_date) < 0) {
    problems.push(problem(file, firstRow, 'due_date', input.due_date, '支払期限が請求日より前です', 'due date is before the issue date'));
  }
  const ratesPeriod = consumptionTaxOn(input.issue_date);
  if (!ratesPeriod) {
    problems.push(
      problem(
        file,
        firstRow,
        'issue_date',
        input.issue_date,
        'この日付の消費税率は登録されていません',
        'no consumption-tax rates are known for this date',
      ),
    );
  }
  const lines: InvoiceLine[] = [];
  for (const line of input.lines) {
    const date = line.transaction_date ?? input.issue_date;
    const period = consumptionTaxOn(date);
    if (period !== ratesPeriod) {
      problems.push(
        problem(
          file,
          line.row,
          'transaction_date',
          date,
          '取引日と請求日で消費税率の表が異なります（税率改定をまたぐ請求書は分けてください）',
          'transaction date and issue date fall under different consumption-tax tables; split the invoice',
        ),
      );
    }
    try {
      const amount = lineAmount(line.unit_price, line.quantity);
      lines.push({ ...line, amount });
      // 適格返還請求書 (消費税法57条の4③): the date of the sale a return or discount is for must be
      // stated; the issue date would be a made-up one.
      if (amount < 0 && line.transaction_date === undefined) {
        problems.push(
          problem(
            file,
            line.row,
            'transaction_date',
            '',
            '返品・値引きの明細には元の取引日が必要です（適格返還請求書の記載事項: 対価の返還等の基となった取引の年月日）',
            'a return or discount line needs the date of the original sale (a qualified credit note must state it)',
          ),
        );
      }
    } catch {
      problems.push(problem(file, line.row, 'quantity', '', '金額が大きすぎます', 'amount is too large'));
    }
  }
  // Each line is within a line's limit, but together they may not be: past 2^53 yen are not exact.
  if (lines.reduce((a, l) => a + Math.abs(l.amount), 0) > MAX_INVOICE_LINES_TOTAL) {
    for (const l of lines) {
      problems.push(
        problem(
          file,
          l.row,
          'unit_price',
          '',
          '請求書の明細の合計が1,000兆円を超えています',
          'the invoice’s lines add up to more than 1,000 trillion yen',
        ),
      );
    }
  }
  // 源泉徴収 is withheld from 報酬・料金 paid to an individual (所得税法204条1項「居住者に対し」): an
  // issuer whose name carries a 法人格 is paid in full. It had asked for ¥15,315 less and booked
  // it to 仮払税金.
  const company = legalFormOfName(issuer.name);
  const withheldLine = lines.find((l) => l.withholding);
  if (company && withheldLine) {
    problems.push(
      problem(
        file,
        withheldLine.row,
        'withholding',
        'yes',
        `源泉徴収は個人への報酬の支払で行われます。発行者「${issuer.name}」は法人（${company.ja}）のため付けられません`,
        `源泉徴収 is withheld from fees paid to an individual; the issuer ${issuer.name} is a company (${company.ja})`,
      ),
    );
  }
  const withholdingPeriod = withholdingOn(input.due_date);
  if (lines.some((l) => l.withholding) && !withholdingPeriod) {
    problems.push(
      problem(
        file,
        firstRow,
        'due_date',
        input.due_date,
        'この日付の源泉徴収税率は登録されていません',
        'no withholding rates are known for this date',
      ),
    );
  }
  const kindWanted = issuer.document ?? 'invoice';
  if (kindWanted === 'invoice' && input.customer.name.trim() === '') {
    problems.push(
      problem(file, firstRow, 'customer_name', '', '適格請求書には取引先名が必要です', 'a qualified invoice needs the customer’s name'),
    );
  }
  if (problems.length > 0 || !ratesPeriod) return { ok: false, problems };

  const byRate = totalsByRate(
    lines.map((l) => ({ amount: l.amount, rate: l.tax_rate })),
    issuer.rounding,
    issuer.prices,
    ratesPeriod.rates,
  );
  const subtotal = byRate.reduce((a, r) => a + r.base, 0);
  const tax = byRate.reduce((a, r) => a + r.tax, 0);
  const total = subtotal + tax;
  // 報酬 and 消費税 are shown separately on the invoice, so withholding may be computed on the
  // tax-exclusive amount (国税庁 法令解釈通達「消費税法等の施行に伴う源泉所得税の取扱いについて」;
  // タックスアンサー No.2795). With tax-inclusive prices the per-line tax is not separated, so the
  // tax-inclusive amount is the base (the rule's 原則).
  const withholdingBase = lines.filter((l) => l.withholding).reduce((a, l) => a + l.amount, 0);
  const withholding = withholdingPeriod && withholdingBase !== 0 ? withholdingTax(withholdingBase, withholdingPeriod) : 0;
  const dates = lines.map((l) => l.transaction_date ?? input.issue_date).sort();
  const kind: DocumentKind = total < 0 ? 'credit' : kindWanted;
  return {
    ok: true,
    invoice: {
      kind,
      invoice_no: input.invoice_no,
      issue_date: input.issue_date,
      due_date: input.due_date,
      period: { start: dates[0] ?? input.issue_date, end: dates[dates.length - 1] ?? input.issue_date },
      issuer,
      customer: input.customer,
      lines,
      prices: issuer.prices,
      rounding: issuer.rounding,
      byRate,
      subtotal,
      tax,
      total,
      withholding,
      amount_due: total - withholding,
    },
  };
}
