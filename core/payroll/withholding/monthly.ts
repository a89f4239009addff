/** 源泉所得税 on monthly pay (給与所得の源泉徴収税額, 月額表 / 電算機計算の特例), selected by pay date. */
import type { IsoDate } from '../../dates/calendar.js';
import { argumentError } from '../../errors.js';
import type { Yen } from '../../money/yen.js';
import { taxByComputerMethod } from './computer.js';
import { taxFromMonthlyTable } from './monthly-table.js';
import type { TaxColumn, WithholdingMethod, WithholdingVersion } from './types.js';
import { checkAmount, checkColumn, checkDependents, checkMethod } from './validate.js';
import { withholdingVersionFor } from './years.js';

export interface MonthlyWithholdingInput {
  /** A = その月の社会保険料等控除後の給与等の金額 (taxable pay less the employee's social insurance; non-taxable commuting already removed). */
  taxable: Yen;
  /** 扶養親族等の数 (0 and up; must be 0 for 乙). */
  dependents: number;
  column: TaxColumn;
  /** 支払日: selects the 年分 (calendar year of payment). */
  payDate: IsoDate;
  method: WithholdingMethod;
}

/**
 * 源泉所得税 (incl. 復興特別所得税, and from 2027 防衛特別所得税) on one month's pay.
 * 乙欄 with method `computer` gives the 乙 column of the table: the NTA's 乙欄 computer method
 * (denshi_02) is built to reproduce the table, and does for every row of 令和8・9年分.
 * Throws InputError naming the argument at fault (`taxable`, `dependents`, `column`, `method`, `pay_date`).
 * @example monthlyWithholding({ taxable: 175_000, dependents: 2, column: 'kou', payDate: '2026-05-25', method: 'table' }) // 250
 */
export function monthlyWithholding(input: MonthlyWithholdingInput): Yen {
  const { taxable, dependents, column, payDate, method } = input;
  checkAmount(taxable, 'taxable');
  checkColumn(column);
  checkMethod(method);
  checkDependents(dependents, column);
  return withholdForVersion(withholdingVersionFor(payDate), payDate, taxable, dependents, column, method);
}

/** The same, once the version is known (inputs already checked). */
export function withholdForVersion(
  version: WithholdingVersion,
  payDate: IsoDate,
  taxable: Yen,
  dependents: number,
  column: TaxColumn,
  method: WithholdingMethod,
): Yen {
  if (method === 'computer' && column === 'kou' && version.computer) return taxByComputerMethod(version.computer, taxable, dependents);
  if (version.table) return taxFromMonthlyTable(version.table, taxable, dependents, column);
  throw missingTable(version, Number(payDate.slice(0, 4)), column, method);
}

function missingTable(version: WithholdingVersion, payYear: number, column: TaxColumn, method: WithholdingMethod) {
  const year = `${payYear}年分（${version.label}）`;
  const yearEn = payYear;
  if (column === 'otsu') {
    return argumentError(
      'column',
      '乙',
      `${year}の乙欄の税額表は未収録です（電算機計算の特例は甲欄のみ）`,
      `no 乙 (otsu) column table for ${yearEn} is included (the computer method covers 甲 only)`,
    );
  }
  return argumentError(
    'method',
    method,
    `${year}の月額表は未収録です。電算機計算の特例を使ってください（--withholding-method computer / method "computer"）`,
    `no monthly withholding table for ${yearEn} is included: use the computer method (--withholding-method computer / method "computer")`,
  );
}
