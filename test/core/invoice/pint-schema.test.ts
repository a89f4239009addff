/**
 * The JP PINT XML against the content models of the OASIS UBL 2.1 schema (xsd/maindoc/UBL-Invoice-2.1.xsd,
 * UBL-CreditNote-2.1.xsd and xsd/common/UBL-CommonAggregateComponents-2.1.xsd, os-UBL-2.1): every
 * element is a child its parent's type allows, in the order of the type's xsd:sequence, no more often
 * than it allows, and every child the type requires is there. The table below is each of those
 * sequences cut down to the elements Urakata writes, in the schema's order; an element the writer
 * starts to write must be added to it from the schema. The full check with the schema itself is
 * described in docs/invoices.md.
 */
import { describe, expect, it } from 'vitest';
import { type Invoice, pintSkipWarnings, pintXml } from '../../../core/invoice/index.js';
import { parseXml, type XmlElement } from '../../../core/invoice/xml-read.js';
import { rate } from '../../../core/money/rate.js';
import { allCategoriesInput, compute, exampleInput, issuer, line, freelancer } from './fixtures.js';

/**
 * Children of each element, in UBL 2.1 sequence order: `!` the schema requires the element
 * (minOccurs 1), `*` it may repeat (maxOccurs unbounded); otherwise it is optional and at most once.
 */
const UBL21_SEQUENCE: Readonly<Record<string, readonly string[]>> = {
  // InvoiceType (maindoc/UBL-Invoice-2.1.xsd)
  Invoice: [
    'cbc:CustomizationID',
    'cbc:ProfileID',
    'cbc:ID!',
    'cbc:IssueDate!',
    'cbc:DueDate',
    'cbc:InvoiceTypeCode',
    'cbc:Note*',
    'cbc:DocumentCurrencyCode',
    'cac:InvoicePeriod*',
    'cac:AccountingSupplierParty!',
    'cac:AccountingCustomerParty!',
    'cac:PaymentMeans*',
    'cac:TaxTotal*',
    'cac:LegalMonetaryTotal!',
    'cac:InvoiceLine!*',
  ],
  // CreditNoteType (maindoc/UBL-CreditNote-2.1.xsd): no DueDate; the type code comes after the tax point date.
  CreditNote: [
    'cbc:CustomizationID',
    'cbc:ProfileID',
    'cbc:ID!',
    'cbc:IssueDate!',
    'cbc:CreditNoteTypeCode',
    'cbc:Note*',
    'cbc:DocumentCurrencyCode',
    'cac:InvoicePeriod*',
    'cac:AccountingSupplierParty!',
    'cac:AccountingCustomerParty!',
    'cac:PaymentMeans*',
    'cac:TaxTotal*',
    'cac:LegalMonetaryTotal!',
    'cac:CreditNoteLine!*',
  ],
  // SupplierPartyType, CustomerPartyType
  'cac:AccountingSupplierParty': ['cac:Party'],
  'cac:AccountingCustomerParty': ['cac:Party'],
  // PartyType
  'cac:Party': ['cbc:EndpointID', 'cac:PostalAddress', 'cac:PartyTaxScheme*', 'cac:PartyLegalEntity*'],
  // AddressType, CountryType
  'cac:PostalAddress': ['cbc:StreetName', 'cac:Country'],
  'cac:Country': ['cbc:IdentificationCode'],
  // PartyTaxSchemeType, TaxSchemeType, PartyLegalEntityType
  'cac:PartyTaxScheme': ['cbc:CompanyID', 'cac:TaxScheme!'],
  'cac:TaxScheme': ['cbc:ID'],
  'cac:PartyLegalEntity': ['cbc:RegistrationName'],
  // PeriodType (the document's and a line's InvoicePeriod)
  'cac:InvoicePeriod': ['cbc:StartDate', 'cbc:EndDate'],
  // PaymentMeansType, FinancialAccountType, BranchType
  'cac:PaymentMeans': ['cbc:PaymentMeansCode!', 'cbc:PaymentDueDate', 'cac:PayeeFinancialAccount'],
  'cac:PayeeFinancialAccount': ['cbc:ID', 'cbc:Name', 'cac:FinancialInstitutionBranch'],
  'cac:FinancialInstitutionBranch': ['cbc:ID'],
  // TaxTotalType, TaxSubtotalType, TaxCategoryType (TaxCategory and a line item's ClassifiedTaxCategory)
  'cac:TaxTotal': ['cbc:TaxAmount!', 'cac:TaxSubtotal*'],
  'cac:TaxSubtotal': ['cbc:TaxableAmount', 'cbc:TaxAmount!', 'cac:TaxCategory!'],
  'cac:TaxCategory': ['cbc:ID', 'cbc:Percent', 'cbc:TaxExemptionReason*', 'cac:TaxScheme!'],
  'cac:ClassifiedTaxCategory': ['cbc:ID', 'cbc:Percent', 'cbc:TaxExemptionReason*', 'cac:TaxScheme!'],
  // MonetaryTotalType
  'cac:LegalMonetaryTotal': ['cbc:LineExtensionAmount', 'cbc:TaxExclusiveAmount', 'cbc:TaxInclusiveAmount', 'cbc:PayableAmount!'],
  // InvoiceLineType, CreditNoteLineType, ItemType, PriceType
  'cac:InvoiceLine': [
    'cbc:ID!',
    'cbc:Note*',
    'cbc:InvoicedQuantity',
    'cbc:LineExtensionAmount!',
    'cac:InvoicePeriod*',
    'cac:Item!',
    'cac:Price',
  ],
  'cac:CreditNoteLine': [
    'cbc:ID!',
    'cbc:Note*',
    'cbc:CreditedQuantity',
    'cbc:LineExtensionAmount',
    'cac:InvoicePeriod*',
    'cac:Item',
    'cac:Price',
  ],
  'cac:Item': ['cbc:Name', 'cac:ClassifiedTaxCategory*'],
  'cac:Price': ['cbc:PriceAmount!'],
};

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Where the document breaks the table or a basic value type (xsd:date, xsd:decimal, a required currencyID); empty when it keeps to them. */
function schemaFindings(el: XmlElement, path = el.name): string[] {
  const found: string[] = [];
  const seq = UBL21_SEQUENCE[el.name];
  if (seq) {
    const names = seq.map((s) => s.replace(/[!*]/g, ''));
    let last = -1;
    for (const c of el.children) {
      const i = names.indexOf(c.name);
      if (i < 0) found.push(`${path}: ${c.name} is not a child UBL 2.1 allows here (or is missing from the table)`);
      else if (i < last) found.push(`${path}: ${c.name} comes after ${names[last]}, against the UBL 2.1 sequence`);
      else if (i === last && !seq[i]?.includes('*')) found.push(`${path}: ${c.name} twice, UBL 2.1 allows one`);
      last = Math.max(last, i);
    }
    for (const s of seq.filter((x) => x.includes('!'))) {
      const name = s.replace(/[!*]/g, '');
      if (!el.children.some((c) => c.name === name)) found.push(`${path}: ${name} is missing (UBL 2.1 requires it)`);
    }
  } else if (el.children.length > 0) {
    found.push(`${path}: children of ${el.name} are not in the table`);
  }
  if (el.children.length === 0) {
    const local = el.name.replace(/^cbc:/, '');
    if (/Date$/.test(local) && !DATE.test(el.text)) found.push(`${path}: '${el.text}' is not an xsd:date`);
    if (/(Amount|Quantity|Percent)$/.test(local) && !DECIMAL.test(el.text)) found.push(`${path}: '${el.text}' is not an xsd:decimal`);
    if (/Amount$/.test(local) && el.attrs.currencyID === undefined) found.push(`${path}: an amount without currencyID (required)`);
  }
  for (const c of el.children) found.push(...schemaFindings(c, `${path}/${c.name}`));
  return found;
}

