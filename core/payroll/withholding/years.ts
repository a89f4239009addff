/**
 * Which withholding tables apply to a pay date. The 年分 is the calendar year of payment
 * (支払日): pay for December work paid on 2027-01-08 uses the 令和9年分 tables. A pay date outside
 * the versions listed here is refused; the engine never falls back to another year's table.
 */
import { isIsoDate, type IsoDate } from '../../dates/calendar.js';
import { argumentError } from '../../errors.js';
import { bonusRateTableR8 } from './data/bonus-r8.js';
import { bonusRateTableR9 } from './data/bonus-r9.js';
import { computerR2toR7, computerR8, computerR9 } from './data/computer.js';
import { monthlyTableR8 } from './data/monthly-r8.js';
import { monthlyTableR9 } from './data/monthly-r9.js';
import type { WithholdingVersion } from './types.js';

/**
 * Every version the engine knows, oldest first, without gaps. To add a year: a data module for
 * each table in `data/`, one entry here, and the cell-by-cell test against a reference extraction.
 * 令和2〜7年分 has the computer method only: the 月額表 and 算出率の表 of those years are not included.
 */
export const WITHHOLDING_VERSIONS: readonly WithholdingVersion[] = [
  { from: '2020-01-01', to: '2025-12-31', label: '令和2〜7年分', computer: computerR2toR7 },
  { from: '2026-01-01', to: '2026-12-31', label: '令和8年分', table: monthlyTableR8, computer: computerR8, bonus: bonusRateTableR8 },
  { from: '2027-01-01', to: '2027-12-31', label: '令和9年分', table: monthlyTableR9, computer: computerR9, bonus: bonusRateTableR9 },
];

const FIRST_YEAR = Number(WITHHOLDING_VERSIONS[0]?.from.slice(0, 4));
const LAST_YEAR = Number(WITHHOLDING_VERSIONS[WITHHOLDING_VERSIONS.length - 1]?.to.slice(0, 4));

/**
 * The version for a pay date, or an InputError on argument `pay_date`.
 * @example withholdingVersionFor('2027-01-08').label // '令和9年分'
 */
export function withholdingVersionFor(payDate: IsoDate): WithholdingVersion {
  if (typeof payDate !== 'string' || !isIsoDate(payDate)) {
    throw argumentError(
      'pay_date',
      payDate,
      '支払日を日付で指定してください（例: 2026-05-25）',
      'pay date must be a date (e.g. 2026-05-25)',
    );
  }
  for (const v of WITHHOLDING_VERSIONS) if (payDate >= v.from && payDate <= v.to) return v;
  const year = payDate.slice(0, 4);
  throw argumentError(
    'pay_date',
    payDate,
    `${Number(year)}年分の源泉徴収税額表は未収録です（収録: ${FIRST_YEAR}〜${LAST_YEAR}年分）`,
    `no withholding table for ${Number(year)} (known: ${FIRST_YEAR}–${LAST_YEAR})`,
  );
}

/** One calendar year's coverage, for README tables and for refusing early in a batch. */
export interface KnownWithholdingYear {
  readonly year: number;
  /** 月額表 (table method) included. */
  readonly table: boolean;
  /** 電算機計算の特例 included. */
  readonly computer: boolean;
  /** 賞与の算出率の表 included. */
  readonly bonus: boolean;
  readonly source: string;
}

const KNOWN_YEARS: readonly KnownWithholdingYear[] = Object.freeze(
  WITHHOLDING_VERSIONS.flatMap((v) => {
    const years: KnownWithholdingYear[] = [];
    const sources = [v.table, v.computer, v.bonus]
      .filter((t) => t !== undefined)
      .map((t) => `${t.source.title}${t.source.confidence === 'single-source' ? ' [single source]' : ''} ${t.source.url}`);
    for (let y = Number(v.from.slice(0, 4)); y <= Number(v.to.slice(0, 4)); y++) {
      years.push(Object.freeze({ year: y, table: !!v.table, computer: !!v.computer, bonus: !!v.bonus, source: sources.join('; ') }));
    }
    return years;
  }),
);

/**
 * The calendar years (年分) the engine can withhold for, and with which tables.
 * @example knownWithholdingYears().find((y) => y.year === 2025)?.table // false (computer method only)
 */
export function knownWithholdingYears(): readonly KnownWithholdingYear[] {
  return KNOWN_YEARS;
}
