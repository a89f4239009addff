import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EAS_CODES,
  invoiceFromRows,
  parseIssuer,
  parsePeppolId,
  PINT_RULES,
  pintRuleFailures,
  pintSkipWarnings,
  pintXml,
} from '../../../core/invoice/index.js';
import { rate } from '../../../core/money/rate.js';
import { allCategoriesInput, compute, exampleInput, issuer, line } from './fixtures.js';

/** One document with every tax category Urakata writes (S, AA, E 非課税, O 不課税) and a bank account. */
const base = pintXml(compute(allCategoriesInput));

/** `xml` with the n-th (0-based) occurrence of `find` replaced. */
function nth(xml: string, find: string, n: number, replacement: string): string {
  let at = -1;
  for (let k = 0; k <= n; k++) {
    at = xml.indexOf(find, at + 1);
    if (at < 0) throw new Error(`no occurrence ${n} of ${find}`);
  }
  return xml.slice(0, at) + replacement + xml.slice(at + find.length);
}
const once = (find: string, replacement: string) => (x: string) => nth(x, find, 0, replacement);
const second = (find: string, replacement: string) => (x: string) => nth(x, find, 1, replacement);
const cut = (re: RegExp) => (x: string) => x.replace(re, '');

const SELLER_TAX =
  '<cac:PartyTaxScheme><cbc:CompanyID>T5010001234566</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>';
const LOCAL_TAX =
  '<cac:PartyTaxScheme><cbc:CompanyID>X1</cbc:CompanyID><cac:TaxScheme><cbc:ID>LOC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>';
const E_LINE = '<cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReason>非課税</cbc:TaxExemptionReason>';
const E_SUBTOTAL =
  '<cac:TaxSubtotal><cbc:TaxableAmount currencyID="JPY">30000</cbc:TaxableAmount><cbc:TaxAmount currencyID="JPY">0</cbc:TaxAmount><cac:TaxCategory><cbc:ID>E</cbc:ID>';
const O_SUBTOTAL =
  /<cac:TaxSubtotal><cbc:TaxableAmount currencyID="JPY">200<\/cbc:TaxableAmount><cbc:TaxAmount currencyID="JPY">0<\/cbc:TaxAmount><cac:TaxCategory><cbc:ID>O<\/cbc:ID>.*?<\/cac:TaxSubtotal>/;
const S_PERCENT = '<cbc:ID>S</cbc:ID><cbc:Percent>10</cbc:Percent>';
const HEADER_PERIOD =
  '<cac:InvoicePeriod><cbc:StartDate>2026-05-08</cbc:StartDate><cbc:EndDate>2026-05-20</cbc:EndDate></cac:InvoicePeriod>';

/**
 * For every rule of pint-rules.ts, a change to a passing document that breaks it: the check must
 * name the rule (other rules may fail too). A rule without a row here fails the completeness test.
 */
