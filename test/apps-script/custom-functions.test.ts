/**
 * =URA_<NAME>(…) in Sheets answers exactly what core answers (and what Excel shows), errors
 * included, without touching any Apps Script service; a 10,000-row range stays far inside the
 * 30-second custom-function limit even counting the cold load of Code.js.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as core from '../../core/sheet-functions/index.js';
import { CASES_TODAY, FUNCTION_CASES } from '../core/sheet-functions/cases.js';
import { type Built, buildAppsScript, execution, newWorld } from './harness.js';

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

type Call = { readonly fn: string; readonly args: readonly unknown[]; readonly expected?: unknown };

/** Hand-checked values (the functions' own documented examples) plus ranges and bad input. */
const CASES: readonly Call[] = [
  { fn: 'WITHHOLDING', args: [175000, 2, '甲', '2026-05-25'], expected: 250 },
  { fn: 'WITHHOLDING', args: [[[175000], [''], [175000]], [[2], [0], [0]], '甲', '2026-05-25'] },
  { fn: 'WITHHOLDING', args: [300000, 0, '乙', '2026-05-25'] },
  { fn: 'WITHHOLDING', args: [300000, 1, '', '2026-05-25', 'computer'] },
  { fn: 'WITHHOLDING', args: ['¥175,000', '2', '甲', '令和8年5月25日'], expected: 250 },
  { fn: 'WITHHOLDING', args: ['abc', 0, '甲', '2026-05-25'] },
  { fn: 'WITHHOLDING', args: [175000, 2, '丙', '2026-05-25'] },
  { fn: 'WITHHOLDING', args: [175000, 2, '甲', '1999-05-25'] },
  { fn: 'BONUSWITHHOLDING', args: [500000, 300000, 2, '甲', '2026-07-10'], expected: 20420 },
  { fn: 'BONUSWITHHOLDING', args: [500000, 0, 2, '甲', '2026-07-10'] },
  { fn: 'STANDARDMONTHLY', args: [300000, 'pension', '2026-05-01'], expected: 300000 },
  { fn: 'EMPLOYMENTINSURANCE', args: [300102, '一般', '2026-04-30'], expected: 1501 },
];

type Outcome = { value: unknown } | { error: string };

