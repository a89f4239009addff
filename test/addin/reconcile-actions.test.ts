import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyAutomatic,
  buildReconcileJournal,
  confirmSelected,
  type JobRunner,
  RESULT_SHEET,
  runReconcile,
} from '../../addin/taskpane/reconcile-actions.js';
import { runReconcileJob } from '../../addin/taskpane/reconcile-job.js';
import { LEARNED_SHEET } from '../../addin/taskpane/workbook.js';
import { main } from '../../cli/main.js';
import { toCsvText } from '../../core/csv/write.js';
import { JOURNAL_FORMATS } from '../../core/journal/formats.js';
import { RECONCILE_COLUMNS } from '../../core/reconcile/report.js';
import { RECONCILE_JOURNAL_SHEET } from '../../core/sheet-functions/payroll.js';
import { customerKana, expectedStatus, invoiceAmount, openItemsSheet, statementSheet } from './reconcile-fixture.js';
import { file03 } from '../core/zengin/statement/build-record.js';
import { mockWorkbook } from './mock-workbook.js';

const direct: JobRunner = async (input, progress) => runReconcileJob(input, (_, done) => progress(done));
const LINES = 40;

function workbook() {
  const bank = statementSheet(LINES);
  const open = openItemsSheet(LINES);
  return mockWorkbook({
    入金明細: { ranges: { [`A1:C${LINES + 1}`]: { values: bank.values, numberFormat: bank.formats } } },
    請求残: { ranges: { [`A1:G${LINES + 1}`]: { values: open.values, numberFormat: open.formats } } },
  });
}
/**
 * The workbook as Excel holds it after 反映 or 確定 wrote the 消込状態 column (H) beside 請求残:
 * the open items with that column, readable as the grown range A1:H. (The mock keeps each written
 * cell apart; Excel reads them together.)
 */
function afterMarking(wb: ReturnType<typeof workbook>) {
  const bank = statementSheet(LINES);
  const open = openItemsSheet(LINES);
  const written = wb.sheet('請求残')?.ranges;
  const status = (row: number) => (written?.[`H${row}`]?.values as unknown[][] | undefined)?.[0]?.[0] ?? '';
  return mockWorkbook({
    入金明細: { ranges: { [`A1:C${LINES + 1}`]: { values: bank.values, numberFormat: bank.formats } } },
    請求残: {
      ranges: {
        [`A1:H${LINES + 1}`]: {
          values: open.values.map((r, i) => [...r, status(i + 1)]),
          numberFormat: open.formats.map((r) => [...r, 'General']),
        },
      },
    },
  });
}

/** The day the pane runs on (its clock, passed to core): the statements' 2026 dates are this year's. */
const TODAY = '2026-05-20';
const request = { statement: { range: `入金明細!A1:C${LINES + 1}` }, openItems: `請求残!A1:G${LINES + 1}`, today: TODAY };

