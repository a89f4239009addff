/**
 * 仕訳 for a payroll or bonus run, from the rows of its payroll table (the same rows the output CSV
 * carries), one pay date at a time:
 *
 * 1. 給与 (or 賞与): 給料手当 (賞与) for the pay without 通勤手当, 旅費交通費 for 通勤手当, against
 *    預り金 for each deduction — 源泉所得税, 住民税, 健康保険 (介護保険料 included: the table
 *    has one column for both), 子ども・子育て支援金, 厚生年金, 雇用保険, その他控除 — each as its own
 *    補助科目, and the net pay (普通預金, or 未払金 by the account map). The 年末調整 settlement
 *    of the pay is its own line on 預り金／源泉所得税: a refund (還付) taken back from it, a
 *    shortfall (徴収) added to it.
 * 2. 法定福利費: the employer's social insurance (健康保険・介護, 支援金, 厚生年金, 子ども・子育て拠出金,
 *    雇用保険) against 未払金 (by the account map).
 *
 * The employees file says nothing of officers (役員) or departments, so every pay is 給料手当 and
 * no 部門 is set: 役員報酬 is for the user to move, or to book from a run of the officers alone
 * with an account map whose `salary` is 役員報酬.
 */
import { compareDates, type IsoDate } from '../dates/calendar.js';
import type { PayrollRow } from '../payroll/output.js';
import { type AccountKind, type AccountMap, DEFAULT_ACCOUNT_MAP, postingFor } from './accounts.js';
import { EntryBuilder, type JournalEntry } from './entry.js';

export type PayrollRunKind = 'salary' | 'bonus';

type Amounts = Omit<PayrollRow, 'employee_id' | 'name' | 'pay_date'>;

/** Each deduction column of the table and the kind of amount it is booked as. */
const DEDUCTIONS: readonly [keyof Amounts, AccountKind][] = [
  ['income_tax', 'income_tax'],
  ['resident_tax', 'resident_tax'],
  ['health_insurance', 'health_insurance'],
  ['child_support', 'child_support'],
  ['pension', 'pension'],
  ['employment_insurance', 'employment_insurance'],
  ['other_deduction', 'other_deduction'],
];

const EMPLOYER_COLUMNS: readonly (keyof Amounts)[] = [
  'employer_health_insurance',
  'employer_child_support',
  'employer_pension',
  'employer_child_contribution',
  'employer_employment_insurance',
];

/** Σ of each amount column over the rows. */
function totals(rows: readonly PayrollRow[]): Record<keyof Amounts, number> {
  const sum = {} as Record<keyof Amounts, number>;
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (typeof v === 'number') sum[k as keyof Amounts] = (sum[k as keyof Amounts] ?? 0) + v;
    }
  }
  return sum;
}

/**
 * The entries of a run: for each pay date, the pay entry and the 法定福利費 entry (when the employer
 * owes any).
 * @example payrollJournal(run.results.map((r) => r.result.row), 'salary')[0].memo // '給与 2026-05-25支給 3名'
 */
export function payrollJournal(rows: readonly PayrollRow[], kind: PayrollRunKind, map: AccountMap = DEFAULT_ACCOUNT_MAP): JournalEntry[] {
  const byDate = new Map<IsoDate, PayrollRow[]>();
  for (const row of rows) byDate.set(row.pay_date, [...(byDate.get(row.pay_date) ?? []), row]);
  const entries: JournalEntry[] = [];
  const label = kind === 'salary' ? '給与' : '賞与';
  for (const [date, group] of [...byDate].sort(([a], [b]) => compareDates(a, b))) {
    const sum = totals(group);
    const get = (c: keyof Amounts) => sum[c] ?? 0;
    const memo = `${label} ${date}支給 ${group.length}名`;
    const pay = new EntryBuilder(date, memo)
      .debit(postingFor(map, kind), get('gross_pay') - get('commute_allowance'))
      .debit(postingFor(map, 'commute'), get('commute_allowance'));
    for (const [column, k] of DEDUCTIONS) pay.credit(postingFor(map, k), get(column));
    pay.credit(postingFor(map, 'year_end_adjustment'), -get('year_end_adjustment'), 0, '年末調整');
    pay.credit(postingFor(map, 'net_pay'), get('net_pay'));
    if (!pay.isEmpty) entries.push(pay.build());
    const employer = EMPLOYER_COLUMNS.reduce((s, c) => s + get(c), 0);
    if (employer !== 0) {
      entries.push(
        new EntryBuilder(date, `${label} ${date}支給 法定福利費（事業主負担）`)
          .debit(postingFor(map, 'employer_social'), employer)
          .credit(postingFor(map, 'employer_social_payable'), employer)
          .build(),
      );
    }
  }
  return entries;
}