function outcome(f: () => unknown): Outcome {
  try {
    return { value: JSON.parse(JSON.stringify(f())) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Core as the script calls it (the cases give their dates, so the script's own today answers the same). */
const coreFunctions = core.sheetFunctions({ today: CASES_TODAY });
const coreFn = (name: string) => (coreFunctions as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>)[name];

describe('custom functions on the cases Excel is tested with', () => {
  const landed = FUNCTION_CASES.filter((c) => coreFn(c.fn));

  it.each(landed.map((c) => [`${c.fn}: ${c.title}`, c] as const))('%s', (_, c) => {
    const world = newWorld();
    // Sheets passes an omitted argument as undefined and a blank cell as ''; the cases use null.
    const args = c.args.map((a) => (a === null ? undefined : a));
    const sheets = outcome(() => execution(built, world).call(`URA_${c.fn}`, ...args));
    if (typeof c.expected === 'object' && c.expected !== null && !Array.isArray(c.expected)) {
      const direct = outcome(() => coreFn(c.fn)?.(...args));
      expect(sheets).toEqual(direct);
      expect((sheets as { error: string }).error).toContain(`「${c.expected.error}`);
    } else {
      expect(sheets).toEqual({ value: c.expected });
    }
    expect([...world.servicesUsed], 'custom functions run unauthorised').toEqual([]);
  });

  it('a catalog function whose core is not in this build answers "not available", as Excel does', () => {
    const run = execution(built, newWorld());
    for (const name of core.FUNCTION_CATALOG.map((s) => s.name).filter((n) => !coreFn(n))) {
      expect(() => run.call(`URA_${name}`)).toThrow(`${name} はまだ使えません`);
    }
  });
});

describe('custom functions', () => {
  const landed = CASES.filter((c) => coreFn(c.fn));

  it.each(landed.map((c) => [`${c.fn}(${JSON.stringify(c.args)})`, c] as const))('%s gives the core result', (_, c) => {
    const world = newWorld();
    const sheets = outcome(() => execution(built, world).call(`URA_${c.fn}`, ...c.args));
    const direct = outcome(() => coreFn(c.fn)?.(...c.args));
    // Sheets shows blank for an empty result cell where Excel shows an empty string: same thing.
    expect(sheets).toEqual(direct);
    if (c.expected !== undefined) expect(sheets).toEqual({ value: c.expected });
    expect([...world.servicesUsed], 'custom functions run unauthorised').toEqual([]);
  });

  it('names the bad argument in the thrown error, in Japanese and English', () => {
    const run = execution(built, newWorld());
    expect(() => run.call('URA_WITHHOLDING', 175000, 2, '丙', '2026-05-25')).toThrow(/列「column」.*「甲」か「乙」.*\/ tax column/);
  });

  it('hands a one-cell range to a range parameter as Excel does, as [[value]]', () => {
    const run = execution(built, newWorld());
    // Sheets passes =URA_INVOICETAX(C2, D2) as bare values; Excel as [[5500]], [["10%"]].
    expect(JSON.parse(JSON.stringify(run.call('URA_INVOICETAX', 5500, '10%')))).toEqual(coreFunctions.INVOICETAX([[5500]], [['10%']]));
  });

  it('reads a date cell (a Date in the spreadsheet) as the Tokyo calendar date', () => {
    const run = execution(built, newWorld());
    // 2026-05-25 00:00 in Tokyo is 2026-05-24 15:00 UTC: a UTC reading would take the wrong day.
    const cell = run.evaluate('new Date("2026-05-24T15:00:00Z")');
    expect(run.call('URA_WITHHOLDING', 175000, 2, '甲', cell)).toBe(250);
  });

  it('reads Sheets date cells in a payroll table given to URA_NENCHO (pay_date and birth_date as Dates)', () => {
    const run = execution(built, newWorld());
    const at = (iso: string) => run.evaluate(`new Date("${iso}T00:00:00+09:00")`);
    const employees = [
      ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
      ['1', '山田', '1995-10-10', '東京都', 300_000, 1, '甲', 160],
    ];
    const months = ['2026-01-23', '2026-02-25'].map((d) => coreFunctions.PAYROLL(employees, [['社員番号']], d));
    const dateColumn = months[0]?.[0]?.indexOf('pay_date') ?? -1;
    const pay = [months[0]?.[0] ?? [], ...months.map((m) => (m[1] ?? []).map((c, i) => (i === dateColumn ? at(String(c)) : c)))];
    const withDates = [employees[0] ?? [], (employees[1] ?? []).map((c, i) => (i === 2 ? at(String(c)) : c))];
    const declarations = [['社員番号'], ['1']];
    const sheets = JSON.parse(JSON.stringify(run.call('URA_NENCHO', withDates, declarations, pay, 2026)));
    expect(sheets).toEqual(coreFunctions.NENCHO(employees, declarations, [months[0]?.[0] ?? [], ...months.map((m) => m[1] ?? [])], 2026));
    expect(sheets[1][0]).toBe('1');
  });

  it('gives URA_KYUYOSHOTOKU a column for a column of pay', () => {
    const run = execution(built, newWorld());
    expect(run.call('URA_KYUYOSHOTOKU', [[8_970_000], [''], [6_600_000]], 2026)).toEqual([[7_020_000], [''], [4_840_000]]);
    expect(run.call('URA_KYUYOSHOTOKU', 741_000, 2026)).toBe(1_000);
  });

  it('computes a 10,000-row URA_WITHHOLDING range, cold load included, far inside the 30-second limit', () => {
    const taxable = Array.from({ length: 10_000 }, (_, i) => [88_000 + ((i * 1_237) % 900_000)]);
    const dependents = Array.from({ length: 10_000 }, (_, i) => [i % 8]);
    const started = performance.now();
    const run = execution(built, newWorld());
    const loaded = performance.now();
    const result = run.call('URA_WITHHOLDING', taxable, dependents, '甲', '2026-05-25') as number[][];
    const finished = performance.now();
    expect(result).toHaveLength(10_000);
    expect(result).toEqual(coreFunctions.WITHHOLDING(taxable, dependents, '甲', '2026-05-25'));
    console.info(`URA_WITHHOLDING × 10,000 rows: load ${(loaded - started).toFixed(0)} ms, compute ${(finished - loaded).toFixed(0)} ms`);
    // Apps Script's V8 is slower than Node here; 3 s leaves a 10× margin to the 30-second limit.
    expect(finished - started).toBeLessThan(3_000);
  });
});