const documents: ReadonlyArray<readonly [string, Invoice]> = [
  ['10 % + 8 % with a bank account and transaction dates', compute()],
  ['every category: 非課税 (E) and 不課税 (O) with their reasons', compute(allCategoriesInput)],
  [
    'a line note, a decimal quantity and withholding (document note)',
    compute(
      {
        ...exampleInput,
        lines: [
          line({ note: '配送先: 本社 & <3階>', quantity: rate(1234567, 1000) }),
          line({ row: 3, unit_price: 150_000, quantity: rate(1, 1), withholding: true }),
        ],
      },
      freelancer,
    ),
  ],
  [
    'a return line in an invoice, tax-inclusive prices',
    compute(
      {
        ...exampleInput,
        lines: [...exampleInput.lines, line({ row: 5, quantity: rate(-1, 1), unit_price: 550, transaction_date: '2026-04-30' })],
      },
      { ...issuer, prices: 'inclusive', rounding: 'round' },
    ),
  ],
  [
    'a 適格返還請求書 (CreditNote)',
    compute({
      ...exampleInput,
      lines: [
        line({ quantity: rate(-2, 1), unit_price: 4128, tax_rate: '8' }),
        line({ row: 3, quantity: rate(-1, 1), unit_price: 1000, tax_rate: 'out' }),
      ],
    }),
  ],
  [
    'a sole proprietor without bank account; customer with its own Peppol id and no address',
    compute(
      {
        ...exampleInput,
        customer: { id: 'C2', name: '山田デザイン事務所', honorific: '様', endpoint: { scheme: '0221', id: 'T3810452963781' } },
      },
      { ...issuer, registration_number: 'T1234567890123', bank: undefined },
    ),
  ],
];

describe('JP PINT against the UBL 2.1 schema content models', () => {
  it.each(documents)('keeps to the UBL 2.1 sequences and value types: %s', (_, inv) => {
    expect(pintSkipWarnings(inv, 'lines.csv', 2)).toEqual([]);
    expect(schemaFindings(parseXml(pintXml(inv)))).toEqual([]);
  });

  it('finds an element out of its UBL 2.1 order, a missing required one and a repeated single one', () => {
    const xml = pintXml(compute());
    const swapped = xml.replace(/(<cbc:DueDate>[^<]*<\/cbc:DueDate>)(<cbc:InvoiceTypeCode>[^<]*<\/cbc:InvoiceTypeCode>)/, '$2$1');
    expect(schemaFindings(parseXml(swapped))).toEqual([
      'Invoice: cbc:DueDate comes after cbc:InvoiceTypeCode, against the UBL 2.1 sequence',
    ]);
    const noPrice = xml.replace(/<cbc:PriceAmount[^>]*>[^<]*<\/cbc:PriceAmount>/, '');
    expect(schemaFindings(parseXml(noPrice))).toEqual([
      'Invoice/cac:InvoiceLine/cac:Price: cbc:PriceAmount is missing (UBL 2.1 requires it)',
    ]);
    const twice = xml.replace(/(<cbc:DocumentCurrencyCode>JPY<\/cbc:DocumentCurrencyCode>)/, '$1$1');
    expect(schemaFindings(parseXml(twice))).toEqual(['Invoice: cbc:DocumentCurrencyCode twice, UBL 2.1 allows one']);
  });
});
