/**
 * 全銀協 規定フォーマット 給与振込 (種別コード 11) / 賞与振込 (12): 120-byte fixed-length records in
 * Shift_JIS, CRLF after each — ヘッダー (データ区分 1), one データ (2) per payee, トレーラー (8), エンド (9).
 * Numeric fields (N) are right-aligned and zero-filled, text fields (C) left-aligned and space-filled.
 * Field positions as published in bank specifications of the 全銀協 format (1-based bytes):
 *
 * header  1 区分 | 2–3 種別 | 4 コード区分 0=JIS | 5–14 会社コード | 15–54 会社名 | 55–58 振込指定日 MMDD |
 *         59–62 仕向銀行番号 | 63–77 銀行名 | 78–80 支店番号 | 81–95 支店名 | 96 預金種目 | 97–103 口座番号 | 104–120 ダミー
 * data    1 区分 | 2–5 被仕向銀行番号 | 6–20 銀行名 | 21–23 支店番号 | 24–38 支店名 | 39–42 手形交換所番号 |
 *         43 預金種目 | 44–50 口座番号 | 51–80 預金者名 | 81–90 振込金額 | 91 新規コード | 92–101 社員番号 |
 *         102–111 所属コード | 112–120 ダミー
 * trailer 1 区分 | 2–7 合計件数 | 8–19 合計金額 | 20–120 ダミー
 * end     1 区分 | 2–120 ダミー
 */
import { encodeCp932 } from '../../csv/encoding.js';
import type { IsoDate } from '../../dates/calendar.js';
import type { Yen } from '../../money/yen.js';

export const RECORD_LENGTH = 120;

export type TransferKind = 'salary' | 'bonus';

/** The paying company (`--company` JSON); text fields already in the 全銀 half-width set. */
export interface TransferCompany {
  /** 会社コード (委託者コード) assigned by the bank, up to 10 digits. */
  readonly companyCode: string;
  /** 委託者名 as the 全銀 record holds it: half-width kana (株式会社 → ｶ)). */
  readonly companyName: string;
  /** The company's name as people read it (`name` in the JSON, else `company_name` as written), for payslips. */
  readonly displayName?: string;
  readonly bankCode: string;
  readonly bankName: string;
  readonly branchCode: string;
  readonly branchName: string;
  /** 1 = 普通, 2 = 当座. */
  readonly accountType: number;
  readonly accountNumber: string;
}

export interface TransferLine {
  readonly bankCode: string;
  readonly branchCode: string;
  readonly accountType: number;
  readonly accountNumber: string;
  /** 預金者名 in the 全銀 half-width set (see `toZenginKana`). */
  readonly holder: string;
  readonly amount: Yen;
  /** 社員番号: digits only, else left blank. */
  readonly employeeCode?: string | undefined;
  readonly bankName?: string | undefined;
  readonly branchName?: string | undefined;
}

/** 受取人名 (預金者名) field width in a 全銀 data record (bytes = half-width characters). */
export const HOLDER_LENGTH = 30;

function n(value: number | string, length: number): string {
  const s = String(value);
  if (!/^\d*$/.test(s) || s.length > length)
    throw new RangeError(`全銀: 「${s}」は${length}桁の数字に収まりません / does not fit ${length} digits`);
  return s.padStart(length, '0');
}

function c(text: string, length: number): string {
  // Half-width only here, so one character is one byte in Shift_JIS.
  return text.slice(0, length).padEnd(length, ' ');
}

function record(fields: string): string {
  if (fields.length !== RECORD_LENGTH) throw new Error(`全銀 record is ${fields.length} bytes, not ${RECORD_LENGTH}`);
  return fields;
}

/** 振込指定日 MMDD. */
function mmdd(date: IsoDate): string {
  return date.slice(5, 7) + date.slice(8, 10);
}

/**
 * The whole file as bytes (Shift_JIS, CRLF). Lines with a zero amount are left out.
 * @example salaryTransferFile(company, '2026-05-25', lines) // header + data × n + trailer + end
 */
export function salaryTransferFile(
  company: TransferCompany,
  transferDate: IsoDate,
  lines: readonly TransferLine[],
  kind: TransferKind = 'salary',
): Uint8Array {
  const paid = lines.filter((l) => l.amount !== 0);
  const records: string[] = [
    record(
      '1' +
        (kind === 'salary' ? '11' : '12') +
        '0' +
        n(company.companyCode, 10) +
        c(company.companyName, 40) +
        mmdd(transferDate) +
        n(company.bankCode, 4) +
        c(company.bankName, 15) +
        n(company.branchCode, 3) +
        c(company.branchName, 15) +
        n(company.accountType, 1) +
        n(company.accountNumber, 7) +
        c('', 17),
    ),
  ];
  let total = 0;
  for (const l of paid) {
    if (!Number.isSafeInteger(l.amount) || l.amount < 0) throw new RangeError(`全銀: 振込金額 ${l.amount} が不正です / invalid amount`);
    total += l.amount;
    const code = l.employeeCode && /^\d{1,10}$/.test(l.employeeCode) ? n(l.employeeCode, 10) : c('', 10);
    records.push(
      record(
        '2' +
          n(l.bankCode, 4) +
          c(l.bankName ?? '', 15) +
          n(l.branchCode, 3) +
          c(l.branchName ?? '', 15) +
          c('', 4) +
          n(l.accountType, 1) +
          n(l.accountNumber, 7) +
          c(l.holder, HOLDER_LENGTH) +
          n(l.amount, 10) +
          '0' +
          code +
          c('', 10) +
          c('', 9),
      ),
    );
  }
  records.push(record('8' + n(paid.length, 6) + n(total, 12) + c('', 101)));
  records.push(record('9' + c('', 119)));
  return encodeCp932(records.map((r) => `${r}\r\n`).join(''));
}
