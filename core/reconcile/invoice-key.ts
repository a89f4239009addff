/**
 * Invoice ids as keys: how an EDI field's id meets the invoice it names (case, spaces and hyphens
 * aside), and a number for that key computed in place for the ids most exports write.
 */
import { kanaNfkc } from '../kana/normalize.js';

/** keyHash of an id that needs NFKC before it has a key (its key is built when it is looked for). */
export const NOT_ASCII = -1;

/**
 * Code-unit order: stable across locales and far cheaper than localeCompare on 400k rows.
 * @example compareText('2026-05-31', '2026-06-30') // -1
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Invoice ids compared without case, spaces or hyphens (EDI fields are 20 half-width chars).
 * @example invoiceKey('inv-2026 0001') // 'INV20260001'
 */
export function invoiceKey(id: string): string {
  if (/^[0-9A-Z]*$/.test(id)) return id;
  // EDI fields are often half-width kana (ｼﾊﾗｲ…): NFKC by table when it can.
  const text = /^[ -~]*$/.test(id) ? id : (kanaNfkc(id, false) ?? id.normalize('NFKC'));
  return text.toUpperCase().replace(/[\s\-_/]/g, '');
}

/**
 * FNV-1a hash of invoiceKey(id) for a printable-ASCII id, without building the key (upper
 * case, no space, '-', '_' or '/'); undefined when the id needs NFKC first. An ASCII key
 * hashes to itself, so keys and ids compare by this number. A 32-bit signed integer, as an Int32Array keeps it.
 * @example asciiInvoiceKeyHash('inv-001') === asciiInvoiceKeyHash('INV001') // true
 */
export function asciiInvoiceKeyHash(id: string): number | undefined {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    let c = id.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return undefined;
    if (c === 0x20 || c === 0x2d || c === 0x5f || c === 0x2f) continue;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h | 0;
}
