/**
 * 全銀協 規定フォーマット 120-byte transfer requests in Shift_JIS, CRLF after each: 給与振込 (種別コード
 * 11), 賞与振込 (12) and 総合振込 (21) — ヘッダー (データ区分 1), one データ (2) per payee, トレーラー (8),
 * エンド (9). Numeric fields (N) are right-aligned and zero-filled, text fields (C) left-aligned and
 * space-filled. Field positions (1-based bytes) as published in bank specifications of the 全銀協
 * format (全銀協 AP-Ⅰ-12〔別冊〕レコード・フォーマット, 令和元年12月, and the banks' 持込規格; docs/payments.md):
 *
 * header  1 区分 | 2–3 種別 | 4 コード区分 0=JIS | 5–14 会社コード (振込依頼人コード) | 15–54 会社名 (振込依頼人名) |
 *         55–58 振込指定日 MMDD | 59–62 仕向銀行番号 | 63–77 銀行名 | 78–80 支店番号 | 81–95 支店名 |
 *         96 預金種目 | 97–103 口座番号 | 104–120 ダミー
 * data    1 区分 | 2–5 被仕向銀行番号 | 6–20 銀行名 | 21–23 支店番号 | 24–38 支店名 | 39–42 手形交換所番号 |
 *         43 預金種目 | 44–50 口座番号 | 51–80 預金者名 (受取人名) | 81–90 振込金額 | 91 新規コード |
 *   11/12 92–101 社員番号 | 102–111 所属コード | 112–120 ダミー
 *   21    92–101 顧客コード1 | 102–111 顧客コード2 (識別表示 Y: 92–111 EDI情報 20桁) | 112 振込指定区分 |
 *         113 識別表示 | 114–120 ダミー
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

/** ヘッダー: the same layout for 種別コード 11, 12 and 21 (会社コード = 振込依頼人コード). */
function header(kindCode: string, company: TransferCompany, transferDate: IsoDate): string {
  return record(
    '1' +
      kindCode +
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
  );
}

/** Bytes 1–90 of a データ record, shared by every kind: the payee's account and the amount. */
function payee(l: TransferLine | PaymentTransferLine): string {
  if (!Number.isSafeInteger(l.amount) || l.amount < 0) throw new RangeError(`全銀: 振込金額 ${l.amount} が不正です / invalid amount`);
  return (
    '2' +
    n(l.bankCode, 4) +
    c(l.bankName ?? '', 15) +
    n(l.branchCode, 3) +
    c(l.branchName ?? '', 15) +
    c('', 4) +
    n(l.accountType, 1) +
    n(l.accountNumber, 7) +
    c(l.holder, HOLDER_LENGTH) +
    n(l.amount, 10)
  );
}

/** Header, the データ records, トレーラー (件数 and 金額 of the data) and エンド, as Shift_JIS bytes with CRLF. */
function transferFile(
  kindCode: string,
  company: TransferCompany,
  transferDate: IsoDate,
  lines: readonly (TransferLine | PaymentTransferLine)[],
  tail: (l: TransferLine & PaymentTransferLine) => string,
): Uint8Array {
  const records = [header(kindCode, company, transferDate)];
  let total = 0;
  for (const l of lines) {
    records.push(record(payee(l) + tail(l)));
    total += l.amount;
  }
  records.push(record('8' + n(lines.length, 6) + n(total, 12) + c('', 101)));
  records.push(record('9' + c('', 119)));
  return encodeCp932(records.map((r) => `${r}\r\n`).join(''));
}

/**
 * The whole 給与・賞与振込 file as bytes (Shift_JIS, CRLF). Lines with a zero amount are left out.
 * @example salaryTransferFile(company, '2026-05-25', lines) // header + data × n + trailer + end
 */
export function salaryTransferFile(
  company: TransferCompany,
  transferDate: IsoDate,
  lines: readonly TransferLine[],
  kind: TransferKind = 'salary',
): Uint8Array {
  const paid = lines.filter((l) => l.amount !== 0);
  // 91 新規コード 0 | 92–101 社員番号 | 102–111 所属コード | 112–120 ダミー
  return transferFile(kind === 'salary' ? '11' : '12', company, transferDate, paid, (l) => {
    const code = l.employeeCode && /^\d{1,10}$/.test(l.employeeCode) ? n(l.employeeCode, 10) : c('', 10);
    return '0' + code + c('', 10) + c('', 9);
  });
}

/** A 総合振込 payee. */
export interface PaymentTransferLine extends Omit<TransferLine, 'employeeCode'> {
  /** EDI情報 (識別表示 Y): up to 20 characters of the 全銀 half-width set; reaches the payee's statement. */
  readonly edi?: string | undefined;
  /** 顧客コード1: up to 10 digits, for the paying company's own use (not with `edi`). */
  readonly customerCode1?: string | undefined;
  /** 顧客コード2: up to 10 digits (not with `edi`). */
  readonly customerCode2?: string | undefined;
}

/** EDI情報 field width (顧客コード1 + 2). */
export const EDI_LENGTH = 20;

/**
 * The whole 総合振込 file (種別コード 21) as bytes (Shift_JIS, CRLF): every line is paid, by
 * テレ振込 (振込指定区分 7), 新規コード 0. A line with EDI情報 carries it in bytes 92–111 with
 * 識別表示 Y; otherwise they hold 顧客コード1 and 2, zero-filled, or spaces when there is none.
 * @example generalTransferFile(company, '2026-06-30', [{bankCode: '0005', …, amount: 99_450, edi: 'INV-2026-0601'}])
 */
export function generalTransferFile(company: TransferCompany, transferDate: IsoDate, lines: readonly PaymentTransferLine[]): Uint8Array {
  return transferFile('21', company, transferDate, lines, (l) => {
    if (l.amount === 0) throw new RangeError('全銀: 振込金額が0です / a transfer of 0 yen');
    if (l.edi !== undefined && (l.customerCode1 !== undefined || l.customerCode2 !== undefined))
      throw new RangeError('全銀: EDI情報と顧客コードは同時に使えません / EDI and customer codes share bytes 92–111');
    if (l.edi !== undefined && (l.edi.length > EDI_LENGTH || !/^[\uFF66-\uFF9F0-9A-Z ().\-/]*$/.test(l.edi)))
      throw new RangeError(
        `全銀: EDI情報「${l.edi}」は半角${EDI_LENGTH}文字の全銀文字ではありません / not ${EDI_LENGTH} Zengin characters`,
      );
    const code = (v: string | undefined) => (v === undefined ? c('', 10) : n(v, 10));
    const reference = l.edi !== undefined ? c(l.edi, EDI_LENGTH) : code(l.customerCode1) + code(l.customerCode2);
    // 91 新規コード | 92–111 顧客コード1・2 or EDI情報 | 112 振込指定区分 7 テレ振込 | 113 識別表示 | 114–120 ダミー
    return '0' + reference + '7' + (l.edi !== undefined ? 'Y' : ' ') + c('', 7);
  });
}
