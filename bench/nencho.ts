/**
 * 年末調整 benchmark: 10,000 generated employees with declarations and year totals.
 *  1. the computation (read the three files, compute every employee) — target < 1 s — against a
 *     monthly payroll run of the same employees in the same run (the work a company already does
 *     twelve times a year);
 *  2. 源泉徴収票 PDFs on one core (fonts read once) — target ≥ 200 PDFs/s — against the payslip PDF
 *     of the same employees, rendered in alternating rounds so both see the same machine load.
 * Run: npx tsx bench/nencho.ts [employees] [slips]
 */
import { japaneseFonts } from '../functions/fonts.js';
import { renderPayslip } from '../core/payroll/payslip.js';
import { runPayroll } from '../core/payroll/run.js';
import { runYearEnd } from '../core/payroll/year-end/run.js';
import { renderWithholdingSlip } from '../core/payroll/year-end/slip.js';

const N = Number(process.argv[2] ?? 10_000);
const SLIPS = Math.min(N, Number(process.argv[3] ?? 2_000));

/** Deterministic pseudo-random numbers, so every run measures the same input. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(n: number) {
  const r = rng(2026);
  const int = (max: number) => Math.floor(r() * max);
  const employees = ['employee_id,name,birth_date,prefecture,monthly_salary,dependents,tax_column,address,municipality'];
  const declarations = [
    'employee_id,spouse_income,dependants_general,dependants_specified,dependants_under_16,specified_relative_incomes,life_new_general,life_care_medical,life_new_pension,earthquake,housing_loan_credit,other_income',
  ];
  const totals = ['employee_id,total_pay,withheld_tax,social_insurance'];
  const attendance = ['employee_id'];
  for (let i = 1; i <= n; i++) {
    const otsu = r() < 0.03;
    const monthly = 180_000 + int(700) * 1_000;
    const pay = monthly * 12 + (r() < 0.7 ? monthly * (1 + int(4)) : 0);
    employees.push(
      `${i},社員${i},${1960 + int(45)}-0${1 + int(9)}-1${int(9)},東京都,${monthly},${otsu ? 0 : int(4)},${otsu ? '乙' : '甲'},東京都千代田区${i},千代田区`,
    );
    if (!otsu) {
      declarations.push(
        [
          i,
          r() < 0.5 ? int(1_500_000) : '',
          int(3),
          int(2),
          int(2),
          r() < 0.05 ? 700_000 + int(500_000) : '',
          int(150_000),
          int(80_000),
          int(100_000),
          int(60_000),
          r() < 0.1 ? int(300_000) : 0,
          r() < 0.05 ? int(1_000_000) : 0,
        ].join(','),
      );
    }
    totals.push(`${i},${pay},${Math.floor(pay * 0.03)},${Math.floor(pay * 0.15)}`);
    attendance.push(String(i));
  }
  const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
  return { employees: csv(employees), declarations: csv(declarations), totals: csv(totals), attendance: csv(attendance) };
}

const g = generate(N);
const inputs = () =>
  [
    2026,
    { data: g.employees, file: 'employees.csv' },
    { data: g.declarations, file: 'declarations.csv' },
    { totals: { data: g.totals, file: 'totals.csv' } },
  ] as const;
const payroll = () =>
  runPayroll({ data: g.employees, file: 'employees.csv' }, { data: g.attendance, file: 'attendance.csv' }, { payDate: '2026-12-25' });

// Warm up both once, so neither measures module loading or the first compile.
runYearEnd(...inputs());
payroll();

const yearEndMs: number[] = [];
const payrollMs: number[] = [];
let result = runYearEnd(...inputs());
for (let round = 0; round < 5; round++) {
  let t = performance.now();
  result = runYearEnd(...inputs());
  yearEndMs.push(performance.now() - t);
  t = performance.now();
  const p = payroll();
  payrollMs.push(performance.now() - t);
  if (p.rejected) throw new Error(`payroll rejected the generated input: ${JSON.stringify(p.problems.slice(0, 3))}`);
}
if (result.rejected || result.results.length !== N) {
  throw new Error(`year-end rejected the generated input: ${JSON.stringify(result.problems.slice(0, 3))}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

// 2. PDFs, one thread, alternating rounds of 源泉徴収票 and payslips over the same employees.
const fonts = japaneseFonts();
const pay = payroll().results;
const rounds = 4;
const perRound = Math.ceil(SLIPS / rounds);
let slipMs = 0;
let slipBytes = 0;
let payslipMs = 0;
let slipCount = 0;
await renderWithholdingSlip(result.results[0] as (typeof result.results)[number], { fonts, year: 2026 });
for (let round = 0; round < rounds; round++) {
  const from = round * perRound;
  const to = Math.min(SLIPS, from + perRound);
  let t = performance.now();
  for (let i = from; i < to; i++) {
    slipBytes += (await renderWithholdingSlip(result.results[i] as (typeof result.results)[number], { fonts, year: 2026 })).length;
  }
  slipMs += performance.now() - t;
  slipCount += to - from;
  t = performance.now();
  for (let i = from; i < to; i++) await renderPayslip((pay[i] as (typeof pay)[number]).result, { fonts });
  payslipMs += performance.now() - t;
}
const slipsPerSecond = (slipCount / slipMs) * 1000;
const payslipsPerSecond = (slipCount / payslipMs) * 1000;

const y = median(yearEndMs);
const p = median(payrollMs);
console.log(`年末調整 benchmark, ${N.toLocaleString('en-US')} employees (median of 5 alternating rounds)`);
console.log(
  `  year-end (read 3 files + compute):  ${y.toFixed(0).padStart(6)} ms  target < 1,000 ms: ${y < 1000 ? 'met' : 'NOT met'}  (${(y / p).toFixed(2)}× a monthly payroll run of the same employees, ${p.toFixed(0)} ms)`,
);
console.log(
  `  源泉徴収票 PDFs, one core:          ${slipsPerSecond.toFixed(0).padStart(6)} /s  target ≥ 200/s: ${slipsPerSecond >= 200 ? 'met' : 'NOT met'}  ${(slipBytes / slipCount / 1024).toFixed(1)} KB each (${slipCount.toLocaleString('en-US')} rendered; payslips of the same employees ${payslipsPerSecond.toFixed(0)}/s, ${(slipsPerSecond / payslipsPerSecond).toFixed(2)}×)`,
);
console.log(`  all ${N.toLocaleString('en-US')} slips at that rate: ${(N / slipsPerSecond).toFixed(1)} s on one core`);
