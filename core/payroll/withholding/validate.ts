/** Argument checks shared by the monthly and bonus entry points; each names the argument at fault. */
import { argumentError } from '../../errors.js';
import type { Yen } from '../../money/yen.js';
import type { TaxColumn, WithholdingMethod } from './types.js';

export function checkAmount(value: Yen, argument: string, allowNegative = false): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw argumentError(argument, value, '金額は整数の円で指定してください', 'amount must be whole yen');
  }
  if (!allowNegative && value < 0) {
    throw argumentError(argument, value, '金額が負の値です（0円以上で指定してください）', 'amount is negative (must be 0 or more)');
  }
}

export function checkColumn(column: TaxColumn): void {
  if (column !== 'kou' && column !== 'otsu') {
    throw argumentError('column', column, '税額表の欄は「甲」か「乙」で指定してください', 'tax column must be 甲 (kou) or 乙 (otsu)');
  }
}

export function checkMethod(method: WithholdingMethod): void {
  if (method !== 'table' && method !== 'computer') {
    throw argumentError(
      'method',
      method,
      '計算方法は「table」（月額表）か「computer」（電算機計算の特例）で指定してください',
      'method must be "table" (monthly table) or "computer" (computer method)',
    );
  }
}

/**
 * 扶養親族等の数. 乙欄 takes no dependants: the only 乙 reduction (従たる給与についての扶養控除等申告書)
 * is not modelled, so a count there is almost certainly a data-entry error.
 */
export function checkDependents(dependents: number, column: TaxColumn): void {
  if (typeof dependents !== 'number' || !Number.isSafeInteger(dependents) || dependents < 0) {
    throw argumentError(
      'dependents',
      dependents,
      '扶養親族等の数は0以上の整数で指定してください',
      'dependents must be a whole number, 0 or more',
    );
  }
  if (column === 'otsu' && dependents > 0) {
    throw argumentError(
      'dependents',
      dependents,
      '乙欄では扶養親族等の数は0にしてください（扶養控除等申告書の提出がない給与）',
      'the 乙 (otsu) column takes no dependants: set dependents to 0',
    );
  }
}
