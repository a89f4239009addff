/**
 * A 50,000-line 入金消込 written to 「消込結果」 across many simulated Apps Script executions (each
 * a fresh Code.js whose budget lets it write one 5,000-row chunk, one of them killed while saving
 * its cursor) gives exactly the sheet one long execution writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bankCsv, generateDataset, openItemsCsv } from '../../bench/reconcile-data.js';
import { RECONCILE_COLUMNS } from '../../core/reconcile/report.js';
import { type Built, buildAppsScript, execution, newWorld, sheetFromCsv, type World } from './harness.js';

let built: Built;
let bank: (string | number)[][];
let open: (string | number)[][];
let oneRun: unknown[][] | undefined;

beforeAll(async () => {
  built = await buildAppsScript();
  const data = generateDataset({ seed: 20260525, customers: 12_500, itemsPerCustomer: 6, deposits: 50_000 });
  bank = sheetFromCsv(bankCsv(data.lines));
  open = sheetFromCsv(openItemsCsv(data.items));
}, 60_000);

const RANGES = () => [`'入金明細'!A1:E${bank.length}`, `'請求残高'!A1:J${open.length}`];

function reconcileWorld(): World {
  const world = newWorld();
  world.book.addSheet('入金明細', bank);
  world.book.addSheet('請求残高', open);
  return world;
}

interface View {
  written: number;
  total: number;
  done: boolean;
}

describe('消込 of 50,000 bank lines', () => {
  it('is written in one execution when the budget allows', () => {
    expect(bank.length - 1).toBe(50_000);
    const world = reconcileWorld();
    const started = performance.now();
    const view = execution(built, world).call('uraJobStart', 'reconcile', RANGES(), {}) as View;
    console.info(`消込 50,000 lines in one simulated execution: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(view).toMatchObject({ done: true, written: 50_001, total: 50_001 });
    const summary = (view as unknown as { summary: Record<string, number> }).summary;
    expect(Object.values(summary).reduce((a, b) => a + b, 0)).toBe(50_000);
    oneRun = world.book.getSheetByName('消込結果')?.values();
    expect(oneRun?.[0]).toEqual([...RECONCILE_COLUMNS]);
    expect(new Set(oneRun?.slice(1).map((r) => r[5]))).toEqual(new Set(['auto', 'suggested', 'unmatched']));
  }, 120_000);

  it('gives the same sheet across twelve executions, one of them killed while saving its cursor', () => {
    const world = reconcileWorld();
    const views: View[] = [execution(built, world).call('uraJobStart', 'reconcile', RANGES(), {}, 0) as View];
    let killed = false;
    while (!views.at(-1)?.done) {
      if (views.length === 4 && !killed) {
        killed = true;
        const setProperty = world.documentProperties.setProperty.bind(world.documentProperties);
        world.documentProperties.setProperty = () => {
          throw new Error('Exceeded maximum execution time');
        };
        expect(() => execution(built, world).call('uraJobStep', 'reconcile', 0)).toThrow(/Exceeded maximum execution time/);
        world.documentProperties.setProperty = setProperty;
        // The sidebar reopened later finds the job where the last whole chunk left it.
        expect(execution(built, world).call('uraJobPending', 'reconcile')).toMatchObject({ written: 20_000, done: false });
      }
      views.push(execution(built, world).call('uraJobStep', 'reconcile', 0) as View);
      expect(views.length, 'runaway job').toBeLessThan(20);
    }
    expect(views.map((v) => v.written)).toEqual([5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 50_001]);
    expect(oneRun, 'the one-execution run above').toBeDefined();
    expect(world.book.getSheetByName('消込結果')?.values()).toEqual(oneRun);
    expect(world.book.getSheetByName('_urakata_reconcile'), 'kept table removed').toBeNull();
    expect(world.documentProperties.store.size, 'finished job forgotten').toBe(0);
  }, 120_000);
});
