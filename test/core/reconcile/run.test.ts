import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchDeposits, readBankStatement, readOpenItems } from '../../../core/reconcile/index.js';
import { decisionRow, RECONCILE_COLUMNS, reconcileCsv, reconcileTable } from '../../../core/reconcile/report.js';
import { toCsvText } from '../../../core/csv/write.js';
import { joinedBytes } from '../../../core/csv/encoding.js';
import { readRunOpenItems, readRunStatement, reconcileJson, reconcileJsonPieces, runReconcile } from '../../../core/reconcile/run.js';
import { statementPayers } from '../../../core/reconcile/match.js';
import { bankCsv, generateDataset, openItemsCsv } from '../../../bench/reconcile-data.js';
import { encodeCp932 } from '../../../core/csv/encoding.js';

const example = (name: string) => new Uint8Array(readFileSync(new URL(`../../../examples/reconcile/${name}`, import.meta.url)));
const TODAY = '2026-06-30';

describe('runReconcile: the run every host makes', () => {
  it('gives the same run from the files as from either read beforehand (readRunStatement, readRunOpenItems), as a host with two threads reads them', () => {
    const ds = generateDataset({ seed: 12, customers: 200, itemsPerCustomer: 6, deposits: 600 });
    const bank = { data: encodeCp932(bankCsv(ds.lines)), file: 'bank.csv' };
    const open = { data: encodeCp932(openItemsCsv(ds.items)), file: 'open.csv' };
    const options = { today: TODAY, tolerance: 1000 };
    const whole = runReconcile(bank, open, options);
    const read = runReconcile(readRunStatement(bank, TODAY), readRunOpenItems(open), options);
    if (!whole.ok || !read.ok) throw new Error('refused');
    expect(whole.summary.auto).toBeGreaterThan(300);
    expect(read.decisions).toEqual(whole.decisions);
    // Payers parsed from other lines are not taken for these: parsed again.
    const statement = readRunStatement(bank, TODAY);
    const other = statementPayers(statement.lines.slice().reverse());
    expect(matchDeposits(statement.lines, ds.items, { tolerance: 1000, payers: other }).decisions).toEqual(whole.decisions);
    expect(matchDeposits(statement.lines, ds.items, { tolerance: 1000, payers: statement.payers }).decisions).toEqual(whole.decisions);
  });

  it('reads, matches and lays out as the engine does, for a 全銀 file and a bank CSV alike', () => {
    const open = { data: example('open-items.csv'), file: 'open-items.csv' };
    for (const name of ['zengin-03.txt', 'bank.csv']) {
      const run = runReconcile({ data: example(name), file: name }, open, { today: TODAY });
      if (!run.ok) throw new Error(JSON.stringify(run.problems));
      const direct = matchDeposits(
        readBankStatement(example(name), name, { today: TODAY }).lines,
        readOpenItems(example('open-items.csv'), 'open-items.csv').items,
      );
      expect(run.decisions).toEqual(direct.decisions);
      expect(run.summary.deposits).toBe(direct.decisions.length);
      expect(run.summary.auto).toBeGreaterThan(0);
      const json = JSON.parse(reconcileJson(run));
      expect(json.format).toBe(run.format);
      expect(json.decisions).toHaveLength(direct.decisions.length);
      expect(json.decisions[0]).toMatchObject({ ...decisionRow(direct.decisions[0] as never), allocations: run.decisions[0]?.allocations });
    }
  });

  it('writes its JSON in pieces that are, joined, the whole JSON as JSON.stringify lays it out (indent 2)', () => {
    for (const name of ['zengin-03.txt', 'bank.csv']) {
      const run = runReconcile(
        { data: example(name), file: name },
        { data: example('open-items.csv'), file: 'open-items.csv' },
        { today: TODAY },
      );
      if (!run.ok) throw new Error(JSON.stringify(run.problems));
      const whole = `${JSON.stringify(
        {
          format: run.format,
          summary: run.summary,
          decisions: run.decisions.map((d) => ({ ...decisionRow(d), allocations: d.allocations, alternatives: d.alternatives })),
        },
        null,
        2,
      )}\n`;
      const pieces = [...reconcileJsonPieces(run, 512)];
      expect(pieces.length).toBeGreaterThan(3);
      expect(new TextDecoder().decode(joinedBytes(pieces))).toBe(whole);
      expect(reconcileJson(run)).toBe(whole);
      // No decisions: an empty list, as JSON.stringify writes it.
      const none = { ...run, decisions: [] };
      expect(reconcileJson(none)).toBe(`${JSON.stringify({ format: run.format, summary: run.summary, decisions: [] }, null, 2)}\n`);
    }
  });

  it('lays out each deposit the same way as a row object, a table row and a CSV line', () => {
    const run = runReconcile(
      { data: example('bank.csv'), file: 'bank.csv' },
      { data: example('open-items.csv'), file: 'open-items.csv' },
      { today: TODAY },
    );
    if (!run.ok) throw new Error(JSON.stringify(run.problems));
    const table = reconcileTable(run.decisions);
    expect(table[0]).toEqual([...RECONCILE_COLUMNS]);
    expect(table.slice(1)).toEqual(run.decisions.map((d) => RECONCILE_COLUMNS.map((c) => decisionRow(d)[c])));
    // Hand-checked: the first deposit pays INV-2026-0101 less the 440 yen fee; the third pays two invoices.
    expect(table[1]).toEqual([
      '00000101',
      '2026-06-01',
      109560,
      'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ',
      'ヤマダシヨウジ',
      'auto',
      'name+fee',
      'C001',
      'INV-2026-0101',
      440,
      0,
      '',
      0.92,
      '振込名義が得意先カナと一致、振込手数料440円を差し引いた金額と一致（当方負担）',
    ]);
    expect(table[3]?.[8]).toBe('INV-2026-0103;INV-2026-0104');
    // A deposit nothing matches: its whole amount is the difference (column 11), no fee (10), no treatment (12).
    expect(table.find((r) => r[0] === '00000111')?.slice(5, 13)).toEqual(['unmatched', 'none', '', '', 0, 12, '', 0]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(reconcileCsv(run.decisions))).toBe(`\uFEFF${toCsvText(table)}`);
  });

  it('refuses the run with every error of both files, and matches nothing', () => {
    const bank = 'date,amount,payer\n2026-06-01,abc,ﾔﾏﾀﾞ\n';
    const open = '請求書番号,得意先コード,得意先名,請求残高\nINV-1,C1,山田商事,x\n';
    const run = runReconcile({ data: bank, file: 'bank.csv' }, { data: open, file: 'open.csv' }, { today: TODAY });
    expect(run.ok).toBe(false);
    expect(new Set(run.problems.map((p) => p.file))).toEqual(new Set(['bank.csv', 'open.csv']));
  });

  it('applies the run tolerance it is given (許容差額), and none when it is not', () => {
    const open =
      '請求書番号,得意先コード,得意先名,得意先カナ,請求日,支払期限,請求残高\nINV-1,C1,株式会社山田商事,ヤマダショウジ,2026-04-30,2026-05-31,100000\n';
    const bank = 'date,amount,payer\n2026-06-01,99700,ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ\n';
    const files = [
      { data: bank, file: 'bank.csv' },
      { data: open, file: 'open.csv' },
    ] as const;
    const strict = runReconcile(...files, { today: TODAY });
    const lenient = runReconcile(...files, { today: TODAY, tolerance: 1_000 });
    expect(strict.ok && strict.decisions[0]?.status).not.toBe('auto');
    expect(lenient.ok && lenient.decisions[0]).toMatchObject({ status: 'auto', difference: -300 });
  });
});