const BREAKS: Readonly<Record<string, (xml: string) => string>> = {
  'aligned-ibrp-001-jp': once('urn:peppol:pint:billing-1@jp-1', 'urn:cen.eu:en16931:2017'),
  'aligned-ibrp-002-jp': once('urn:peppol:bis:billing', 'urn:x:billing'),
  'aligned-ibrp-009': once(SELLER_TAX, SELLER_TAX + SELLER_TAX),
  'aligned-ibrp-sr-13': once(SELLER_TAX, SELLER_TAX + LOCAL_TAX.replace('X1', 'X2') + LOCAL_TAX),
  'aligned-ibrp-052': cut(/<cac:InvoicePeriod>.*?<\/cac:InvoicePeriod>/g),
  'aligned-ibrp-e-01': (x) =>
    x.replace(/<cac:TaxSubtotal>(?:(?!<\/cac:TaxSubtotal>).)*?<cbc:ID>E<\/cbc:ID>.*?<\/cac:TaxSubtotal>/, (m) => m + m),
  'aligned-ibrp-g-01': second(E_LINE, '<cbc:ID>G</cbc:ID><cbc:Percent>0</cbc:Percent>'),
  'aligned-ibrp-o-01': cut(O_SUBTOTAL),
  'aligned-ibr-jp-04': once(SELLER_TAX, ''),
  'aligned-ibr-jp-05': once(
    '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode>',
    '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>USD</cbc:TaxCurrencyCode>',
  ),
  'aligned-ibrp-053-jp': once('<cac:TaxTotal>', '<cac:TaxTotal><cbc:TaxAmount currencyID="JPY">4585</cbc:TaxAmount>'),
  'aligned-ibrp-045': once('<cbc:TaxableAmount currencyID="JPY">40900</cbc:TaxableAmount>', ''),
  'aligned-ibrp-051-jp': once(
    '<cbc:TaxAmount currencyID="JPY">4090</cbc:TaxAmount>',
    '<cbc:TaxAmount currencyID="JPY">4092</cbc:TaxAmount>',
  ),
  'aligned-ibrp-046': once('<cbc:TaxAmount currencyID="JPY">4090</cbc:TaxAmount>', ''),
  'aligned-ibrp-047': once(`${S_PERCENT}<cac:TaxScheme><cbc:ID>VAT</cbc:ID>`, `${S_PERCENT}<cac:TaxScheme><cbc:ID>GST</cbc:ID>`),
  'aligned-ibrp-048': once(S_PERCENT, '<cbc:ID>S</cbc:ID>'),
  'aligned-ibr-jp-06': once(
    '<cbc:TaxAmount currencyID="JPY">4090</cbc:TaxAmount>',
    '<cbc:TaxAmount currencyID="JPY">4090.4</cbc:TaxAmount>',
  ),
  'aligned-ibrp-016': once('<cbc:ID>1234567</cbc:ID>', ''),
  'aligned-ibrp-049': once('<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>', ''),
  'aligned-ibrp-e-05': second('<cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent>', '<cbc:ID>E</cbc:ID><cbc:Percent>5</cbc:Percent>'),
  'aligned-ibrp-e-09': once(E_SUBTOTAL, E_SUBTOTAL.replace('>0<', '>1<')),
  'aligned-ibrp-g-05': second(E_LINE, '<cbc:ID>G</cbc:ID><cbc:Percent>5</cbc:Percent>'),
  'aligned-ibrp-g-09': (x) => once(E_SUBTOTAL, E_SUBTOTAL.replace('>0<', '>1<').replace('<cbc:ID>E</cbc:ID>', '<cbc:ID>G</cbc:ID>'))(x),
  'aligned-ibrp-o-05': second('<cbc:ID>O</cbc:ID>', '<cbc:ID>O</cbc:ID><cbc:Percent>0</cbc:Percent>'),
  'aligned-ibrp-o-09': (x) => x.replace(O_SUBTOTAL, (m) => m.replace('>0<', '>1<')),
  'aligned-ibr-jp-01': once('<cbc:CompanyID>T5010001234566</cbc:CompanyID>', '<cbc:CompanyID>5010001234566</cbc:CompanyID>'),
  'aligned-ibr-jp-03': second(`${S_PERCENT}<cac:TaxScheme><cbc:ID>VAT</cbc:ID>`, `${S_PERCENT}<cac:TaxScheme><cbc:ID>GST</cbc:ID>`),
  'aligned-ibrp-050-jp': second(S_PERCENT, '<cbc:ID>S</cbc:ID>'),
  'aligned-ibrp-cl-01-jp': second(S_PERCENT, '<cbc:ID>Z</cbc:ID><cbc:Percent>10</cbc:Percent>'),
  'aligned-ibrp-cl-02-jp': once('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>', '<cbc:InvoiceTypeCode>389</cbc:InvoiceTypeCode>'),
  'ibr-001': once('urn:peppol:pint:billing-1@jp-1', ' '),
  'ibr-002': once('<cbc:ID>INV-2026-00001</cbc:ID>', '<cbc:ID> </cbc:ID>'),
  'ibr-003': once('<cbc:IssueDate>2026-05-31</cbc:IssueDate>', '<cbc:IssueDate> </cbc:IssueDate>'),
  'ibr-004': once('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>', '<cbc:InvoiceTypeCode> </cbc:InvoiceTypeCode>'),
  'ibr-005': once('<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode>', '<cbc:DocumentCurrencyCode> </cbc:DocumentCurrencyCode>'),
  'ibr-006': once('株式会社サンプル商事', ' '),
  'ibr-007': once('株式会社テスト物産', ' '),
  'ibr-008': cut(/<cac:PostalAddress>.*?<\/cac:PostalAddress>/),
  'ibr-009': once('<cbc:IdentificationCode>JP</cbc:IdentificationCode>', '<cbc:IdentificationCode> </cbc:IdentificationCode>'),
  'ibr-010': (x) => x.replace(/(<cac:AccountingCustomerParty>.*?)<cac:PostalAddress>.*?<\/cac:PostalAddress>/, '$1'),
  'ibr-011': second('<cbc:IdentificationCode>JP</cbc:IdentificationCode>', '<cbc:IdentificationCode> </cbc:IdentificationCode>'),
  'ibr-sr-53': once(
    '<cac:Country>',
    '<cac:AddressLine><cbc:Line>1</cbc:Line></cac:AddressLine><cac:AddressLine><cbc:Line>2</cbc:Line></cac:AddressLine><cac:Country>',
  ),
  'ibr-012': once('<cbc:LineExtensionAmount currencyID="JPY">77292</cbc:LineExtensionAmount>', ''),
  'ibr-091': once(
    '<cbc:PayableAmount currencyID="JPY">81877</cbc:PayableAmount>',
    '<cbc:PayableAmount currencyID="JPY">81877.001</cbc:PayableAmount>',
  ),
  'ibr-co-10': once(
    '<cbc:LineExtensionAmount currencyID="JPY">77292</cbc:LineExtensionAmount>',
    '<cbc:LineExtensionAmount currencyID="JPY">77293</cbc:LineExtensionAmount>',
  ),
  'ibr-co-13': once(
    '<cbc:TaxExclusiveAmount currencyID="JPY">77292</cbc:TaxExclusiveAmount>',
    '<cbc:TaxExclusiveAmount currencyID="JPY">77293</cbc:TaxExclusiveAmount>',
  ),
  'ibr-co-15': (x) => x.replaceAll('81877', '81878'),
  'ibr-co-16': once(
    '<cbc:PayableAmount currencyID="JPY">81877</cbc:PayableAmount>',
    '<cbc:PayableAmount currencyID="JPY">81878</cbc:PayableAmount>',
  ),
  'ibr-124': once('<cbc:TaxAmount currencyID="JPY">4585</cbc:TaxAmount>', '<cbc:TaxAmount currencyID="JPY">4585.001</cbc:TaxAmount>'),
  'ibr-co-14': once('<cbc:TaxAmount currencyID="JPY">4585</cbc:TaxAmount>', '<cbc:TaxAmount currencyID="JPY">4586</cbc:TaxAmount>'),
  'ibr-016': cut(/<cac:InvoiceLine>.*?<\/cac:InvoiceLine>/g),
  'ibr-021': once('<cac:InvoiceLine><cbc:ID>1</cbc:ID>', '<cac:InvoiceLine><cbc:ID> </cbc:ID>'),
  'ibr-022': cut(/<cbc:InvoicedQuantity unitCode="H87">10<\/cbc:InvoicedQuantity>/),
  'ibr-023': once(' unitCode="H87"', ''),
  'ibr-024': once('<cbc:LineExtensionAmount currencyID="JPY">5500</cbc:LineExtensionAmount>', ''),
  'ibr-025': once('コピー用紙（A4）500枚', ' '),
  'ibr-026': cut(/<cac:Price>.*?<\/cac:Price>/),
  'ibr-027': once('<cbc:PriceAmount currencyID="JPY">550</cbc:PriceAmount>', '<cbc:PriceAmount currencyID="JPY">-550</cbc:PriceAmount>'),
  'ibr-110': second(
    '<cac:InvoicePeriod>',
    '<cac:InvoicePeriod><cbc:StartDate>2026-05-08</cbc:StartDate></cac:InvoicePeriod><cac:InvoicePeriod>',
  ),
  'ibr-sr-34': once('<cbc:InvoicedQuantity', '<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note><cbc:InvoicedQuantity'),
  'ibr-sr-38': second(
    '<cbc:TaxExemptionReason>非課税</cbc:TaxExemptionReason>',
    '<cbc:TaxExemptionReason>非課税</cbc:TaxExemptionReason><cbc:TaxExemptionReason>x</cbc:TaxExemptionReason>',
  ),
  'ibr-sr-50': once('<cac:Item>', '<cac:Item><cbc:Description>a</cbc:Description><cbc:Description>b</cbc:Description>'),
  'ibr-sr-58': second('<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>', '<cac:ClassifiedTaxCategory>'),
  'ibr-085': second('<cbc:StartDate>2026-05-08</cbc:StartDate>', '<cbc:StartDate>2026-04-30</cbc:StartDate>'),
  'ibr-086': second('<cbc:EndDate>2026-05-20</cbc:EndDate>', '<cbc:EndDate>2026-05-21</cbc:EndDate>'),
  'ibr-030': once('<cbc:EndDate>2026-05-15</cbc:EndDate>', '<cbc:EndDate>2026-05-14</cbc:EndDate>'),
  'ibr-co-20': once(
    '<cbc:StartDate>2026-05-15</cbc:StartDate><cbc:EndDate>2026-05-15</cbc:EndDate>',
    '<cbc:DescriptionCode>3</cbc:DescriptionCode>',
  ),
  'ibr-029': once(HEADER_PERIOD, HEADER_PERIOD.replace('2026-05-20', '2026-05-01')),
  'ibr-co-19': once(HEADER_PERIOD, '<cac:InvoicePeriod><cbc:Description>5月分</cbc:Description></cac:InvoicePeriod>'),
  'ibr-097': once(HEADER_PERIOD, HEADER_PERIOD + HEADER_PERIOD),
  'ibr-080': once('<cbc:EndpointID schemeID="0188">6010401765432</cbc:EndpointID>', ''),
  'ibr-063': once('<cbc:EndpointID schemeID="0188">6010401765432</cbc:EndpointID>', '<cbc:EndpointID>6010401765432</cbc:EndpointID>'),
  'ibr-081': once('<cbc:EndpointID schemeID="0188">5010001234566</cbc:EndpointID>', ''),
  'ibr-062': once('<cbc:EndpointID schemeID="0188">5010001234566</cbc:EndpointID>', '<cbc:EndpointID>5010001234566</cbc:EndpointID>'),
  'ibr-cl-25': once('schemeID="0188"', 'schemeID="9999"'),
  'ibr-068': once(
    '<cbc:EndpointID schemeID="0188">6010401765432</cbc:EndpointID>',
    '<cbc:EndpointID schemeID="0088">4000001123453</cbc:EndpointID>',
  ),
  'ibr-co-26': once(SELLER_TAX, ''),
  'ibr-sr-42': once(SELLER_TAX, SELLER_TAX + LOCAL_TAX + LOCAL_TAX),
  'ibr-sr-57': second(
    '<cac:PartyLegalEntity>',
    '<cac:PartyTaxScheme><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity>',
  ),
  'ibr-098': once(
    '<cbc:RegistrationName>株式会社サンプル商事</cbc:RegistrationName>',
    '<cbc:RegistrationName>甲</cbc:RegistrationName><cbc:RegistrationName>乙</cbc:RegistrationName>',
  ),
  'ibr-sr-51': once('<cbc:DocumentCurrencyCode>', '<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note><cbc:DocumentCurrencyCode>'),
  'ibr-sr-27': once(
    '<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>',
    '<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>',
  ),
  'ibr-sr-32': once(
    '<cbc:TaxExemptionReason>非課税</cbc:TaxExemptionReason>',
    '<cbc:TaxExemptionReason>非課税</cbc:TaxExemptionReason><cbc:TaxExemptionReason>x</cbc:TaxExemptionReason>',
  ),
  'ibr-126': once('<cbc:LineExtensionAmount currencyID="JPY">5500', '<cbc:LineExtensionAmount currencyID="USD">5500'),
  'ibr-073': once('<cbc:IssueDate>2026-05-31</cbc:IssueDate>', '<cbc:IssueDate>2026-02-30</cbc:IssueDate>'),
  'ibr-079': once(
    '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode>',
    '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode><cbc:AccountingCost></cbc:AccountingCost>',
  ),
  'ibr-cl-03': once('<cbc:PriceAmount currencyID="JPY">550', '<cbc:PriceAmount currencyID="YEN">550'),
  'ibr-cl-14': once('<cbc:IdentificationCode>JP</cbc:IdentificationCode>', '<cbc:IdentificationCode>ZZ</cbc:IdentificationCode>'),
  'ibr-cl-16': once('<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>', '<cbc:PaymentMeansCode>69</cbc:PaymentMeansCode>'),
  'ibr-cl-23': once(' unitCode="H87"', ' unitCode="PCS"'),
};

