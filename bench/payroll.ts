/**
 * Payroll benchmark: 10,000 generated employees through the engine alone and through the whole
 * `urakata payroll` command (table method, CSV out, 全銀 file), in-process and as a fresh process.
 * Target: the whole CLI run under 2 s on a 2-core machine.
 * Run: npx tsx bench/payroll.ts [employees]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { runPayroll } from '../core/payroll/run.js';

const N = Number(process.argv[2] ?? 10_000);
const PREFS = ['東京都', '大阪府', '神奈川', '愛知県', '福岡', '13', '27', '01'];
const KANA = ['ヤマダ タロウ', 'スズキ ハナコ', 'サトウ イチロウ', 'タナカ ミサキ', 'キャッシュ・ジョウ'];

/** Deterministic pseudo-random numbers, so every run measures the same input. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(n: number): { employees: string; attendance: string } {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const e = [
    'employee_id,name,birth_date,prefecture,monthly_salary,fixed_allowances,excluded_allowances,commute_allowance,dependents,tax_column,resident_tax,scheduled_hours,bank_code,branch_code,account_type,account_number,account_holder',
  ];
  const a = ['employee_id,overtime_hours,late_night_hours,holiday_hours,other_pay,other_deduction'];
  for (let i = 1; i <= n; i++) {
    const otsu = r() < 0.05;
    const year = 1960 + Math.floor(r() * 45);
    e.push(
      [
        i,
        `社員${i}`,
        `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
        pick(PREFS),
        180_000 + Math.floor(r() * 600) * 1_000,
        Math.floor(r() * 5) * 5_000,
        Math.floor(r() * 3) * 10_000,
        Math.floor(r() * 30) * 1_000,
        otsu ? 0 : Math.floor(r() * 5),
        otsu ? '乙' : '甲',
        Math.floor(r() * 300) * 100,
        160,
        '0001',
        String(1 + Math.floor(r() * 999)).padStart(3, '0'),
        '普通',
        String(Math.floor(r() * 9_999_999)).padStart(7, '0'),
        pick(KANA),
      ].join(','),
    );
    a.push([i, Math.floor(r() * 800) / 10, Math.floor(r() * 100) / 10, r() < 0.1 ? 8 : 0, 0, 0].join(','));
  }
  return { employees: `${e.join('\r\n')}\r\n`, attendance: `${a.join('\r\n')}\r\n` };
}

const perSecond = (ms: number) => Math.round((N / ms) * 1000).toLocaleString('en-US');

const { employees, attendance } = generate(N);
const dir = mkdtempSync(join(tmpdir(), 'urakata-bench-'));
writeFileSync(join(dir, 'employees.csv'), employees);
writeFileSync(join(dir, 'attendance.csv'), attendance);
writeFileSync(
  join(dir, 'company.json'),
  JSON.stringify({
    company_code: '1234567890',
    company_name: '株式会社ウラカタ',
    bank_code: '0001',
    bank_name: 'ミズホ',
    branch_code: '001',
    branch_name: 'トウキョウ',
    account_type: '当座',
    account_number: '1111111',
  }),
);

// Warm up once so the engine numbers are not module loading.
runPayroll({ data: employees, file: 'employees.csv' }, { data: attendance, file: 'attendance.csv' }, { payDate: '2026-05-25' });

let t = performance.now();
const engine = runPayroll(
  { data: employees, file: 'employees.csv' },
  { data: attendance, file: 'attendance.csv' },
  { payDate: '2026-05-25', requireBank: true },
);
const engineMs = performance.now() - t;
if (engine.rejected || engine.results.length !== N)
  throw new Error(`engine rejected the generated input: ${JSON.stringify(engine.problems.slice(0, 3))}`);

const args = [
  'payroll',
  '--employees',
  'employees.csv',
  '--attendance',
  'attendance.csv',
  '--pay-date',
  '2026-05-25',
  '--out',
  'payroll.csv',
  '--zengin',
  'zengin.txt',
  '--company',
  'company.json',
];
const quiet = { out: () => {}, err: () => {}, cwd: dir };
t = performance.now();
const code = await main(args, quiet);
const cliMs = performance.now() - t;
if (code !== 0) throw new Error(`CLI exited ${code}`);

t = performance.now();
const child = spawnSync(process.execPath, [join(import.meta.dirname, '../bin/urakata.js'), ...args], { cwd: dir, encoding: 'utf8' });
const processMs = performance.now() - t;
if (child.status !== 0) throw new Error(`CLI process exited ${child.status}: ${child.stderr}`);
rmSync(dir, { recursive: true, force: true });

console.log(`payroll benchmark, ${N.toLocaleString('en-US')} employees (table method)`);
console.log(`  engine alone (parse + compute):           ${engineMs.toFixed(0).padStart(6)} ms  ${perSecond(engineMs)} employees/s`);
console.log(
  `  CLI in-process (+ CSV and 全銀 files):     ${cliMs.toFixed(0).padStart(6)} ms  ${perSecond(cliMs)} employees/s  (${(cliMs / engineMs).toFixed(2)}× the engine)`,
);
console.log(
  `  CLI as a new process (bin/urakata.js)  :  ${processMs.toFixed(0).padStart(6)} ms  ${perSecond(processMs)} employees/s  target < 2,000 ms: ${processMs < 2000 ? 'met' : 'NOT met'}`,
);
