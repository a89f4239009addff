/**
 * WITHHOLDING over 10,000 rows: one range call (=URA.WITHHOLDING(A2:A10001, B2:B10001, …))
 * against 10,000 single-cell calls (=URA.WITHHOLDING(A2, B2, …) filled down), both through the
 * built Excel functions bundle in a CustomFunctions stand-in, and core alone as the baseline.
 * Excel adds its own per-call cost on top of the single calls (one JS invocation and one result
 * marshalled per cell), so the real gap in a workbook is wider than measured here.
 * Run: npx tsx bench/functions.ts [rows]
 */
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { withholdingFunctions } from '../core/sheet-functions/withholding.js';

const ROWS = Number(process.argv[2] ?? 10_000);
const PAY_DATE = '2026-05-25';
const { WITHHOLDING } = withholdingFunctions({ today: PAY_DATE });

const bundle = await build({
  entryPoints: [new URL('../addin/functions/functions.ts', import.meta.url).pathname],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  logLevel: 'warning',
});
const registered = new Map<string, (...args: unknown[]) => unknown>();
runInNewContext(bundle.outputFiles[0]?.text ?? '', {
  TextEncoder,
  TextDecoder,
  CustomFunctions: {
    associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
    Error: class extends Error {
      constructor(code: string, message?: string) {
        super(`${code} ${message ?? ''}`);
      }
    },
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  },
});
const excelWithholding = registered.get('WITHHOLDING');
if (!excelWithholding) throw new Error('WITHHOLDING not registered');

// Pay from 88,000 to 1,087,999 yen, 0–7 dependants, 1 in 20 on 乙: every band of the table is hit.
const pay = Array.from({ length: ROWS }, (_, i) => 88_000 + ((i * 7_919) % 1_000_000));
const deps = Array.from({ length: ROWS }, (_, i) => (i % 20 === 0 ? 0 : i % 8));
const cols = Array.from({ length: ROWS }, (_, i) => (i % 20 === 0 ? '乙' : '甲'));

function time<T>(f: () => T): { ms: number; result: T } {
  f(); // warm-up: JIT and the table lookups
  const start = performance.now();
  const result = f();
  return { ms: performance.now() - start, result };
}

const range = time(() =>
  excelWithholding(
    pay.map((p) => [p]),
    deps.map((d) => [d]),
    cols.map((c) => [c]),
    PAY_DATE,
    null,
    {},
  ),
);
const singles = time(() => pay.map((p, i) => excelWithholding([[p]], [[deps[i]]], [[cols[i]]], PAY_DATE, null, {})));
const core = time(() => pay.map((p, i) => WITHHOLDING(p, deps[i], cols[i], PAY_DATE)));

const a = (range.result as number[][]).map((r) => r[0]);
const b = (singles.result as number[][][]).map((r) => r[0]?.[0]);
if (a.some((v, i) => v !== b[i] || v !== core.result[i])) throw new Error('range and single calls disagree');

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
console.log(`WITHHOLDING over ${ROWS.toLocaleString('en')} rows (pay date ${PAY_DATE}, table method)`);
console.log(`  one range call (Excel bundle)      ${fmt(range.ms)}`);
console.log(
  `  ${ROWS.toLocaleString('en')} single calls (Excel bundle) ${fmt(singles.ms)}   ×${(singles.ms / range.ms).toFixed(2)} the range call`,
);
console.log(`  ${ROWS.toLocaleString('en')} calls to core directly     ${fmt(core.ms)}   baseline`);
console.log('  results identical across the three');
