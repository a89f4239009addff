/** Display formats shared by the invoice PDF, the manifest and the spreadsheet functions. */
import { ymd, type IsoDate } from '../dates/calendar.js';
import type { Rate } from '../money/rate.js';
import { formatYen, type Yen } from '../money/yen.js';
import type { TaxRateKey } from './rates.js';

/** @example japaneseDate('2026-05-31') // '2026年5月31日' */
export function japaneseDate(date: IsoDate): string {
  const { year, month, day } = ymd(date);
  return `${year}年${month}月${day}日`;
}

/** @example yenText(51677) // '¥51,677' ; yenText(-500) // '-¥500' */
export function yenText(amount: Yen): string {
  return amount < 0 ? `-¥${formatYen(-amount)}` : `¥${formatYen(amount)}`;
}

/**
 * An exact quantity as a decimal: 3/2 → '1.5'; 1/3 has no finite decimal and prints as '1/3'.
 * @example quantityText({ num: 5, den: 4 }) // '1.25'
 */
export function quantityText(q: Rate): string {
  for (let places = 0; places <= 6; places++) {
    const scaled = BigInt(q.num) * 10n ** BigInt(places);
    if (scaled % BigInt(q.den) !== 0n) continue;
    const v = scaled / BigInt(q.den);
    const neg = v < 0n;
    const digits = (neg ? -v : v).toString().padStart(places + 1, '0');
    const whole = digits.slice(0, digits.length - places).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${neg ? '-' : ''}${whole}${places ? `.${digits.slice(digits.length - places)}` : ''}`;
  }
  return `${q.num}/${q.den}`;
}

/**
 * '10%', '8%※' (※ marks 軽減税率 as 57条の4①三 requires), '非課税', '不課税'.
 * @example rateLabel('8') // '8%※'
 */
export function rateLabel(key: TaxRateKey): string {
  return key === '10' ? '10%' : key === '8' ? '8%※' : key === '0' ? '非課税' : '不課税';
}

/**
 * Heading of a rate's total: '10%対象', '8%対象（軽減税率）', '非課税', '不課税'.
 * @example rateHeading('8') // '8%対象（軽減税率）'
 */
export function rateHeading(key: TaxRateKey): string {
  return key === '10' ? '10%対象' : key === '8' ? '8%対象（軽減税率）' : key === '0' ? '非課税' : '不課税';
}
