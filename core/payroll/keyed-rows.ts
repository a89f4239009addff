/**
 * Per-employee input files read against the employees file: rows keyed by employee id, each id
 * once and known, and a warning for a header no column claimed.
 */
import type { TableResult } from '../csv/table.js';
import { type Problem, problem } from '../errors.js';

export function unknownColumnWarnings(file: string, t: TableResult<unknown>): Problem[] {
  return t.unknownColumns.map((c) =>
    problem(file, 1, c, '', '使われない列です（見出しの綴りを確認してください）', 'column not used (check the header spelling)', 'warning'),
  );
}

/** Rows of a per-employee file (attendance, bonuses) keyed by employee id, each id once and known. */
export function keyedRows<T extends { employee_id: string }>(
  t: TableResult<T>,
  file: string,
  /** The employees file's ids; undefined when that file could not be read (then no id is called unknown). */
  known: ReadonlySet<string> | undefined,
  /** A file written by Urakata with more columns than the reader needs (a `nencho` result): no warning about them. */
  otherColumns: 'warn' | 'expected' = 'warn',
): { byId: Map<string, { value: T; row: number }>; problems: Problem[]; written: Readonly<Record<string, string>> } {
  const problems: Problem[] = [...t.problems, ...(otherColumns === 'warn' ? unknownColumnWarnings(file, t) : [])];
  const byId = new Map<string, { value: T; row: number }>();
  for (const { row, value } of t.rows) {
    if (known && !known.has(value.employee_id)) {
      problems.push(
        problem(file, row, 'employee_id', value.employee_id, '社員マスタにない社員番号です', 'employee_id not in the employees file'),
      );
    } else if (byId.has(value.employee_id)) {
      problems.push(problem(file, row, 'employee_id', value.employee_id, '社員番号が重複しています', 'duplicate employee_id'));
    } else byId.set(value.employee_id, { value, row });
  }
  return { byId, problems, written: t.written };
}