describe('消込 pane actions (office-addin-mock)', () => {
  it('runs a match from two sheet ranges and writes 消込結果 with one row per deposit, the columns of the CLI and RECONCILE', async () => {
    const wb = workbook();
    const phases: string[] = [];
    const { output } = await runReconcile(wb.run, request, direct, (p) => phases.push(p));
    expect(output.ok).toBe(true);
    const values = wb.sheet(RESULT_SHEET)?.ranges[`A1:N${LINES + 1}`].values as unknown[][];
    expect(values[0]).toEqual([...RECONCILE_COLUMNS]);
    expect(values.slice(1).map((r) => r[5])).toEqual(Array.from({ length: LINES }, (_, i) => expectedStatus(i)));
    // line 1: 2026-05-01 (serial 46143 formatted yyyy/m/d), アアアアショウジ pays INV-00000 in full
    expect(values[1]).toEqual(expect.arrayContaining([1, '2026-05-01', 10_000, customerKana(0), 'auto', 'C00000', 'INV-00000']));
    expect(phases).toEqual(expect.arrayContaining(['reading', 'matching', 'writing']));
  });

  it('reports every bad row with file, row and column and writes no result sheet', async () => {
    const bank = statementSheet(3);
    bank.values[2] = [46_144, 'アアア', 'abc'];
    const open = openItemsSheet(3);
    const wb = mockWorkbook({
      入金明細: { ranges: { 'A1:C4': { values: bank.values, numberFormat: bank.formats } } },
      請求残: { ranges: { 'A1:G4': { values: open.values, numberFormat: open.formats } } },
    });
    const { output } = await runReconcile(
      wb.run,
      { statement: { range: '入金明細!A1:C4' }, openItems: '請求残!A1:G4', today: TODAY },
      direct,
      () => {},
    );
    expect(output.ok).toBe(false);
    if (output.ok) return;
    expect(output.problems[0]).toMatchObject({ file: '入金明細!A1:C4', row: 3, column: '入金額', value: 'abc' });
    expect(wb.sheet(RESULT_SHEET)).toBeUndefined();
  });

  it('applies the automatic matches: 消込済 beside each invoice, result rows marked, payers learned', async () => {
    const wb = workbook();
    const { state } = await runReconcile(wb.run, request, direct, () => {});
    if (!state) throw new Error('no state');
    const marked = await applyAutomatic(wb.run, state);
    const autos = Array.from({ length: LINES }, (_, i) => i).filter((i) => expectedStatus(i) === 'auto');
    expect(marked).toBe(autos.length);
    const open = wb.sheet('請求残');
    expect(open?.ranges.H1.values).toEqual([['消込状態']]);
    expect(open?.ranges.H2.values).toEqual([['消込済']]);
    expect(open?.ranges.H20).toBeUndefined(); // INV-00018 is only suggested
    expect(wb.sheet(RESULT_SHEET)?.ranges.F2.values).toEqual([['消込済']]);
    expect(wb.sheet(LEARNED_SHEET)?.visibility).toBe('Hidden');
    // Pressing again changes nothing: no second marking, no second lesson.
    const learned = state.learned;
    expect(await applyAutomatic(wb.run, state)).toBe(0);
    expect(state.learned).toBe(learned);
    // The 消込状態 column was added right of the range the user gave: the range now takes it in,
    // so the next run reads it and clears nothing twice.
    expect(state.openItems).toBe(`請求残!A1:H${LINES + 1}`);
    const next = await runReconcile(afterMarking(wb).run, { ...request, openItems: state.openItems }, direct, () => {});
    if (!next.output.ok) throw new Error('rejected');
    expect(next.output.rows.filter((r) => r[5] === 'auto')).toEqual([]);
  });

  it('records nothing as applied when the workbook could not be written (Excel in cell-edit mode): pressing again applies it', async () => {
    const wb = workbook();
    const { state } = await runReconcile(wb.run, request, direct, () => {});
    if (!state) throw new Error('no state');
    const learned = state.learned;
    const busy: typeof wb.run = async () => {
      throw new Error('InvalidOperation: the workbook is in cell-edit mode');
    };
    await expect(applyAutomatic(busy, state)).rejects.toThrow(/cell-edit/);
    expect(state.settled.size).toBe(0);
    expect(state.learned).toBe(learned);
    expect(await applyAutomatic(wb.run, state)).toBeGreaterThan(0);
    wb.select(RESULT_SHEET, 19, 1);
    const selectedBusy: typeof wb.run = async (f) => {
      await wb.run(f); // the selection is read, the write then fails
      throw new Error('InvalidOperation: the workbook is in cell-edit mode');
    };
    const settled = state.settled.size;
    const learnedBefore = state.learned;
    await expect(confirmSelected(selectedBusy, state)).rejects.toThrow(/cell-edit/);
    expect(state.settled.size).toBe(settled);
    expect(state.learned).toBe(learnedBefore);
    expect((await confirmSelected(wb.run, state)).map((d) => d.allocations.map((a) => a.invoiceId))).toEqual([['INV-00018']]);
  });

  it('confirms a selected suggestion, and the next run matches that payer by itself', async () => {
    const wb = workbook();
    const { state } = await runReconcile(wb.run, request, direct, () => {});
    if (!state) throw new Error('no state');
    // Row 20 of 消込結果 is deposit 19 (index 18): an unknown payer paying INV-00018's unique amount.
    wb.select(RESULT_SHEET, 19, 1);
    const confirmed = await confirmSelected(wb.run, state);
    expect(confirmed.map((d) => d.allocations.map((a) => a.invoiceId))).toEqual([['INV-00018']]);
    expect(wb.sheet('請求残')?.ranges.H20.values).toEqual([['消込済']]);
    expect(wb.sheet(RESULT_SHEET)?.ranges.F20.values).toEqual([['消込済']]);
    const learned = wb.sheet(LEARNED_SHEET)?.ranges['A1:H2'].values as unknown[][];
    expect(learned[1]).toEqual(expect.arrayContaining(['payer', 'C00018']));
    expect(await confirmSelected(wb.run, state)).toEqual([]); // already confirmed

    // Same statement again, over the range as the pane now holds it (with 消込状態): INV-00018 is
    // 消込済 and is not matched a second time…
    expect(state.openItems).toBe(`請求残!A1:H${LINES + 1}`);
    const again = await runReconcile(afterMarking(wb).run, { ...request, openItems: state.openItems }, direct, () => {});
    if (!again.output.ok) throw new Error('rejected');
    expect(again.output.rows[19]?.[8]).not.toBe('INV-00018');
    // …and over the original range (as a user who kept the old address), the learned payer name
    // finds C00018 on its own.
    const before = await runReconcile(wb.run, request, direct, () => {});
    if (!before.output.ok) throw new Error('rejected');
    const row = before.output.rows[19];
    expect(row?.[5]).toBe('auto');
    expect(row?.[8]).toBe('INV-00018');
    expect(row?.[2]).toBe(invoiceAmount(18));
  });

  it('confirms nothing when the selection is not on the result sheet', async () => {
    const wb = workbook();
    const { state } = await runReconcile(wb.run, request, direct, () => {});
    if (!state) throw new Error('no state');
    wb.select('請求残', 3, 2);
    expect(await confirmSelected(wb.run, state)).toEqual([]);
  });

  it('reads a dropped file instead of a sheet range (Shift_JIS CSV)', async () => {
    const open = openItemsSheet(2);
    const wb = mockWorkbook({ 請求残: { ranges: { 'A1:G3': { values: open.values, numberFormat: open.formats } } } });
    const { encodeCp932 } = await import('../../core/csv/encoding.js');
    const bytes = encodeCp932(`日付,振込依頼人名,入金額\r\n2026/05/01,${customerKana(1)},${invoiceAmount(1)}\r\n`);
    const { output } = await runReconcile(
      wb.run,
      { statement: { file: { name: 'bank.csv', bytes } }, openItems: '請求残!A1:G3', today: TODAY },
      direct,
      () => {},
    );
    if (!output.ok) throw new Error(JSON.stringify(output.problems));
    expect(output.rows[1]).toEqual(expect.arrayContaining(['auto', 'C00001', 'INV-00001']));
  });

  it('reads a dropped 全銀 入出金取引明細 (種別03, half-width kana, 和暦 dates)', async () => {
    const open = openItemsSheet(2);
    const wb = mockWorkbook({ 請求残: { ranges: { 'A1:G3': { values: open.values, numberFormat: open.formats } } } });
    // ｲｱｱｱｼｮｳｼﾞ is customer 1's kana イアアアショウジ in JIS X 0201; 080501 is 令和8年5月1日.
    const bytes = file03(0, [{ inquiry: '00000007', date: '080501', io: 1, kind: '11', amount: invoiceAmount(1), payer: 'ｲｱｱｱｼｮｳｼﾞ' }]);
    const { output } = await runReconcile(
      wb.run,
      { statement: { file: { name: 'meisai.txt', bytes } }, openItems: '請求残!A1:G3', today: TODAY },
      direct,
      () => {},
    );
    if (!output.ok) throw new Error(JSON.stringify(output.problems));
    expect(output.summary.format).toBe('zengin-03');
    expect(output.rows[1]).toEqual(expect.arrayContaining(['2026-05-01', invoiceAmount(1), 'auto', 'C00001', 'INV-00001']));
  });

  it('reads and writes a 10,000-line statement in a handful of syncs, not one per row', async () => {
    const n = 10_000;
    const bank = statementSheet(n);
    const open = openItemsSheet(n);
    const wb = mockWorkbook({
      入金明細: { ranges: { [`A1:C${n + 1}`]: { values: bank.values, numberFormat: bank.formats } } },
      請求残: { ranges: { [`A1:G${n + 1}`]: { values: open.values, numberFormat: open.formats } } },
    });
    const { output } = await runReconcile(
      wb.run,
      { statement: { range: `入金明細!A1:C${n + 1}` }, openItems: `請求残!A1:G${n + 1}`, today: TODAY },
      direct,
      () => {},
    );
    expect(output.ok && output.summary).toMatchObject({ deposits: n, auto: 9_000, suggested: 500, unmatched: 500 });
    // read both ranges (1), look for the learned sheet (1), look for an old result sheet (1), write (1)
    expect(wb.syncs()).toBe(4);
  }, 30_000);
});

