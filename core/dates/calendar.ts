/**
 * Calendar dates as ISO strings `YYYY-MM-DD`: a date in Japan (Asia/Tokyo) with no time and no
 * time zone, so it compares with `<` and never shifts by a day when a server runs in UTC.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Builds an IsoDate, or throws RangeError for an impossible date (2026-02-30). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  if (!isValidYmd(year, month, day)) throw new RangeError(`not a calendar date: ${year}-${month}-${day}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isIsoDate(text: string): text is IsoDate {
  const m = ISO.exec(text);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function ymd(date: IsoDate): Ymd {
  const m = ISO.exec(date);
  if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`not an ISO date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * A number that orders `YYYY-MM-DD` texts as `<` on the texts does (year × 10,000 + month × 100
 * + day), read without a regular expression, for sorting many dates; -1 for any other text,
 * which its caller then compares as text. It does not check that the date exists.
 * @example dateOrderKey('2026-06-30') // 20260630
 */
export function dateOrderKey(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return -1;
  let key = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    key = key * 10 + d;
  }
  return key;
}

/**
 * A Date whose local-time fields read this calendar day at 00:00 on any host: for a timestamp
 * stored without a zone, such as a ZIP entry's DOS date, which is written from local time (a
 * Tokyo date built at 00:00+09:00 reads as the day before on a UTC host such as Lambda).
 * @example wallClockDate('2026-05-31').getDate() // 31, whatever TZ is
 */
export function wallClockDate(date: IsoDate): Date {
  const { year, month, day } = ymd(date);
  return new Date(year, month - 1, day);
}

/** Days since 1970-01-01 (proleptic Gregorian), for arithmetic. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = ymd(date);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** b − a in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Same day n months later, clamped to the month's end (1/31 + 1 month = 2/28 or 2/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = ymd(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const { year, month } = ymd(date);
  return isoDate(year, month, daysInMonth(year, month));
}

export function firstDayOfMonth(date: IsoDate): IsoDate {
  const { year, month } = ymd(date);
  return isoDate(year, month, 1);
}

/** `YYYY-MM` of a date: the key of an insurance month (保険料の月) or a pay month. */
export function yearMonth(date: IsoDate): string {
  return date.slice(0, 7);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tokyo calendar days by the time-zone database; undefined where the runtime has no zone data. */
const TOKYO_DATE = (() => {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    return undefined;
  }
})();

/**
 * The Tokyo calendar day of a date a spreadsheet holds (Google Sheets gives a date cell as the
 * instant of that day's local midnight). By the time-zone database, not a fixed +9 hours: Japan
 * kept summer time in 1948–1951, when local midnight was 15:00 UTC the day before, and a birth
 * date then read +9 hours is the day before.
 * @example tokyoDateOf(new Date(Date.UTC(1951, 5, 30, 14))) // '1951-07-01' (midnight under summer time)
 */
export function tokyoDateOf(d: Date): IsoDate {
  if (!TOKYO_DATE) return todayInTokyo(d);
  const parts = TOKYO_DATE.formatToParts(d);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return isoDate(part('year'), part('month'), part('day'));
}

/**
 * The Tokyo calendar day of an instant (JST has had no daylight saving since 1951: UTC+9). Core
 * never reads the clock: an adapter calls this with the current instant and passes the day down.
 * @example todayInTokyo(new Date('2026-06-30T15:00:00Z')) // '2026-07-01'
 */
export function todayInTokyo(now: Date): IsoDate {
  return fromDayNumber(Math.floor((now.getTime() + 9 * 3_600_000) / 86_400_000));
}

/**
 * Age on `date` under 年齢計算ニ関スル法律 and 民法§143: a person reaches an age at the end of
 * the day before the birthday, so on that day (誕生日の前日) they already count as that age.
 * Someone born on 1 April reaches 40 on 31 March.
 * @example ageOn('1986-04-01', '2026-03-31') // 40
 */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  let age = ymd(date).year - ymd(birthDate).year + 1;
  while (age > 0 && dateOfReachingAge(birthDate, age) > date) age -= 1;
  return age;
}

/** The date on which a person reaches `age` (the day before the `age`-th birthday). */
export function dateOfReachingAge(birthDate: IsoDate, age: number): IsoDate {
  const b = ymd(birthDate);
  const y = b.year + age;
  const birthday = b.month === 2 && b.day === 29 && !isLeapYear(y) ? isoDate(y, 3, 1) : isoDate(y, b.month, b.day);
  return addDays(birthday, -1);
}
