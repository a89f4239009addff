import { EMPTY_DECLARATION, type YearEndInput } from '../../../../core/payroll/index.js';

/** The NTA worked example (年末調整のしかた pp.57–59), as a declaration that gives its deductions. */
export const WORKED_EXAMPLE: YearEndInput = {
  year: 2026,
  taxColumn: 'kou',
  totalPay: 8_970_000,
  withheldTax: 156_670,
  socialInsurance: 1_386_102,
  declaration: {
    ...EMPTY_DECLARATION,
    spouseIncome: 0,
    // 特定扶養 630,000 + 同居老親等 580,000 + 一般 380,000 + 障害者 270,000 = 1,860,000
    dependantsSpecified: 1,
    dependantsElderlyCohabiting: 1,
    dependantsGeneral: 1,
    disabledGeneral: 1,
    specifiedRelativeIncomes: [1_000_000],
    // 一般 (formula II, a dependant under 23) 60,000 + 介護医療 40,000 + 個人年金 40,000 = 140,000 → 120,000
    lifeNewGeneral: 150_000,
    lifeCareMedical: 100_000,
    lifeNewPension: 100_000,
    earthquake: 60_000,
    housingLoanCredit: 76_500,
  },
};
