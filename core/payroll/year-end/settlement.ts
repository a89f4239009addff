/**
 * The 年末調整 settlement carried into the year-end pay (`urakata payroll … --year-end FILE`):
 * read from the `nencho` result file, applied as its own line after the regular items.
 */
import { text, yen } from '../../csv/columns.js';
import { readTable } from '../../csv/table.js';
import { type Problem, problem } from '../../errors.js';
import type { Yen } from '../../money/yen.js';
import type { InputText } from '../run.js';
import type { PayrollRow } from '../output.js';

/** The settlement the year-end pay carries, per employee: a refund positive, tax collected negative. */
export const settlementSchema = {
  employee_id: text('employee_id', '社員番号'),
  difference: yen('difference', '差引超過額又は不足額').asOptional(),
};

/**
 * Reads a `nencho` result file for the year-end pay: employee id → settlement (−difference).
 * Employees not adjusted (blank difference) carry nothing.
 */
export function readSettlements(input: InputText, known: ReadonlySet<string> | undefined): { byId: Map<string, Yen>; problems: Problem[] } {
  // The result file has every other column too: those are expected here, not worth a warning.
  const t = readTable(input.data, settlementSchema, { file: input.file });
  const problems: Problem[] = [...t.problems];
  const byId = new Map<string, Yen>();
  const seen = new Set<string>();
  for (const { row, value } of t.rows) {
    const column = t.written.employee_id ?? 'employee_id';
    if (known && !known.has(value.employee_id)) {
      problems.push(
        problem(input.file, row, column, value.employee_id, '社員マスタにない社員番号です', 'employee_id not in the employees file'),
      );
    } else if (seen.has(value.employee_id)) {
      problems.push(problem(input.file, row, column, value.employee_id, '社員番号が重複しています', 'duplicate employee_id'));
    } else {
      seen.add(value.employee_id);
      if (value.difference !== undefined && value.difference !== 0) byId.set(value.employee_id, -value.difference);
    }
  }
  return { byId, problems };
}

/**
 * A pay row with the settlement applied: `year_end_adjustment` set and `net_pay` moved by it; the
 * regular items (gross, insurance, the month's withholding) are unchanged.
 * @example withSettlement(row, 115_270).net_pay // row.net_pay + 115270
 */
export function withSettlement<R extends PayrollRow>(row: R, settlement: Yen): R {
  return { ...row, year_end_adjustment: settlement, net_pay: row.net_pay + settlement };
}
