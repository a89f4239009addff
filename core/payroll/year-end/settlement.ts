/**
 * The 年末調整 settlement carried into the year-end pay (`urakata payroll … --year-end FILE`):
 * read from the `nencho` result file, applied as its own line after the regular items.
 */
import { integer, text, yen } from '../../csv/columns.js';
import { parseDate } from '../../dates/parse.js';
import { columnsAsWritten, readTable } from '../../csv/table.js';
import { jsonRowsAsCsv } from '../../csv/json-rows.js';
import { BONUS_MARK, YEAR_END_COLUMNS } from './output.js';
import { isError, type Problem, problem } from '../../errors.js';
import type { IsoDate } from '../../dates/calendar.js';
import { keyedRows } from '../keyed-rows.js';
import { formatYen, type Yen } from '../../money/yen.js';
import type { InputText } from '../run.js';
import type { PayrollRow } from '../output.js';

/** The settlement the year-end pay carries, per employee: a refund positive, tax collected negative. */
export const settlementSchema = {
  employee_id: text('employee_id', '社員番号'),
  difference: yen('difference', '差引超過額又は不足額').asOptional(),
};

/** The columns of a `nencho` result that say what it was computed from: its 年分 and the pay dates it summed. */
const basisSchema = {
  year: integer('year', '年分').asOptional(),
  pay_dates: text('pay_dates', '集計した支給日').asOptional(),
};

/** The pay dates of a result: its salaries' (a settlement goes into one), and every pay's as shown. */
interface PayDates {
  readonly salaries: IsoDate[];
  /** Every pay as ISO date (a bonus's marked), in order: as a problem shows them. */
  readonly shown: string[];
}

/**
 * The pay dates of a result's `pay_dates` cell (ISO dates apart by spaces, a bonus's marked
 * `(賞与)`; one date as a spreadsheet may write it), or undefined when one cannot be read.
 * @example payDatesOf('2026-11-25 2026-12-10(賞与) 2026-12-25') // { salaries: ['2026-11-25', '2026-12-25'], shown: ['2026-11-25', '2026-12-10(賞与)', '2026-12-25'] }
 */
export function payDatesOf(cell: string): PayDates | undefined {
  const dates: PayDates = { salaries: [], shown: [] };
  for (const word of cell.normalize('NFKC').split(/[\s,;、]+/)) {
    if (word === '') continue;
    const bonus = word.endsWith(BONUS_MARK);
    const d = parseDate(bonus ? word.slice(0, -BONUS_MARK.length) : word);
    if (d === undefined) return undefined;
    if (!bonus) dates.salaries.push(d);
    dates.shown.push(bonus ? `${d}${BONUS_MARK}` : d);
  }
  dates.shown.sort();
  return dates;
}

/** The pay dates in a problem's value: a year of them is long, its first and last say which. */
function shownDates(dates: readonly string[]): string {
  return dates.length <= 2 ? dates.join(' ') : `${dates[0]} … ${dates.at(-1)} (${dates.length})`;
}

/** A result without a column this version writes (one made by an older Urakata): made again, not read otherwise. */
function missingColumn(file: string, column: string, ja: string): Problem {
  return problem(
    file,
    0,
    column,
    '',
    `${ja}（${column}）の列がありません。年末調整の結果は、この版の urakata nencho でもう一度作ってください`,
    `no ${column} column (${ja}): make the 年末調整 result again with this version of urakata nencho`,
  );
}

/**
 * Why the settlement of the `nencho` result `input` cannot go into the pay of `payDate`, if it
 * cannot. The year's last pay: a pay of December of the result's year that the result summed
 * (its date among `pay_dates`); or a pay of January of the next year, when the adjustment came
 * after December's pay — and then December's pay must be among those summed. Refused: a pay of
 * another month or year (a June pay would pay the year's refunds in the wrong month, a 2026
 * result in January 2026 another year's), and a pay the result did not sum — its withholding is
 * then not in the year's tax, and the refund is overpaid by it. A result from totals (`pay_dates`
 * blank) says no pay dates: only its year is checked. A result without its 年分 (an older
 * Urakata's) is refused: run nencho again. A year or pay dates that cannot be read are named.
 * @example settlementPayProblems('2026-12-25', nenchoThroughNovember)[0]?.column // 'pay_dates'
 */
