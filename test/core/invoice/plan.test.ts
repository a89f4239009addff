import { describe, expect, it } from 'vitest';
import { firstInvoice, invoiceFileName, manifestEntry, planInvoices } from '../../../core/invoice/index.js';
import { issuer } from './fixtures.js';

const HEAD = 'invoice_no,issue_date,due_date,customer_id,customer_name,item,quantity,unit_price,tax_rate';
const csv = (...rows: string[]) => `${[HEAD, ...rows].join('\r\n')}\r\n`;

describe('planInvoices', () => {
  it('groups rows by number, rejects an invoice with a bad row whole and names each of its rows', () => {
    const plan = planInvoices(
      csv(
        'A-1,2026-05-31,2026-06-30,C1,甲社,品目,2,1000,10', // row 2
        'B-1,2026-05-31,2026-06-30,C2,乙社,品目,1,abc,10', // row 3: bad price
        'A-1,2026-05-31,2026-06-30,C1,甲社,品目,1,500,8', // row 4: rows of A-1 are not adjacent
        'B-1,2026-05-31,2026-06-30,C2,乙社,品目,1,700,10', // row 5: good row of a rejected invoice
        ',2026-05-31,2026-06-30,C3,丙社,品目,1,100,10', // row 6: no number
      ),
      issuer,
      'lines.csv',
    );
    expect(plan.invoices.map((i) => [i.invoice_no, i.total])).toEqual([['A-1', 2000 + 200 + 500 + 40]]);
    expect(plan.firstRows).toEqual([2]);
    expect(plan.rejected).toBe(2);
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'unit_price'],
      [5, ''],
      [6, 'invoice_no'],
    ]);
    expect(plan.problems[1]?.message_en).toBe('not issued: another row of the same invoice has an error');
  });

  it('an invoice whose lines add up past what yen can hold exactly is rejected with its rows; the others are issued', () => {
    // Each line is within a line's limit; their sum (10^16) is past 2^53.
    const plan = planInvoices(
      csv(
        'BIG-1,2026-05-31,2026-06-30,C1,甲社,品目,1,5000000000000000,10',
        'BIG-1,2026-05-31,2026-06-30,C1,甲社,品目,1,5000000000000000,10',
        'OK-1,2026-05-31,2026-06-30,C2,乙社,品目,1,1000,10',
      ),
      issuer,
      'lines.csv',
    );
    expect(plan.invoices.map((i) => [i.invoice_no, i.total])).toEqual([['OK-1', 1100]]);
    expect(plan.rejected).toBe(1);
    expect(plan.problems.map((p) => [p.row, p.column, p.message_en])).toEqual([
      [2, 'unit_price', 'the invoice’s lines add up to more than 1,000 trillion yen'],
      [3, 'unit_price', 'the invoice’s lines add up to more than 1,000 trillion yen'],
    ]);
  });

  it('firstInvoice settles the first invoice of a file as planInvoices does, and says why there is none', () => {
    const text = csv(
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目,2,1000,10',
      'B-1,2026-05-31,2026-06-30,C2,乙社,品目,1,700,10',
      'A-1,2026-05-31,2026-06-30,C1,甲社,品目,1,500,8',
    );
    const first = firstInvoice(text, issuer, 'lines.csv');
    expect(first.ok && first.invoice).toEqual(planInvoices(text, issuer, 'lines.csv').invoices[0]);
    expect(first.ok && first.invoice.total).toBe(2000 + 200 + 500 + 40);
    // A bad row of the first invoice rejects it, naming the row; a row without a number is no invoice.
    const bad = firstInvoice(csv('A-1,2026-05-31,2026-06-30,C1,甲社,品目,x,1000,10'), issuer, 'lines.csv');
    expect(bad.ok ? [] : bad.problems.map((p) => [p.row, p.column])).toEqual([[2, 'quantity']]);
    const none = firstInvoice(csv(',2026-05-31,2026-06-30,C3,丙社,品目,1,100,10'), issuer, 'lines.csv');
    expect(none.ok ? [] : none.problems.map((p) => p.message_en)).toContain('no invoice lines');
  });

  it('an invoice is issued as {invoice_no}.pdf, its JP PINT beside it as {invoice_no}.xml', () => {
    expect([invoiceFileName('INV-2026-05-001', 'pdf'), invoiceFileName('請求-１', 'xml')]).toEqual(['INV-2026-05-001.pdf', '請求-１.xml']);
  });

  it('a missing column makes the file fatal and issues nothing', () => {
    const plan = planInvoices('invoice_no,issue_date\r\nA-1,2026-05-31\r\n', issuer, 'lines.csv');
    expect(plan.invoices).toEqual([]);
    expect(plan.fatal.length).toBeGreaterThan(0);
    expect(plan.fatal.every((p) => p.row <= 1 && p.file === 'lines.csv')).toBe(true);
  });

  it('the manifest line carries every rate key and the totals', () => {
    const [inv] = planInvoices(csv('A-1,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,8'), issuer, 'f').invoices;
    if (!inv) throw new Error('no invoice');
    const e = manifestEntry(inv, 'A-1.pdf', 'ab', undefined, 'issued');
    expect(e).toMatchObject({ subtotal_by_rate: { '10': 0, '8': 1000, '0': 0 }, tax_by_rate: { '10': 0, '8': 80, '0': 0 }, total: 1080 });
    expect('xml_file' in e).toBe(false);
  });
});
