/**
 * JP PINT (Peppol BIS Standard Invoice JP PINT, デジタル庁): a UBL 2.1 Invoice per document, or a
 * UBL CreditNote for a 適格返還請求書. Written to satisfy the JP rules of PINT-JP 1.1.x:
 * aligned-ibr-jp-01/04 (seller T-number), -05/-06 (JPY, no decimals in tax), aligned-ibrp-051-jp
 * (floor(base×rate) ≤ tax ≤ ceil(base×rate) — true for any of the three rounding modes),
 * aligned-ibrp-052 (InvoicePeriod), -053-jp (one TaxTotal amount), -050-jp (every line has a tax
 * category and rate), aligned-ibrp-cl-01-jp (S/AA/E), aligned-ibrp-cl-02-jp (type code 380).
 * Customisation `urn:peppol:pint:billing-1@jp-1`, profile `urn:peppol:bis:billing`.
 */
import { problem, type Problem } from '../errors.js';
import { allocate, allocateSigned } from '../money/allocate.js';
import { divideYen } from '../money/rate.js';
import { halfUp } from '../money/rounding.js';
import type { Invoice, InvoiceLine } from './invoice.js';
import { consumptionTaxOn, type TaxRateKey } from './rates.js';
import { quantityText } from './format.js';
import { checkRegistrationNumber } from './registration.js';

export const PINT_CUSTOMIZATION_ID = 'urn:peppol:pint:billing-1@jp-1';
export const PINT_PROFILE_ID = 'urn:peppol:bis:billing';
/** Electronic address scheme 0188 = Japanese Corporate Number (法人番号). */
export const CORPORATE_NUMBER_SCHEME = '0188';

/** UBL tax category: S standard 10 %, AA reduced 8 %, E exempt (非課税), O outside the tax (不課税). */
export const TAX_CATEGORY: Readonly<Record<TaxRateKey, 'S' | 'AA' | 'E' | 'O'>> = { '10': 'S', '8': 'AA', '0': 'E', out: 'O' };

const NS = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const el = (name: string, content: string, attrs = ''): string => `<${name}${attrs}>${content}</${name}>`;
const text = (name: string, value: string, attrs = ''): string => el(name, esc(value), attrs);
const yen = (name: string, amount: number): string => text(name, String(amount), ' currencyID="JPY"');

function taxCategory(tag: 'cac:TaxCategory' | 'cac:ClassifiedTaxCategory', key: TaxRateKey): string {
  // E carries rate 0; O carries no rate at all (aligned-ibrp-o-…-jp), only the reason.
  const percent = key === 'out' ? '' : text('cbc:Percent', key);
  const exemption = key === '0' ? text('cbc:TaxExemptionReason', '非課税') : key === 'out' ? text('cbc:TaxExemptionReason', '不課税') : '';
  return el(tag, text('cbc:ID', TAX_CATEGORY[key]) + percent + exemption + el('cac:TaxScheme', text('cbc:ID', 'VAT')));
}

function party(name: string, registration: string | undefined, address: string | undefined, withTaxScheme: boolean): string {
  // Scheme 0188 is the 法人番号: only a number that passes its check digit is one (a sole
  // proprietor's 13 digits are not), so other numbers give no electronic address.
  const corporate = registration !== undefined && checkRegistrationNumber(registration).status === 'valid';
  const endpoint = corporate ? text('cbc:EndpointID', registration.slice(1), ` schemeID="${CORPORATE_NUMBER_SCHEME}"`) : '';
  const postal = el(
    'cac:PostalAddress',
    (address ? text('cbc:StreetName', address) : '') + el('cac:Country', text('cbc:IdentificationCode', 'JP')),
  );
  const tax =
    withTaxScheme && registration
      ? el('cac:PartyTaxScheme', text('cbc:CompanyID', registration) + el('cac:TaxScheme', text('cbc:ID', 'VAT')))
      : '';
  return el('cac:Party', endpoint + postal + tax + el('cac:PartyLegalEntity', text('cbc:RegistrationName', name)));
}