export function settlementPayProblems(payDate: IsoDate, input: InputText): Problem[] {
  const file = input.file;
  const month = payDate.slice(5, 7);
  if (month !== '12' && month !== '01') {
    return [
      problem(
        file,
        0,
        '',
        '',
        `年末調整の精算は12月か翌年1月の給与で行います（支給日 ${payDate}）。その年最後の給与の支給日を指定してください`,
        `the 年末調整 settlement goes into a December or January pay, not one paid on ${payDate}; give the pay date of the year's last pay`,
      ),
    ];
  }
  const table = readTable(input.data, basisSchema, { file });
  const yearColumn = table.written.year;
  if (yearColumn === undefined) {
    return table.recordCount === 0 ? [] : [missingColumn(file, 'year', '年分')];
  }
  // A result made before its pay dates were written would read as one from totals, its pays unchecked.
  if (table.written.pay_dates === undefined && table.recordCount > 0) return [missingColumn(file, 'pay_dates', '集計した支給日')];
  const datesColumn = table.written.pay_dates ?? 'pay_dates';
  // First what cannot be read, in every row (a year 'R8', a date 'soon'): nothing is settled unchecked.
  const unreadable: Problem[] = table.problems.filter(isError);
  const rows: { row: number; year: number | undefined; dates: PayDates }[] = [];
  for (const { row, value } of table.rows) {
    const dates = payDatesOf(value.pay_dates ?? '');
    if (dates === undefined) {
      unreadable.push(
        problem(
          file,
          row,
          datesColumn,
          value.pay_dates ?? '',
          '集計した支給日が読めません（例: 2026-11-25 2026-12-25）',
          'the pay dates summed cannot be read (e.g. 2026-11-25 2026-12-25)',
        ),
      );
    } else rows.push({ row, year: value.year, dates });
  }
  if (unreadable.length > 0) return unreadable;

  const payYear = Number(payDate.slice(0, 4));
  const year = month === '12' ? payYear : payYear - 1;
  for (const { row, year: y, dates } of rows) {
    if (y === undefined) return [problem(file, row, yearColumn, '', '年分が空欄です', 'the year (年分) is blank')];
    if (y !== year) {
      return [
        problem(
          file,
          row,
          yearColumn,
          String(y),
          `${y}年分の年末調整の結果です。精算は${y}年12月か${y + 1}年1月の給与で行い、支給日 ${payDate} の給与ではできません`,
          `this is the 年末調整 of ${y}: it is settled in a pay of December ${y} or January ${y + 1}, not in the pay of ${payDate}`,
        ),
      ];
    }
    // From totals: no pay dates to check.
    const { salaries, shown } = dates;
    if (shown.length === 0) continue;
    const last = shown.at(-1) ?? '';
    /** This row's pay dates refused, as its cell shows them. */
    const notSummed = (ja: string, en: string) => [problem(file, row, datesColumn, shownDates(shown), ja, en)];
    // The settlement goes into a salary: a bonus summed on the same day is another pay (賞与).
    if (month === '12' && !salaries.includes(payDate)) {
      return notSummed(
        `この年末調整はこの給与（支給日 ${payDate}）を集計していません（集計した支給${shown.length}回、最後は ${last}）。先にこの給与を --year-end なしで計算し、その出力も urakata nencho に加えてから、もう一度 --year-end で計算してください`,
        `this 年末調整 did not sum this pay of ${payDate} (it summed ${shown.length} pays, the last on ${last}): run this pay plainly first, give its output to urakata nencho with the others, then run it again with --year-end`,
      );
    }
    if (month === '01' && !salaries.some((d) => d.startsWith(`${year}-12`))) {
      return notSummed(
        `この年末調整は${year}年12月の給与を集計していません（最後は ${last}）。12月の源泉徴収税額が年税額との差に入っていないので、12月の給与も urakata nencho に加えてから精算してください`,
        `this 年末調整 summed no pay of December ${year} (the last on ${last}): December’s withholding is not in the year’s tax; give December’s pay to urakata nencho, then settle`,
      );
    }
  }
  return [];
}

