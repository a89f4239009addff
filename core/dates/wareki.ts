/**
 * 和暦 (Japanese era dates) both ways. An era starts on its first day: 平成31年4月30日 is
 * followed by 令和元年5月1日 (2019-05-01). Year 1 of an era is written 元年.
 */
import { isoDate, isValidYmd, type IsoDate, ymd } from './calendar.js';

export interface Era {
  readonly name: string;
  /** Latin initial as used in forms and bank files: R, H, S, T, M. */
  readonly initial: string;
  readonly start: IsoDate;
}

/** Newest first. */
export const ERAS: readonly Era[] = [
  { name: '令和', initial: 'R', start: '2019-05-01' },
  { name: '平成', initial: 'H', start: '1989-01-08' },
  { name: '昭和', initial: 'S', start: '1926-12-25' },
  { name: '大正', initial: 'T', start: '1912-07-30' },
  { name: '明治', initial: 'M', start: '1868-10-23' },
];

export interface WarekiDate {
  readonly era: Era;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function toWareki(date: IsoDate): WarekiDate {
  const era = ERAS.find((e) => date >= e.start);
  if (!era) throw new RangeError(`${date} is before 明治`);
  const { year, month, day } = ymd(date);
  return { era, year: year - ymd(era.start).year + 1, month, day };
}

/** 2026-05-25 → 令和8年5月25日; 2019-05-01 → 令和元年5月1日. */
export function formatWareki(date: IsoDate): string {
  const w = toWareki(date);
  return `${w.era.name}${w.year === 1 ? '元' : w.year}年${w.month}月${w.day}日`;
}

/** 2026-05-25 → R8.5.25 */
export function formatWarekiShort(date: IsoDate): string {
  const w = toWareki(date);
  return `${w.era.initial}${w.year}.${w.month}.${w.day}`;
}

/**
 * Gregorian date of an era date, or undefined when the era date does not exist
 * (平成32年, 令和1年4月30日).
 */
export function fromWareki(eraNameOrInitial: string, year: number, month: number, day: number): IsoDate | undefined {
  const key = eraNameOrInitial.trim().toUpperCase();
  const index = ERAS.findIndex((e) => e.name === eraNameOrInitial.trim() || e.initial === key);
  const era = ERAS[index];
  if (!era || year < 1) return undefined;
  const gYear = ymd(era.start).year + year - 1;
  if (!isValidYmd(gYear, month, day)) return undefined;
  const date = isoDate(gYear, month, day);
  if (date < era.start) return undefined;
  const next = ERAS[index - 1];
  if (next && date >= next.start) return undefined;
  return date;
}

const KANJI_ERA = /^(令和|平成|昭和|大正|明治)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const SHORT_ERA = /^([RHSTMrhstm])\s*(\d{1,2})[./-](\d{1,2})[./-](\d{1,2})$/;

/** Parses 令和8年5月25日, 令和元年5月1日, R8.5.25, H31/4/30 (digits already half-width). */
export function parseWareki(text: string): IsoDate | undefined {
  const t = text.trim();
  const k = KANJI_ERA.exec(t);
  if (k) return fromWareki(k[1] ?? '', k[2] === '元' ? 1 : Number(k[2]), Number(k[3]), Number(k[4]));
  const s = SHORT_ERA.exec(t);
  if (s) return fromWareki(s[1] ?? '', Number(s[2]), Number(s[3]), Number(s[4]));
  return undefined;
}