/**
 * UBL line amounts are tax-exclusive. With tax-inclusive prices the tax exists only per rate, so
 * each rate's tax-exclusive base is shared out over its lines in proportion to their amounts
 * (largest remainder: the lines add up to the base exactly). A rate with sales and returns
 * (lines of both signs) shares out its tax instead, by signed amount, each line keeping its
 * gross less its share; a rate whose lines cancel out has no tax, and its lines stay as they are.
 */
function netLineAmounts(inv: Invoice): number[] {
  if (inv.prices === 'exclusive') return inv.lines.map((l) => l.amount);
  const out = inv.lines.map((l) => l.amount);
  for (const r of inv.byRate) {
    const idx = inv.lines.flatMap((l, i) => (l.tax_rate === r.rate ? [i] : []));
    const amounts = idx.map((i) => inv.lines[i]?.amount ?? 0);
    if (r.gross === 0 || amounts.every((a) => a === 0)) continue;
    const sameSign = amounts.every((a) => Math.sign(a) === Math.sign(r.gross) || a === 0);
    const shares = sameSign
      ? allocate(r.base, amounts.map(Math.abs))
      : allocateSigned(r.tax, amounts).map((tax, k) => (amounts[k] ?? 0) - tax);
    shares.forEach((share, k) => {
      const i = idx[k];
      if (i !== undefined) out[i] = share;
    });
  }
  return out;
}

/**
 * Rates whose tax breaks aligned-ibrp-051-jp: floor(base × rate) ≤ tax ≤ ceiling(base × rate).
 * Tax-exclusive prices never do. With tax-inclusive prices the tax is backed out of the gross
 * (gross × r/(1+r)) and base = gross − tax; then base × r = tax + (exact − tax)(1 + r), so under
 * 切捨て a fraction ≥ 1/(1+r) (≈ 0.926 at 8 %, 0.909 at 10 %) — or under 切上げ the mirror case — puts
 * the tax one yen outside the PINT window although the invoice is legally right. 四捨五入 never does.
 * @example pintRoundingConflicts(invoiceWithGross1283471At8PercentFloor) // ['8']
 */
export function pintRoundingConflicts(inv: Invoice): TaxRateKey[] {
  const rates = consumptionTaxOn(inv.issue_date)?.rates;
  if (!rates) return inv.byRate.map((r) => r.rate);
  return inv.byRate
    .filter((r) => {
      const x = BigInt(r.base) * BigInt(rates[r.rate].num);
      const den = BigInt(rates[r.rate].den);
      // floor(x/den) ≤ tax ⇔ x < (tax+1)·den ; tax ≤ ceil(x/den) ⇔ (tax−1)·den < x.
      return !(x < (BigInt(r.tax) + 1n) * den && (BigInt(r.tax) - 1n) * den < x);
    })
    .map((r) => r.rate);
}

/**
 * The warning when an invoice's XML is not written because of {@link pintRoundingConflicts} (the
 * PDF is issued all the same); none when the invoice has no such rate.
 * @example pintRoundingWarning(invoiceWithGross1283471At8PercentFloor, 'lines.csv', 2) // { row: 2, column: 'invoice_no', severity: 'warning', message_ja: '税込価格からの逆算（8%）で…' }
 */
export function pintRoundingWarning(inv: Invoice, file: string, row: number): Problem | undefined {
  const conflicts = pintRoundingConflicts(inv);
  if (conflicts.length === 0) return undefined;
  return problem(
    file,
    row,
    'invoice_no',
    inv.invoice_no,
    `税込価格からの逆算（${conflicts.map((r) => `${r}%`).join('・')}）で税額がJP PINTの許容範囲（aligned-ibrp-051-jp）から1円外れるため、XMLは作成していません（PDFは発行済み）。発行者の端数処理を四捨五入にすると起きません`,
    `no JP PINT XML: the tax backed out of tax-inclusive prices is one yen outside aligned-ibrp-051-jp (the PDF is issued); rounding 'round' never hits this`,
    'warning',
  );
}

/**
 * The invoice as JP PINT UBL XML.
 * @example pintXml(invoice) // '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns=…><cbc:CustomizationID>urn:peppol:pint:billing-1@jp-1…'
 */