/**
 * The `nencho` result as the settlement's readers take it: its CSV as it is, its JSON (`nencho
 * --out result.json`, an array of result rows) as the same table; JSON of anything else is named.
 * @example settlementInput({ file: 'nencho.json', data: '[{"employee_id":"1001","difference":-5000,"year":2026}]' }).data // 'employee_id,…'
 */
export function settlementInput(input: InputText): InputText | Problem {
  const csv = jsonRowsAsCsv(input.data, YEAR_END_COLUMNS);
  if (csv === 'not-json') return input;
  if (csv === 'other') {
    return problem(
      input.file,
      0,
      '',
      '',
      '年末調整の結果（urakata nencho --out の CSV か JSON）として読めない JSON です',
      'JSON that is not a 年末調整 result (the CSV or JSON urakata nencho --out writes)',
    );
  }
  return { file: input.file, data: csv };
}

/**
 * Reads a `nencho` result file for the year-end pay: employee id → settlement (−difference).
 * Employees not adjusted (blank difference) carry nothing.
 */
export function readSettlements(input: InputText, known: ReadonlySet<string> | undefined): { byId: Map<string, Yen>; problems: Problem[] } {
  const table = readTable(input.data, settlementSchema, { file: input.file });
  // An employee no longer in the employees file who carries nothing (a leaver, not adjusted) is
  // passed over: kept in the year's file for nencho and left out of December's, they had had the
  // year-end pay refused for everyone. One with a settlement (a December leaver adjusted after a
  // December bonus) is refused, saying to take the row out and settle it apart: money is never
  // left out without a word (the spreadsheets show errors, not warnings).
  const elsewhere: Problem[] = [];
  const carried = {
    ...table,
    rows: table.rows.filter((r) => {
      if (!known || known.has(r.value.employee_id)) return true;
      const difference = r.value.difference ?? 0;
      if (difference !== 0) elsewhere.push(settledApart(input.file, r.row, r.value.employee_id, difference));
      return false;
    }),
  };
  // The result file has every other column too: those are expected here, not worth a warning.
  const t = keyedRows(carried, input.file, known, 'expected');
  const byId = new Map<string, Yen>();
  for (const [id, { value }] of t.byId) if (value.difference !== undefined && value.difference !== 0) byId.set(id, -value.difference);
  return { byId, problems: columnsAsWritten([...elsewhere, ...t.problems], input.file, t.written) };
}

/** A settlement of an employee not in this pay's employees file: this pay cannot carry it. */
function settledApart(file: string, row: number, id: string, difference: Yen): Problem {
  const what = difference < 0 ? `還付${formatYen(-difference)}円` : `徴収${formatYen(difference)}円`;
  const en = difference < 0 ? `a refund of ${formatYen(-difference)} yen` : `${formatYen(difference)} yen to collect`;
  return problem(
    file,
    row,
    'employee_id',
    id,
    `社員マスタにない社員の年末調整の精算（${what}）は、この給与に含められません。退職者なら、この行を年末調整の結果から除いて別に精算してください`,
    `this employee is not in the employees file: their 年末調整 settlement (${en}) cannot go into this pay; for a leaver, take this row out of the 年末調整 result and settle it apart`,
  );
}

/**
 * A pay row with the settlement applied: `year_end_adjustment` set and `net_pay` moved by it; the
 * regular items (gross, insurance, the month's withholding) are unchanged.
 * @example withSettlement(row, 115_270).net_pay // row.net_pay + 115270
 */
export function withSettlement<R extends PayrollRow>(row: R, settlement: Yen): R {
  return { ...row, year_end_adjustment: settlement, net_pay: row.net_pay + settlement };
}
