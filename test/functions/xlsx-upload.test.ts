/** An invoice batch uploaded as an Excel workbook: read as the CSV of its first sheet, problems in Excel's terms. */
import { afterEach, describe, expect, it } from 'vitest';
import { csvAsXlsx } from '../helpers/xlsx.js';
import { download, invoiceCsv, type TestStack, testStack, unzipStored } from './stack.js';

let t: TestStack | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('an invoice batch uploaded as an Excel workbook', () => {
  it('issues the same invoices as the CSV, and names a bad cell by sheet, Excel row and column letter', async () => {
    t = await testStack();
    const csv = `${invoiceCsv(3)}B-1,2026-05-31,2026-06-30,C1,甲社,品目,1,千円,10\r\n`;
    const fromCsv = await t.runBatch(csv);
    const fromBook = await t.runBatch(csvAsXlsx(csv.replace(/^A-/gm, 'X-'), '5月'));
    expect(fromBook.status).toMatchObject({ state: 'done', counts: { invoices: 3, issued: 3, rejected: 1 } });
    expect(fromCsv.status.counts).toEqual(fromBook.status.counts);
    expect([...unzipStored(await download(fromBook.status.zipUrl)).keys()]).toEqual(['X-1.pdf', 'X-2.pdf', 'X-3.pdf']);
    const errors = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(fromBook.status.errorsUrl));
    expect(errors).toContain('lines.xlsx シート「5月」,5,unit_price（H列）,千円,');
  });
});