describe('the official JP PINT rules, as checked on the written XML', () => {
  it('the document every rule is broken from passes them all', () => {
    expect(pintRuleFailures(base)).toEqual([]);
  });

  it('has a breaking change for every rule it checks (a rule cannot go untested)', () => {
    expect(Object.keys(BREAKS).sort()).toEqual(PINT_RULES.map((r) => r.id).sort());
  });

  it.each(Object.entries(BREAKS))('names %s when the document breaks it', (id, breakIt) => {
    const broken = breakIt(base);
    expect(broken).not.toBe(base);
    expect(pintRuleFailures(broken).map((f) => f.id)).toContain(id);
  });

  it('holds the ISO 4217 list of the PINT JP 1.1.3 rules (ibr-cl-03, ibr-cl-04)', () => {
    const inCurrency = (code: string) => pintRuleFailures(base.replaceAll('JPY', code)).map((f) => f.id);
    // Added in the 1.1.3 list: a document in any of these passes.
    for (const code of ['CNH', 'SLE', 'UYW', 'VED', 'VES', 'XCG', 'ZWG']) expect(inCurrency(code)).toEqual([]);
    // No longer in it: the official rules reject these.
    for (const code of ['ANG', 'BGN', 'CUC', 'HRK', 'VEF', 'ZWL']) expect(inCurrency(code)).toEqual(['ibr-cl-03']);
  });

  it('reports XML that is not well-formed, or not an Invoice or CreditNote, as such', () => {
    expect(pintRuleFailures(base.replace('</cac:TaxTotal>', ''))[0]?.id).toBe('xml');
    expect(pintRuleFailures('<?xml version="1.0"?>\n<Order/>')).toEqual([{ id: 'xml', text: 'unexpected root element Order' }]);
  });

  it('checks credit notes with the same rules', () => {
    const credit = compute({ ...exampleInput, lines: [line({ quantity: rate(-2, 1), unit_price: 4128, tax_rate: '8' })] });
    const xml = pintXml(credit);
    expect(pintRuleFailures(xml)).toEqual([]);
    expect(pintRuleFailures(xml.replace(/<cbc:EndpointID schemeID="0188">6010401765432<\/cbc:EndpointID>/, '')).map((f) => f.id)).toEqual([
      'ibr-080',
    ]);
  });

  it('property: whatever the customer, an invoice either gets a skip warning or XML that passes every rule', () => {
    const endpoints = fc.option(fc.constantFrom('0188:6010401765432', '0221:T1234567890123', '0088:4000001123452', '0192:974760673'));
    fc.assert(
      fc.property(
        endpoints,
        fc.option(fc.constantFrom('T6010401765432', 'T1234567890123')),
        fc.integer({ min: 1, max: 200_000 }),
        fc.boolean(),
        (ep, reg, price, corporate) => {
          const parsed = ep === null ? undefined : parsePeppolId(ep);
          const inv = compute({
            ...exampleInput,
            customer: {
              id: 'C1',
              name: corporate ? '株式会社甲' : '甲デザイン事務所',
              honorific: '御中',
              ...(reg ? { registration_number: reg } : {}),
              ...(parsed?.ok ? { endpoint: parsed.value } : {}),
            },
            lines: [line({ unit_price: price }), line({ row: 3, unit_price: price, tax_rate: '8' })],
          });
          const skip = pintSkipWarnings(inv, 'f', 2);
          const failures = pintRuleFailures(pintXml(inv)).map((f) => f.id);
          if (skip.length === 0) expect(failures).toEqual([]);
          else expect(failures).toEqual(['ibr-080']);
          // A buyer address is missing exactly when no endpoint was given and the T-number is not a
          // 法人番号 (its check digit fails, or its holder carries no 法人格).
          expect(skip.length > 0).toBe(ep === null && !(reg === 'T6010401765432' && corporate));
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('Peppol participant ids (customer_endpoint, the issuer’s endpoint)', () => {
  it.each([
    ['0188:5010001234566', { scheme: '0188', id: '5010001234566' }],
    ['０１８８：５０１０００１２３４５６６', { scheme: '0188', id: '5010001234566' }],
    ['iso6523-actorid-upis::0221:T1234567890123', { scheme: '0221', id: 'T1234567890123' }],
    ['0088:4000001123452', { scheme: '0088', id: '4000001123452' }],
    ['0192:974760673', { scheme: '0192', id: '974760673' }],
    ['0208:0123456749', { scheme: '0208', id: '0123456749' }],
    ['0151:51824753556', { scheme: '0151', id: '51824753556' }],
    ['0184:DK12345678', { scheme: '0184', id: 'DK12345678' }],
    ['9915:anything-goes', { scheme: '9915', id: 'anything-goes' }],
    ['0240:ABC123', { scheme: '0240', id: 'ABC123' }],
  ])('reads %s', (typed, value) => {
    expect(parsePeppolId(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['5010001234566', /^Peppol IDは「スキームID:ID」/],
    ['0188:T5010001234566', /^0188（法人番号）は「T」を付けない13桁/],
    ['0188:6010001234566', /^0188（法人番号）は/],
    ['0221:1234567890123', /^0221（登録番号）は「T」＋13桁です$/],
    ['9999:1', /^スキームID 9999 はPeppolの電子アドレス体系（EAS）にありません（ibr-cl-25）/],
    ['9901:12345678', /^スキームID 9901 はPeppolの電子アドレス体系（EAS）にありません（ibr-cl-25）/],
    ['0088:4000001123453', /（ibr-068）$/],
    ['0007:12345', /（ibr-127）$/],
    ['0192:974760674', /（ibr-069）$/],
    ['0184:12345678', /（ibr-070）$/],
    ['0208:0123456748', /（ibr-113）$/],
    ['0201:ABC', /（ibr-114）$/],
    ['0210:RSSMRA85T10A56', /（ibr-115）$/],
    ['0211:IT12345678901', /（ibr-116）$/],
    ['0151:51824753557', /（ibr-120）$/],
  ])('refuses %s with a reason', (typed, ja) => {
    const r = parsePeppolId(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.ja).toMatch(ja);
      expect(r.en).not.toBe('');
    }
  });

  it('accepts the Italian ids whose official checks pass', () => {
    expect(parsePeppolId('0210:RSSMRA85T10A562S').ok).toBe(true);
    expect(parsePeppolId('0211:IT00743110157').ok).toBe(true);
  });

  it('knows the Japanese schemes among the EAS codes', () => {
    expect(['0188', '0221'].every((c) => EAS_CODES.has(c))).toBe(true);
    expect(EAS_CODES.has('0147')).toBe(false);
  });

  it('holds the EAS list of PINT JP 1.1.3 (ibr-cl-25): 9901 is no longer in it, 0154…0248 are', () => {
    expect(EAS_CODES.has('9901')).toBe(false);
    expect(['0154', '0158', '0177', '0235', '0240', '0242', '0244', '0245', '0246', '0248'].filter((c) => !EAS_CODES.has(c))).toEqual([]);
    expect(EAS_CODES.size).toBe(90);
    expect(pintRuleFailures(base.replace('schemeID="0188"', 'schemeID="9901"')).map((f) => f.id)).toEqual(['ibr-cl-25']);
  });

  const row = (n: number, customer_endpoint: string | undefined) => ({
    row: n,
    value: {
      invoice_no: 'INV-1',
      issue_date: '2026-05-31',
      due_date: '2026-06-30',
      customer_id: 'C002',
      customer_name: '山田デザイン事務所',
      customer_honorific: '様',
      customer_address: undefined,
      customer_registration_number: undefined,
      transaction_date: undefined,
      item: 'ロゴデザイン制作',
      quantity: rate(1, 1),
      unit: undefined,
      unit_price: 150_000,
      tax_rate: '10' as const,
      note: undefined,
      withholding: false,
      customer_endpoint,
    },
  });

  it('takes customer_endpoint onto the customer, and refuses a malformed one naming file, row and column', () => {
    expect(invoiceFromRows([row(2, '0221:T3810452963781')], 'lines.csv').input?.customer.endpoint).toEqual({
      scheme: '0221',
      id: 'T3810452963781',
    });
    const bad = invoiceFromRows([row(4, '0188:T3810452963781')], 'lines.csv');
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatchObject({ file: 'lines.csv', row: 4, column: 'customer_endpoint', value: '0188:T3810452963781' });
    expect(bad.problems[0]?.severity).toBeUndefined();
    const differs = invoiceFromRows([row(2, '0221:T3810452963781'), row(3, undefined)], 'lines.csv');
    expect(differs.problems[0]).toMatchObject({ row: 3, column: 'customer_endpoint' });
  });

  it('reads the issuer’s own endpoint from the issuer JSON, and refuses a bad one', () => {
    const good = { name: '甲', registration_number: 'T1234567890123', address: '東京都', phone: '03' };
    expect(parseIssuer({ ...good, endpoint: '0221:T1234567890123' }, 'issuer.json').issuer?.endpoint).toEqual({
      scheme: '0221',
      id: 'T1234567890123',
    });
    const bad = parseIssuer({ ...good, endpoint: '0188:123' }, 'issuer.json');
    expect(bad.issuer).toBeUndefined();
    expect(bad.problems.find((p) => p.column === 'endpoint')).toMatchObject({ file: 'issuer.json', value: '0188:123' });
  });

  it('the sole-proprietor example issuer without an endpoint still writes XML that passes, through 0221', () => {
    const inv = compute(exampleInput, { ...issuer, registration_number: 'T1234567890123' });
    expect(pintSkipWarnings(inv, 'f', 2)).toEqual([]);
  });
});