/** The sheet's values as the CLI's input file: Excel's date serials as ISO dates (1899-12-30 + n days). */
function csvOf(values: (string | number)[][], dateColumns: readonly number[]): string {
  const iso = (n: number) => new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
  return toCsvText(values.map((row, r) => row.map((v, c) => (r > 0 && dateColumns.includes(c) && typeof v === 'number' ? iso(v) : v))));
}

describe('消込 pane: 仕訳 (office-addin-mock)', () => {
  const autos = Array.from({ length: LINES }, (_, i) => i).filter((i) => expectedStatus(i) === 'auto');

  it('writes 仕訳_消込: 普通預金 for each automatic deposit, 売掛金 of each customer; suggested and unmatched not booked', async () => {
    const wb = workbook();
    const { state } = await runReconcile(wb.run, request, direct, () => {});
    if (!state) throw new Error('no state');
    const r = await buildReconcileJournal(wb.run, state, 'yayoi');
    expect([r.sheet, r.name, r.entries]).toEqual([RECONCILE_JOURNAL_SHEET, '仕訳_消込_yayoi.csv', autos.length]);
    const sheet = wb.sheet(RECONCILE_JOURNAL_SHEET);
    if (!sheet) throw new Error('no journal sheet');
    const key = [...(sheet.ranges._properties as Map<string, unknown>).keys()].find((a) => a.startsWith('A1:J')) ?? '';
    const rows = sheet.ranges[key].values as unknown[][];
    expect(rows[0]).toEqual(['仕訳番号', '日付', '貸借', '勘定科目', '補助科目', '部門', '税区分', '金額', '税額', '摘要']);
    const lines = rows.slice(1);
    expect(lines).toHaveLength(2 * autos.length); // no fee, no difference: one debit and one credit each
    const bank = lines.filter((l) => l[2] === '借方' && l[3] === '普通預金');
    expect(bank.reduce((sum, l) => sum + Number(l[7]), 0)).toBe(autos.reduce((sum, i) => sum + invoiceAmount(i), 0));
    const receivable = lines.filter((l) => l[2] === '貸方' && l[3] === '売掛金').map((l) => [l[4], l[7]]);
    expect(receivable).toEqual(autos.map((i) => [`取引先${i}`, invoiceAmount(i)]));
    // line 1 is deposit 0, on 2026-05-01
    expect(lines[0]?.slice(0, 8)).toEqual([1, '2026-05-01', '借方', '普通預金', '', '', '対象外', invoiceAmount(0)]);
  });

  it('saves the bytes `urakata reconcile --journal` writes for the same statement and open items, in each format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'urakata-rec-journal-'));
    try {
      writeFileSync(join(dir, 'bank.csv'), csvOf(statementSheet(LINES).values, [0]));
      writeFileSync(join(dir, 'open-items.csv'), csvOf(openItemsSheet(LINES).values, [4, 5]));
      const wb = workbook();
      const { state } = await runReconcile(wb.run, request, direct, () => {});
      if (!state) throw new Error('no state');
      for (const format of JOURNAL_FORMATS) {
        const io = { out: () => undefined, err: () => undefined, cwd: dir };
        const args = ['reconcile', '--bank', 'bank.csv', '--open-items', 'open-items.csv', '--out', 'r.csv'];
        expect(await main([...args, '--journal', `j-${format}`, '--journal-format', format], io)).toBe(0);
        const pane = await buildReconcileJournal(wb.run, state, format);
        expect(Buffer.from(pane.bytes).equals(readFileSync(join(dir, `j-${format}`))), format).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('books a suggestion confirmed in the pane with the automatic matches', async () => {
    const wb = workbook();
    const { state } = await runReconcile(wb.run, request, direct, () => {});
    if (!state) throw new Error('no state');
    wb.select(RESULT_SHEET, 19, 1); // deposit 19 (index 18): suggested, pays INV-00018
    expect(await confirmSelected(wb.run, state)).toHaveLength(1);
    const r = await buildReconcileJournal(wb.run, state, 'csv');
    expect(r.entries).toBe(autos.length + 1);
    const text = Buffer.from(r.bytes).toString('utf8');
    expect(text).toContain(`,credit,売掛金,取引先18,,対象外,${invoiceAmount(18)},`);
  });

  it('writes no sheet and no file when no deposit was matched automatically', async () => {
    const wb = workbook();
    const { state } = await runReconcile(wb.run, request, direct, () => {});
    if (!state) throw new Error('no state');
    const none = { ...state, decisions: state.decisions.filter((d) => d.status !== 'auto') };
    expect((await buildReconcileJournal(wb.run, none, 'csv')).entries).toBe(0);
    expect(wb.sheet(RECONCILE_JOURNAL_SHEET)).toBeUndefined();
  });
});
