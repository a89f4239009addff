/** Test employees built field by field, so each payslip test states only what it is about. */
import { rate } from '../../../core/money/rate.js';
import type { Attendance, Employee } from '../../../core/payroll/index.js';
import { NO_ATTENDANCE } from '../../../core/payroll/index.js';

export function employee(over: Partial<Employee> = {}): Employee {
  return {
    employee_id: '1',
    name: 'テスト 太郎',
    name_kana: undefined,
    birth_date: '1995-10-10',
    prefecture: 13,
    monthly_salary: 300_000,
    fixed_allowances: 0,
    excluded_allowances: 0,
    commute_allowance: 0,
    standard_monthly: undefined,
    dependents: 0,
    tax_column: 'kou',
    resident_tax: 0,
    employment_insurance: 'general',
    health_rate: undefined,
    scheduled_hours: rate(160, 1),
    bank_code: undefined,
    branch_code: undefined,
    account_type: undefined,
    account_number: undefined,
    account_holder: undefined,
    address: undefined,
    municipality: undefined,
    left_on: undefined,
    joined_on: undefined,
    ...over,
  };
}

export function attendance(over: Partial<Omit<Attendance, 'employee_id'>> = {}): Omit<Attendance, 'employee_id'> {
  return { ...NO_ATTENDANCE, ...over };
}
