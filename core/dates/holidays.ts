/**
 * 国民の祝日 (Japanese public holidays) under 国民の祝日に関する法律 (昭和23年法律第178号, as
 * amended through 令和3年), with 振替休日 (§3②: a holiday on a Sunday moves to the next day
 * that is not a holiday) and 国民の休日 (§3③: a day between two holidays). 春分の日 and 秋分の日
 * are fixed each February by the 国立天文台 暦要項 for the following year, so the years this
 * module knows end with the last published 暦要項; a date outside them is refused, never guessed.
 * Bank holidays add 12月31日〜1月3日 (銀行法第15条, 銀行法施行令第5条).
 */
import { type IsoDate, isoDate, weekday, ymd } from './calendar.js';

/** 春分の日 / 秋分の日 (day of March / September) — 国立天文台 暦要項, published the February before. */
const EQUINOX_DAYS: Readonly<Record<number, readonly [spring: number, autumn: number]>> = {
  2019: [21, 23],
  2020: [20, 22],
  2021: [20, 23],
  2022: [21, 23],
  2023: [21, 23],
  2024: [20, 22],
  2025: [20, 23],
  2026: [20, 23],
  2027: [21, 23],
};

export const HOLIDAY_YEARS = { from: 2019, to: 2027 } as const;

export class HolidayRangeError extends RangeError {
  readonly message_ja: string;
  readonly message_en: string;
  constructor(date: string) {
    const ja = `祝日表は${HOLIDAY_YEARS.from}年〜${HOLIDAY_YEARS.to}年のみです（春分・秋分の日は国立天文台の暦要項で毎年決まります）: ${date}`;
    const en = `public holidays are known for ${HOLIDAY_YEARS.from}–${HOLIDAY_YEARS.to} only (the equinox days are fixed yearly): ${date}`;
    super(`${ja} / ${en}`);
    this.name = 'HolidayRangeError';
    this.message_ja = ja;
    this.message_en = en;
  }
}

/** The n-th Monday of a month (ハッピーマンデー制度). */
function nthMonday(year: number, month: number, n: number): IsoDate {
  const first = weekday(isoDate(year, month, 1));
  return isoDate(year, month, 1 + ((8 - first) % 7) + (n - 1) * 7);
}

/** The statutory holidays of a year (§2), before 振替休日 and 国民の休日. */
function namedHolidays(year: number): Map<IsoDate, string> {
  const equinox = EQUINOX_DAYS[year];
  if (!equinox) throw new HolidayRangeError(String(year));
  const d = (m: number, day: number) => isoDate(year, m, day);
  const list: [IsoDate, string][] = [
    [d(1, 1), '元日'],
    [nthMonday(year, 1, 2), '成人の日'],
    [d(2, 11), '建国記念の日'],
    [d(3, equinox[0]), '春分の日'],
    [d(4, 29), '昭和の日'],
    [d(5, 3), '憲法記念日'],
    [d(5, 4), 'みどりの日'],
    [d(5, 5), 'こどもの日'],
    [nthMonday(year, 9, 3), '敬老の日'],
    [d(9, equinox[1]), '秋分の日'],
    [d(11, 3), '文化の日'],
    [d(11, 23), '勤労感謝の日'],
  ];
  // 天皇誕生日: 12月23日 until 2018, none in 2019, 2月23日 from 2020 (平成29年法律第63号).
  if (year >= 2020) list.push([d(2, 23), '天皇誕生日']);
  // 2020 and 2021 moved 海の日, スポーツの日, 山の日 for the Tokyo Games (平成30年法律第57号, 令和2年法律第68号).
  if (year === 2020) list.push([d(7, 23), '海の日'], [d(7, 24), 'スポーツの日'], [d(8, 10), '山の日']);
  else if (year === 2021) list.push([d(7, 22), '海の日'], [d(7, 23), 'スポーツの日'], [d(8, 8), '山の日']);
  else
    list.push(
      [nthMonday(year, 7, 3), '海の日'],
      [nthMonday(year, 10, 2), year >= 2020 ? 'スポーツの日' : '体育の日'],
      [d(8, 11), '山の日'],
    );
  // 2019: 即位の日 and 即位礼正殿の儀 (平成30年法律第99号).
  if (year === 2019) list.push([d(5, 1), '即位の日'], [d(10, 22), '即位礼正殿の儀の行われる日']);
  return new Map(list);
}

const cache = new Map<number, Map<IsoDate, string>>();

/**
 * Every holiday of a year with its name, including 振替休日 and 国民の休日.
 * @example holidaysOf(2026).get('2026-09-22') // '国民の休日'
 */
export function holidaysOf(year: number): ReadonlyMap<IsoDate, string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const named = namedHolidays(year);
  const all = new Map(named);
  for (const date of [...named.keys()].sort()) {
    if (weekday(date) !== 0) continue;
    let next = date;
    do next = nextDay(next);
    while (all.has(next));
    all.set(next, '振替休日');
  }
  for (const date of [...named.keys()]) {
    const between = nextDay(date);
    if (!all.has(between) && named.has(nextDay(between)) && weekday(between) !== 0) all.set(between, '国民の休日');
  }
  const sorted = new Map([...all].sort(([a], [b]) => (a < b ? -1 : 1)));
  cache.set(year, sorted);
  return sorted;
}

function nextDay(date: IsoDate): IsoDate {
  const { year, month, day } = ymd(date);
  const t = new Date(Date.UTC(year, month - 1, day + 1));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The holiday's name, or undefined on an ordinary day. Throws HolidayRangeError outside the known years.
 * @example holidayName('2026-05-06') // '振替休日'
 */
export function holidayName(date: IsoDate): string | undefined {
  return holidaysOf(ymd(date).year).get(date);
}

/**
 * A day banks are open: not Saturday or Sunday, not a public holiday, not 12月31日〜1月3日.
 * @example isBankBusinessDay('2026-09-22') // false
 */
export function isBankBusinessDay(date: IsoDate): boolean {
  const w = weekday(date);
  if (w === 0 || w === 6) return false;
  const { month, day } = ymd(date);
  if ((month === 12 && day === 31) || (month === 1 && day <= 3)) return false;
  return holidayName(date) === undefined;
}

/**
 * The bank business day on or before `date`: where a transfer or a pay date falling on a closed
 * day moves to (「休日のときは前営業日」). Throws HolidayRangeError outside the known years.
 * @example bankBusinessDayOnOrBefore('2027-01-02') // '2026-12-30'
 */
export function bankBusinessDayOnOrBefore(date: IsoDate): IsoDate {
  let d = date;
  while (!isBankBusinessDay(d)) d = previousDay(d);
  return d;
}

function previousDay(date: IsoDate): IsoDate {
  const { year, month, day } = ymd(date);
  const t = new Date(Date.UTC(year, month - 1, day - 1));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Bank business days from a to b (positive when b is later; 0 on the same day). Each business
 * day after a, up to and including b, counts one.
 * @example bankBusinessDaysBetween('2026-09-18', '2026-09-24') // 1 (9/21–9/23 are holidays)
 */
export function bankBusinessDaysBetween(a: IsoDate, b: IsoDate): number {
  if (a === b) return 0;
  const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isBankBusinessDay(d)) n++;
  return n * sign;
}
