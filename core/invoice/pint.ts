/**
 * JP PINT (Peppol BIS Standard Invoice JP PINT, デジタル庁): a UBL 2.1 Invoice per document, or a
 * UBL CreditNote for a 適格返還請求書. Written to satisfy the JP rules of PINT-JP 1.1.x:
 * aligned-ibr-jp-01/04 (seller T-number), -05/-06 (JPY, no decimals in tax), aligned-ibrp-051-jp
 * (floor(base×rate) ≤ tax ≤ ceil(base×rate) — true for any of the three rounding modes),
 * aligned-ibrp-052 (InvoicePeriod), -053-jp (one TaxTotal amount), -050-jp (every line has a tax
 * category and rate), aligned-ibrp-cl-01-jp (S/AA/E), aligned-ibrp-cl-02-jp (type code 380).
 * Customisation `urn:peppol:pint:billing-1@jp-1`, profile `urn:peppol:bis:billing`.
 *
 * Peppol delivers to electronic addresses: the seller's (ibt-034, ibr-081) and the buyer's (ibt-049,
 * ibr-080) must be in every document. An invoice that would break an official rule gets no XML,
 * only a warning ({@link pintSkipWarnings}); every written document passes pint-rules.ts and holds
 * only characters XML can hold.
 */
import { problem, type Problem } from '../errors.js';
import { allocate, allocateSigned } from '../money/allocate.js';
import { divideYen } from '../money/rate.js';
import { halfUp } from '../money/rounding.js';
import type { Invoice, InvoiceLine } from './invoice.js';
import { consumptionTaxOn, type TaxRateKey } from './rates.js';
import { quantityText } from './format.js';
import { type PeppolId, pintRuleFailures } from './pint-rules.js';
import { checkRegistrationNumber } from './registration.js';
import { legalFormOfName } from '../kana/legal-forms.js';

export const PINT_CUSTOMIZATION_ID = 'urn:peppol:pint:billing-1@jp-1';
export const PINT_PROFILE_ID = 'urn:peppol:bis:billing';
/** Electronic address scheme 0188 = Japanese Corporate Number (法人番号, JP:SST). */
export const CORPORATE_NUMBER_SCHEME = '0188';
/** Electronic address scheme 0221 = registration number of a qualified invoice issuer (登録番号, JP:IIN). */
export const REGISTRATION_NUMBER_SCHEME = '0221';

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

/**
 * Scheme 0188 is the 法人番号: a T-number's 13 digits are one only for a corporation. A sole
 * proprietor's are not, though they may pass the check digit (国税庁 publishes none for them), so
 * only a holder whose name carries a 法人格 (株式会社 …) and whose digits pass gets a 0188 address.
 */
function corporateEndpoint(registration: string | undefined, name: string): PeppolId | undefined {
  return registration !== undefined && legalFormOfName(name) !== undefined && checkRegistrationNumber(registration).status === 'valid'
    ? { scheme: CORPORATE_NUMBER_SCHEME, id: registration.slice(1) }
    : undefined;
}

/**
 * The buyer's electronic address (ibt-049): the customer's Peppol id (`customer_endpoint`) when
 * given, else 0188 with the 法人番号 of a corporation's T-number; none otherwise.
 * @example buyerEndpoint(invoiceForCustomerWithT6010401765432) // { scheme: '0188', id: '6010401765432' }
 */
export function buyerEndpoint(inv: Invoice): PeppolId | undefined {
  return inv.customer.endpoint ?? corporateEndpoint(inv.customer.registration_number, inv.customer.name);
}

/**
 * The seller's electronic address (ibt-034): the issuer's Peppol id (`endpoint` in the issuer
 * JSON) when given, else 0188 with the 法人番号 of a corporate T-number, else 0221 with the T-number.
 * @example sellerEndpoint(invoiceOfIssuerT5010001234566) // { scheme: '0188', id: '5010001234566' }
 */
export function sellerEndpoint(inv: Invoice): PeppolId {
  const reg = inv.issuer.registration_number;
  return inv.issuer.endpoint ?? corporateEndpoint(reg, inv.issuer.name) ?? { scheme: REGISTRATION_NUMBER_SCHEME, id: reg };
}