export function pintXml(inv: Invoice): string {
  const credit = inv.kind === 'credit';
  // A CreditNote states the returned amounts as positive figures.
  const sign = credit ? -1 : 1;
  const root = credit ? 'CreditNote' : 'Invoice';
  const nets = netLineAmounts(inv);
  const lines = inv.lines
    .map((l: InvoiceLine, i) => {
      const qty = quantityText({ num: sign * l.quantity.num, den: l.quantity.den }).replace(/,/g, '');
      const net = sign * (nets[i] ?? l.amount);
      // With tax-inclusive prices the net unit price is the line's net amount per unit (四捨五入 to the yen).
      const priceAmount =
        inv.prices === 'exclusive' || l.quantity.num === 0
          ? l.unit_price
          : divideYen(BigInt(Math.abs(net)) * BigInt(l.quantity.den), BigInt(Math.abs(l.quantity.num)), halfUp);
      return el(
        credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine',
        text('cbc:ID', String(i + 1)) +
          (l.note ? text('cbc:Note', l.note) : '') +
          text(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', qty, ' unitCode="H87"') +
          yen('cbc:LineExtensionAmount', net) +
          (l.transaction_date
            ? el('cac:InvoicePeriod', text('cbc:StartDate', l.transaction_date) + text('cbc:EndDate', l.transaction_date))
            : '') +
          el('cac:Item', text('cbc:Name', l.item) + taxCategory('cac:ClassifiedTaxCategory', l.tax_rate)) +
          el('cac:Price', yen('cbc:PriceAmount', Math.abs(priceAmount))),
      );
    })
    .join('');
  const bank = inv.issuer.bank;
  const payment =
    bank && !credit
      ? el(
          'cac:PaymentMeans',
          text('cbc:PaymentMeansCode', '30') +
            text('cbc:PaymentDueDate', inv.due_date) +
            el(
              'cac:PayeeFinancialAccount',
              text('cbc:ID', bank.account_number) +
                text('cbc:Name', bank.account_holder) +
                el('cac:FinancialInstitutionBranch', text('cbc:ID', `${bank.bank_name} ${bank.branch_name} ${bank.account_type}`)),
            ),
        )
      : '';
  const subtotals = inv.byRate
    .map((r) =>
      el(
        'cac:TaxSubtotal',
        yen('cbc:TaxableAmount', sign * r.base) + yen('cbc:TaxAmount', sign * r.tax) + taxCategory('cac:TaxCategory', r.rate),
      ),
    )
    .join('');
  const body =
    text('cbc:CustomizationID', PINT_CUSTOMIZATION_ID) +
    text('cbc:ProfileID', PINT_PROFILE_ID) +
    text('cbc:ID', inv.invoice_no) +
    text('cbc:IssueDate', inv.issue_date) +
    (credit ? '' : text('cbc:DueDate', inv.due_date)) +
    text(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', credit ? '381' : '380') +
    (inv.withholding !== 0 ? text('cbc:Note', `源泉徴収税額 ${inv.withholding}円 / 差引ご請求金額 ${inv.amount_due}円`) : '') +
    text('cbc:DocumentCurrencyCode', 'JPY') +
    el('cac:InvoicePeriod', text('cbc:StartDate', inv.period.start) + text('cbc:EndDate', inv.period.end)) +
    el('cac:AccountingSupplierParty', party(inv.issuer.name, inv.issuer.registration_number, inv.issuer.address, true)) +
    el(
      'cac:AccountingCustomerParty',
      party(inv.customer.name || inv.customer.id, inv.customer.registration_number, inv.customer.address, false),
    ) +
    payment +
    el('cac:TaxTotal', yen('cbc:TaxAmount', sign * inv.tax) + subtotals) +
    el(
      'cac:LegalMonetaryTotal',
      yen('cbc:LineExtensionAmount', sign * inv.subtotal) +
        yen('cbc:TaxExclusiveAmount', sign * inv.subtotal) +
        yen('cbc:TaxInclusiveAmount', sign * inv.total) +
        yen('cbc:PayableAmount', sign * inv.total),
    ) +
    lines;
  const xmlns = ` xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="${NS.cac}" xmlns:cbc="${NS.cbc}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el(root, body, xmlns)}\n`;
}
