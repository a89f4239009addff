/**
 * Issue 19, finding 5 — undecodable bytes passed silently: a Shift_JIS file with invalid bytes was
 * issued with 文字化け as a customer name and an invoice number, exit 0, no warning.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCp932, nonNegativeYen, readTable, text } from '../../core/csv/index.js';
import { download, invoiceCsv, type TestStack, testStack } from '../functions/stack.js';

const employees = {
  id: text('employee_id', '社員番号'),
  name: text('name', '氏名'),
  salary: nonNegativeYen('monthly_salary', '基本給'),
};

let t: TestStack | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('issue 19 finding 5: undecodable bytes pass silently', () => {
  it('lists bytes that do not decode (文字化け) through the API instead of issuing them as a name', async () => {
    t = await testStack();
    const head = new TextEncoder().encode(`${invoiceCsv(1)}B-1,2026-05-31,2026-06-30,C1,`);
    const bytes = new Uint8Array([...head, 0xff, 0xfe, 0x41, ...new TextEncoder().encode(',品目,1,1000,10\r\n')]);
    const { status } = await t.runBatch(bytes);
    expect(status).toMatchObject({ state: 'done', counts: { issued: 1 } });
    const errors = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(status.errorsUrl));
    expect(errors).toMatch(/3,customer_name,.*文字コード/);
  });

  it('refuses bytes that are not text in the file’s encoding (文字化け), naming row and column', () => {
    // 0x82 0xFF in E2's name: a Shift_JIS lead byte followed by a byte that cannot trail it.
    const bytes = new Uint8Array([
      ...encodeCp932('社員番号,氏名,基本給\r\nE1,山田,100\r\nE2,株式会社'),
      0x82,
      0xff,
      ...encodeCp932(',200\r\n'),
    ]);
    const t = readTable(bytes, employees, { file: 'e.csv' });
    expect(t.encoding).toBe('shift_jis');
    expect(t.rows.map((r) => r.value.id)).toEqual(['E1']);
    expect(t.problems).toEqual([expect.objectContaining({ row: 3, column: '氏名', message_ja: expect.stringContaining('文字コード') })]);
  });
});
