import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoice, invoiceFromRows, parseIssuer } from '../../../core/invoice/index.js';
import { rate } from '../../../core/money/rate.js';
import { compute, exampleInput, freelancer, issuer, line } from './fixtures.js';

describe('computeInvoice', () => {
  it('totals the JP PINT worked example: 40,900 + 4,090 (10 %), 6,192 + 495 (8 %), 51,677', () => {
    const inv = compute();
    // 1.5 ケース × 4,128 = 6,192; 10 × 550 + 35,400 = 40,900.
    expect(inv.byRate).toEqual([
      { rate: '10', base: 40900, tax: 4090, gross: 44990 },
      { rate: '8', base: 6192, tax: 495, gross: 6687 },
    ]);
    expect([inv.subtotal, inv.tax, inv.total, inv.withholding, inv.amount_due]).toEqual([47092, 4585, 51677, 0, 51677]);
    expect(inv.kind).toBe('invoice');
    expect(inv.period).toEqual({ start: '2026-05-08', end: '2026-05-20' });
  });

  it('rounds 8 % tax with the issuer’s mode: 495 / 495 / 496', () => {
    expect(compute(exampleInput, { ...issuer, rounding: 'round' }).byRate[1]?.tax).toBe(495);
    expect(compute(exampleInput, { ...issuer, rounding: 'ceil' }).byRate[1]?.tax).toBe(496);
  });

  it('backs the tax out of tax-inclusive prices once per rate', () => {
    // 11,000 + 1,080 税込: 11,000 × 10/110 = 1,000; 1,080 × 8/108 = 80.
    const inv = compute(
      { ...exampleInput, lines: [line({ unit_price: 1100 }), line({ row: 3, unit_price: 1080, quantity: rate(1, 1), tax_rate: '8' })] },
      { ...issuer, prices: 'inclusive' },
    );
    expect(inv.byRate).toEqual([
      { rate: '10', base: 10000, tax: 1000, gross: 11000 },
      { rate: '8', base: 1000, tax: 80, gross: 1080 },
    ]);
    expect(inv.total).toBe(12080);
  });

  it('refuses 源泉徴収 on an invoice a company issues: it is withheld from 報酬 paid to an individual', () => {
    // 所得税法204条1項: 居住者に対し…報酬・料金を支払う者. The example had a 株式会社 invoice ¥15,315
    // less than it was owed, and book it to 仮払税金.
    const fee = { ...exampleInput, lines: [line({ quantity: rate(1, 1), unit_price: 150_000, withholding: true })] };
    const r = computeInvoice(fee, issuer, 'lines.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.row, p.column])).toEqual([[2, 'withholding']]);
    expect(computeInvoice(fee, freelancer, 'lines.csv').ok).toBe(true);
  });

  it('withholds 10.21 % of a 1,000,000 fee and 20.42 % on the part above', () => {
    const at = compute({ ...exampleInput, lines: [line({ quantity: rate(1, 1), unit_price: 1_000_000, withholding: true })] }, freelancer);
    expect([at.withholding, at.total, at.amount_due]).toEqual([102_100, 1_100_000, 997_900]);
    // 1,500,000: 102,100 + 500,000 × 20.42 % = 204,200. Computed on the tax-exclusive fee only,
    // and a line not subject to withholding (交通費 3,000) stays out of the base.
    const above = compute(
      {
        ...exampleInput,
        lines: [
          line({ quantity: rate(1, 1), unit_price: 1_500_000, withholding: true }),
          line({ row: 3, quantity: rate(1, 1), unit_price: 3000 }),
        ],
      },
      freelancer,
    );
    expect(above.withholding).toBe(204_200);
    expect(above.amount_due).toBe(1_503_000 + 150_300 - 204_200);
  });

  it('makes a document with a negative total a 適格返還請求書 (credit note) with negative tax', () => {
    const inv = compute({ ...exampleInput, lines: [line({ quantity: rate(-2, 1), unit_price: 4128, tax_rate: '8' })] });
    expect(inv.kind).toBe('credit');
    // −8,256 × 8 % = −660.48 → −660 (切捨て toward zero, symmetric).
    expect(inv.byRate).toEqual([{ rate: '8', base: -8256, tax: -660, gross: -8916 }]);
  });

  it('refuses a return or discount line without the date of the original sale (a 適格返還請求書 must state it)', () => {
    const { transaction_date: _, ...undated } = line({ row: 7, quantity: rate(-1, 1), unit_price: 1000 });
    const r = computeInvoice({ ...exampleInput, lines: [...exampleInput.lines, undated] }, issuer, 'lines.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.row, p.column])).toEqual([[7, 'transaction_date']]);
    // A positive line without a date takes the issue date, as documented.
    const { transaction_date: __, ...sale } = line({ row: 8 });
    expect(computeInvoice({ ...exampleInput, lines: [sale] }, issuer, 'lines.csv').ok).toBe(true);
  });

  it('keeps a returned item inside an invoice whose total stays positive (返品 on the same document)', () => {
    const inv = compute({
      ...exampleInput,
      lines: [...exampleInput.lines, line({ row: 5, quantity: rate(-1, 1), unit_price: 4128, tax_rate: '8' })],
    });
    expect(inv.kind).toBe('invoice');
    // 8 %: 6,192 − 4,128 = 2,064 → 165.12 → 165.
    expect(inv.byRate[1]).toEqual({ rate: '8', base: 2064, tax: 165, gross: 2229 });
  });

  it('issues a 適格簡易請求書 without a customer name when the issuer chooses it', () => {
    const noName = { ...exampleInput, customer: { ...exampleInput.customer, name: '' } };
    expect(computeInvoice(noName, issuer).ok).toBe(false);
    expect(compute(noName, { ...issuer, document: 'simplified' }).kind).toBe('simplified');
  });

  it('refuses an issue date before the qualified-invoice system (2023-10-01), naming row and column', () => {
    const r = computeInvoice({ ...exampleInput, issue_date: '2023-09-30', due_date: '2023-10-31' }, issuer, 'lines.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ file: 'lines.csv', row: 2, column: 'issue_date', value: '2023-09-30' });
  });

  it('refuses a due date before the issue date', () => {
    const r = computeInvoice({ ...exampleInput, due_date: '2026-05-30' }, issuer);
    expect(r.ok ? [] : r.problems.map((p) => p.column)).toEqual(['due_date']);
  });
});

describe('computeInvoice invariants', () => {
  const lineArb = fc.record({
    price: fc.integer({ min: 0, max: 2_000_000 }),
    qtyNum: fc.integer({ min: 1, max: 5000 }),
    qtyDen: fc.constantFrom(1, 10, 100, 4),
    rate: fc.constantFrom('10' as const, '8' as const, '0' as const),
    withholding: fc.boolean(),
  });
  const build = (
    items: { price: number; qtyNum: number; qtyDen: number; rate: '10' | '8' | '0'; withholding: boolean }[],
    sign: 1 | -1,
  ) => ({
    ...exampleInput,
    lines: items.map((it, i) =>
      line({
        row: i + 2,
        unit_price: it.price,
        quantity: rate(sign * it.qtyNum, it.qtyDen),
        tax_rate: it.rate,
        withholding: it.withholding,
      }),
    ),
  });

  it('property: totals add up, and a credit note is the exact mirror of the invoice', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('floor', 'round', 'ceil'),
        fc.constantFrom('exclusive', 'inclusive'),
        (items, rounding, prices) => {
          const who = { ...freelancer, rounding, prices };
          const inv = compute(build(items, 1), who);
          expect(inv.subtotal + inv.tax).toBe(inv.total);
          expect(inv.total - inv.withholding).toBe(inv.amount_due);
          expect(inv.byRate.reduce((a, r) => a + r.gross, 0)).toBe(inv.total);
          expect(inv.lines.reduce((a, l) => a + l.amount, 0)).toBe(prices === 'exclusive' ? inv.subtotal : inv.total);
          if (inv.total > 0) {
            const credit = compute(build(items, -1), who);
            expect(credit.kind).toBe('credit');
            expect(credit.byRate.map((r) => [r.rate, 0 - r.base, 0 - r.tax])).toEqual(inv.byRate.map((r) => [r.rate, r.base, r.tax]));
            expect(credit.withholding).toBe(0 - inv.withholding);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('invoiceFromRows', () => {
  const row = (n: number, over: Record<string, unknown> = {}) => ({
    row: n,
    value: {
      invoice_no: 'INV-1',
      issue_date: '2026-05-31',
      due_date: '2026-06-30',
      customer_id: 'C001',
      customer_name: '株式会社テスト物産',
      customer_honorific: '御中',
      customer_address: undefined,
      customer_registration_number: undefined,
      transaction_date: undefined,
      item: '品目',
      quantity: rate(1, 1),
      unit: undefined,
      unit_price: 1000,
      tax_rate: '10' as const,
      note: undefined,
      withholding: false,
      customer_endpoint: undefined,
      ...over,
    },
  });

  it('reports a row whose invoice-level field differs from the invoice’s first row', () => {
    const { problems } = invoiceFromRows([row(2), row(3, { due_date: '2026-07-31' })], 'lines.csv');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 3, column: 'due_date', value: '2026-07-31' });
  });

  it('warns (does not reject) on a customer number failing the check digit, errors on a malformed one', () => {
    const warn = invoiceFromRows([row(2, { customer_registration_number: 'T1234567890123' })], 'f');
    expect(warn.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(warn.input?.customer.registration_number).toBe('T1234567890123');
    const bad = invoiceFromRows([row(2, { customer_registration_number: '1234567890123' })], 'f');
    expect(bad.problems.map((p) => p.severity ?? 'error')).toEqual(['error']);
  });

  it('refuses invoice numbers that could escape the output folder', () => {
    for (const no of ['../x', 'a/b', '.hidden', 'a b']) {
      expect(invoiceFromRows([row(2, { invoice_no: no })], 'f').problems[0]?.column).toBe('invoice_no');
    }
  });
});

describe('parseIssuer', () => {
  const good = {
    name: '株式会社サンプル商事',
    registration_number: 'Ｔ５０１０００１２３４５６６',
    address: '東京都千代田区千代田1-1',
    phone: '03-1234-5678',
    rounding: 'round',
    prices: 'inclusive',
  };

  it('takes notes of at most 8 lines and 400 characters, as much as the last page holds below the totals', () => {
    const eight = Array.from({ length: 8 }, (_, i) => `備考${i + 1}`).join('\n');
    expect(parseIssuer({ ...good, notes: eight }, 'issuer.json').problems).toEqual([]);
    const nine = parseIssuer({ ...good, notes: `${eight}\n備考9` }, 'issuer.json');
    expect(nine.issuer).toBeUndefined();
    expect(nine.problems.map((p) => p.column)).toEqual(['notes']);
    expect(parseIssuer({ ...good, notes: 'あ'.repeat(401) }, 'issuer.json').problems.map((p) => p.column)).toEqual(['notes']);
  });

  it('normalises the registration number and reads the rounding and price basis', () => {
    const { issuer: i, problems } = parseIssuer(good, 'issuer.json');
    expect(problems).toEqual([]);
    expect(i).toMatchObject({ registration_number: 'T5010001234566', rounding: 'round', prices: 'inclusive' });
  });

  it('takes the issuer’s own number with a warning when it is not a 法人番号 (sole proprietors’ numbers have no published check digit)', () => {
    const { issuer: i, problems } = parseIssuer({ ...good, registration_number: 'T6010001234566' }, 'issuer.json');
    expect(i?.registration_number).toBe('T6010001234566');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ column: 'registration_number', severity: 'warning' });
  });

  it('refuses an issuer number that is not T + 13 digits', () => {
    const { issuer: i, problems } = parseIssuer({ ...good, registration_number: 'T501000123456' }, 'issuer.json');
    expect(i).toBeUndefined();
    expect(problems[0]).toMatchObject({ column: 'registration_number' });
    expect(problems[0]?.severity).toBeUndefined();
  });

  it('lists every missing field and a bad rounding mode', () => {
    const { problems } = parseIssuer({ rounding: 'banker' }, 'issuer.json');
    expect(problems.map((p) => p.column).sort()).toEqual(['address', 'name', 'phone', 'registration_number', 'rounding']);
  });
});
