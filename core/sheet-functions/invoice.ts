/**
 * Spreadsheet functions for qualified invoices (design §3.1): `INVOICETAX` and `TNUMBER`.
 * Excel calls them as URA.INVOICETAX / URA.TNUMBER, Sheets as URA_INVOICETAX / URA_TNUMBER.
 * What the hosts show as help is each function's entry in catalog.ts; the comments here add only
 * what the code does beyond it.
 */
import { argumentError } from '../errors.js';
import { TAX_RATE_ALIASES } from '../invoice/input.js';
import { consumptionTaxOn, type TaxRateKey } from '../invoice/rates.js';
import { checkRegistrationNumber } from '../invoice/registration.js';
import { totalsByRate } from '../invoice/tax.js';
import type { InvoiceTaxMode } from '../money/rounding.js';
import { type CellValue, cellToYen, isBlank, type Matrix, type SheetContext } from './cells.js';

const MODES: Readonly<Record<string, InvoiceTaxMode>> = {
  floor: 'floor',
  切捨て: 'floor',
  切り捨て: 'floor',
  round: 'round',
  四捨五入: 'round',
  ceil: 'ceil',
  切上げ: 'ceil',
  切り上げ: 'ceil',
};

/** A rate cell: 10, 8, 0 as numbers; 0.1 / 0.08 (a cell formatted as %); text such as 「10%」「8%※」「軽減」「非課税」「不課税」. */
function cellToRate(v: CellValue, arg: string): TaxRateKey {
  if (typeof v === 'number') {
    // Excel and Sheets store 10% as 0.1: compare exactly against the two forms.
    const key = v === 10 || v === 0.1 ? '10' : v === 8 || v === 0.08 ? '8' : v === 0 ? '0' : undefined;
    if (key) return key;
  } else if (typeof v === 'string') {
    const key = TAX_RATE_ALIASES[v.normalize('NFKC').replace(/\s/g, '')];
    if (key) return key;
  }
  throw argumentError(
    arg,
    v,
    '税率は 10・8・0（10%・8%・非課税）または不課税で指定してください',
    'rate must be 10, 8, 0 (10%, 8%, exempt) or 不課税 (outside the tax)',
  );
}

function column(m: CellValue | Matrix, arg: string): CellValue[] {
  if (!Array.isArray(m)) return [m as CellValue];
  if (m.some((r) => r.length !== 1))
    throw argumentError(arg, `${m.length}×${m[0]?.length ?? 0}`, `${arg} は1列の範囲にしてください`, `${arg} must be a one-column range`);
  return m.map((r) => r[0]);
}

/**
 * INVOICETAX with the consumption-tax rates in force `today` (Tokyo, from the host), and TNUMBER.
 * @example invoiceFunctions({ today: '2026-06-01' }).INVOICETAX([[5500]], [[10]]) // [['税率', '対象額', '消費税額'], ['10%', 5500, 550]]
 */
export function invoiceFunctions({ today }: SheetContext) {
  /**
   * URA.INVOICETAX. Rounded per rate, never per line (消費税法施行令70条の10), with the rates in
   * force today.
   * @example INVOICETAX({5500; 35400; 6192}, {10; 10; 8}, "floor") // [["税率","対象額","消費税額"], ["10%", 40900, 4090], ["8%", 6192, 495]]
   */
  function INVOICETAX(amounts: CellValue | Matrix, rates: CellValue | Matrix, rounding?: CellValue): (string | number)[][] {
    const a = column(amounts, 'amounts');
    const r = column(rates, 'rates');
    if (a.length !== r.length) {
      throw argumentError(
        'rates',
        `${r.length}`,
        '金額と税率の範囲は同じ行数にしてください',
        'amounts and rates must have the same number of rows',
      );
    }
    let mode: InvoiceTaxMode = 'floor';
    if (!isBlank(rounding)) {
      const m = typeof rounding === 'string' ? MODES[rounding.trim().toLowerCase()] : undefined;
      if (!m)
        throw argumentError('rounding', rounding, '端数処理は floor・round・ceil のいずれかです', 'rounding must be floor, round or ceil');
      mode = m;
    }
    const lines: { amount: number; rate: TaxRateKey }[] = [];
    a.forEach((amount, i) => {
      const rate = r[i];
      if (isBlank(amount) && isBlank(rate)) return;
      lines.push({ amount: cellToYen(amount, `amounts[row ${i + 1}]`), rate: cellToRate(rate, `rates[row ${i + 1}]`) });
    });
    const table = consumptionTaxOn(today);
    if (!table) throw argumentError('', today, '今日の消費税率が登録されていません', 'no consumption-tax rates are known for today');
    const rows = totalsByRate(lines, mode, 'exclusive', table.rates).map((t) => [
      t.rate === 'out' ? '不課税' : `${t.rate}%`,
      t.base,
      t.tax,
    ]);
    return [['税率', '対象額', '消費税額'], ...rows];
  }

  return { INVOICETAX, TNUMBER };
}

/**
 * URA.TNUMBER. Full-width letters and digits read as half-width ones, hyphens are dropped. A sole
 * proprietor's number has no published check digit, so FALSE may still be a real number (the NTA's
 * site tells).
 * @example TNUMBER("T7000012050002") // TRUE
 */
export function TNUMBER(registration_number: CellValue): boolean {
  if (isBlank(registration_number) || typeof registration_number === 'boolean' || registration_number instanceof Date) return false;
  return checkRegistrationNumber(String(registration_number)).status === 'valid';
}