function party(
  name: string,
  registration: string | undefined,
  address: string | undefined,
  withTaxScheme: boolean,
  endpoint: PeppolId | undefined,
): string {
  const electronic = endpoint ? text('cbc:EndpointID', endpoint.id, ` schemeID="${esc(endpoint.scheme)}"`) : '';
  const postal = el(
    'cac:PostalAddress',
    (address ? text('cbc:StreetName', address) : '') + el('cac:Country', text('cbc:IdentificationCode', 'JP')),
  );
  const tax =
    withTaxScheme && registration
      ? el('cac:PartyTaxScheme', text('cbc:CompanyID', registration) + el('cac:TaxScheme', text('cbc:ID', 'VAT')))
      : '';
  return el('cac:Party', electronic + postal + tax + el('cac:PartyLegalEntity', text('cbc:RegistrationName', name)));
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
 * Characters XML 1.0 cannot hold, not even as a character reference (outside its production Char):
 * control characters but tab and line ends, U+FFFE, U+FFFF and an unpaired surrogate. A file
 * holding one is not XML, so it cannot pass the UBL 2.1 schema. The table readers and the issuer
 * file refuse these where they are read (core/characters.ts); this guard is a second line, for an
 * invoice built by other means.
 */
const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the characters XML cannot hold is this pattern's purpose.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first character of the document that XML cannot hold ({@link NOT_XML_CHAR}), as U+XXXX, with
 * the element it is in; undefined when there is none.
 * @example unwritableCharacter('<cbc:Name>部品\uffff</cbc:Name>') // { code: 'U+FFFF', element: 'cbc:Name' }
 */
function unwritableCharacter(xml: string): { code: string; element: string } | undefined {
  const m = NOT_XML_CHAR.exec(xml);
  if (!m) return undefined;
  const code = `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const element = /^<([^\s>/]+)/.exec(xml.slice(xml.lastIndexOf('<', m.index)))?.[1] ?? '';
  return { code, element };
}

/**
 * Why an invoice gets no JP PINT XML (its PDF is issued all the same), one warning per reason;
 * empty when the XML is written. Reasons: the tax-inclusive rounding edge of
 * {@link pintRoundingWarning}; no buyer electronic address (ibr-080: the customer has no
 * `customer_endpoint` and no corporate T-number), named at the `customer_endpoint` column; a
 * character XML cannot hold ({@link NOT_XML_CHAR}), named with the element it would be written in;
 * and, as a last guard, any other official rule of pint-rules.ts the document would break.
 * @example pintSkipWarnings(invoiceForSoleProprietorWithoutPeppolId, 'lines.csv', 5) // [{ row: 5, column: 'customer_endpoint', severity: 'warning', message_ja: '取引先のPeppol ID…' }]
 */
export function pintSkipWarnings(inv: Invoice, file: string, row: number): Problem[] {
  const warnings: Problem[] = [];
  const explained = new Set<string>();
  const rounding = pintRoundingWarning(inv, file, row);
  if (rounding) {
    warnings.push(rounding);
    explained.add('aligned-ibrp-051-jp');
  }
  if (!buyerEndpoint(inv)) {
    warnings.push(
      problem(
        file,
        row,
        'customer_endpoint',
        '',
        '取引先のPeppol ID（customer_endpoint 列。例: 0188:法人番号13桁、0221:T＋13桁）がなく、登録番号も法人番号ではないため、JP PINTのXMLは作成していません（PDFは発行済み）。受信者の電子アドレスのないXMLはPeppolが受け付けません（ibr-080）',
        'no JP PINT XML: the customer has no Peppol id (column customer_endpoint, e.g. 0188:<13-digit corporate number> or 0221:T<13 digits>) and no corporate T-number; Peppol rejects a document without the buyer electronic address (ibr-080). The PDF is issued',
        'warning',
      ),
    );
    explained.add('ibr-080');
  }
  const xml = pintXml(inv);
  const unwritable = unwritableCharacter(xml);
  if (unwritable) {
    const { code, element } = unwritable;
    warnings.push(
      problem(
        file,
        row,
        'invoice_no',
        inv.invoice_no,
        `JP PINTのXMLに書けない文字（${code}、${element}）があるため、XMLは作成していません（PDFは発行済み）`,
        `no JP PINT XML: ${element} holds ${code}, a character XML cannot hold. The PDF is issued`,
        'warning',
      ),
    );
  }
  const others = pintRuleFailures(xml).filter((f) => !explained.has(f.id));
  if (others.length > 0) {
    const ids = others.map((f) => f.id).join(', ');
    warnings.push(
      problem(
        file,
        row,
        'invoice_no',
        inv.invoice_no,
        `JP PINTの規則（${ids}）を満たさないため、XMLは作成していません（PDFは発行済み）`,
        `no JP PINT XML: the document would break ${others.map((f) => `${f.id} (${f.text})`).join('; ')}. The PDF is issued`,
        'warning',
      ),
    );
  }
  return warnings;
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
      const net = sign * (nets[i] ?? l.amount);
      // The price is written positive (a unit price is never negative): the line's sign is the
      // quantity's, so quantity × price = line amount for a discount given as a negative unit price too.
      const signed = net === 0 ? sign * l.quantity.num : Math.sign(net) * Math.abs(l.quantity.num);
      const qty = quantityText({ num: signed, den: l.quantity.den }).replace(/,/g, '');
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
    el(
      'cac:AccountingSupplierParty',
      party(inv.issuer.name, inv.issuer.registration_number, inv.issuer.address, true, sellerEndpoint(inv)),
    ) +
    el(
      'cac:AccountingCustomerParty',
      party(inv.customer.name || inv.customer.id, inv.customer.registration_number, inv.customer.address, false, buyerEndpoint(inv)),
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
