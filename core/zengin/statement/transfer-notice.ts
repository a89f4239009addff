/**
 * 振込入金通知 (種別コード 01, 200-byte records): header → data × n → trailer, end. Two data
 * layouts share the kind: format A (10-digit amounts) and format B, which adds 12-digit amounts
 * at bytes 129–152 and moves EDI情報 to 153–172; B is recognised, as common parsers do, by 24
 * digits at 129–152. 取消区分 1 marks a cancelled transfer (組戻し・取消), which must reverse a match.
 */
import type { IsoDate } from '../../dates/calendar.js';
import { problem } from '../../errors.js';
import { FieldReader, orNone, splitRecords, type ZenginDates, type ZenginReadOptions } from './fixed-records.js';
import type { ZenginReadResult } from './transaction-statement.js';

export interface TransferNoticeRecord {
  readonly record: number;
  /** 照会番号 (6 digits) */
  readonly inquiryNumber: string;
  /** 勘定日 */
  readonly bookDate: IsoDate;
  /** 起算日 */
  readonly valueDate: IsoDate | undefined;
  readonly amount: number;
  /** うち他店券金額 */
  readonly otherBankCheques: number;
  /** 振込依頼人コード */
  readonly payerCode: string;
  /** 振込依頼人名 */
  readonly payerName: string;
  readonly remitterBank: string;
  readonly remitterBranch: string;
  /** 取消区分 1 */
  readonly cancelled: boolean;
  readonly edi: string;
  readonly format: 'A' | 'B';
}

export interface TransferNoticeAccount {
  readonly createdOn: IsoDate | undefined;
  readonly periodFrom: IsoDate | undefined;
  readonly periodTo: IsoDate | undefined;
  readonly bankCode: string;
  readonly bankName: string;
  readonly branchCode: string;
  readonly branchName: string;
  readonly accountType: string;
  readonly accountNumber: string;
  readonly accountName: string;
  readonly lines: TransferNoticeRecord[];
}

function isFormatB(bytes: Uint8Array): boolean {
  for (let i = 128; i < 152; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x30 || b > 0x39) return false;
  }
  return true;
}

/**
 * Reads a 振込入金通知 file (種別 01).
 * @example readTransferNotice(bytes, 'tsuchi.txt', { today: '2026-06-01' }).accounts[0]?.lines.length // 3
 */
export function readTransferNotice(input: Uint8Array, file: string, { today }: ZenginReadOptions): ZenginReadResult<TransferNoticeAccount> {
  const { records, problems } = splitRecords(input, 200, file);
  if (problems.length > 0) return { accounts: [], problems };
  const accounts: TransferNoticeAccount[] = [];
  let current: TransferNoticeAccount | undefined;
  let ended = false;
  const dates: ZenginDates = new Map();
  for (const rec of records) {
    const f = new FieldReader(rec, file, problems, today, dates);
    const kind = f.charAt(1);
    const fail = (ja: string, en: string) => problems.push(problem(file, rec.number, 'データ区分(1–1)', kind, ja, en));
    if (ended) {
      if (rec.bytes.some((b) => b !== 0x20) && kind !== '9') fail('エンドレコードの後にレコードがあります', 'record after the end record');
      continue;
    }
    if (kind === '1') {
      if (current) fail('トレーラレコードがないまま次のヘッダがあります', 'header without a trailer before it');
      const code = f.digits('種別コード', 2, 2);
      if (code !== '01') {
        problems.push(
          problem(file, rec.number, '種別コード(2–3)', code, '振込入金通知(種別01)ではありません', 'not a 振込入金通知 (kind 01) file'),
        );
        break;
      }
      if (f.digits('コード区分', 4, 1) === '1') {
        problems.push(
          problem(
            file,
            rec.number,
            'コード区分(4–4)',
            '1',
            'EBCDICのファイルは読めません（JISで出力してください）',
            'EBCDIC files are not supported (export as JIS)',
          ),
        );
        break;
      }
      current = {
        createdOn: f.date('作成日', 5),
        periodFrom: f.date('勘定日(自)', 11),
        periodTo: f.date('勘定日(至)', 17),
        bankCode: f.digits('銀行コード', 23, 4),
        bankName: f.text('銀行名', 27, 15),
        branchCode: f.digits('支店コード', 42, 3),
        branchName: f.text('支店名', 45, 15),
        accountType: f.digits('預金種目', 60, 1),
        accountNumber: f.digits('口座番号', 61, 7),
        accountName: f.text('口座名', 68, 40),
        lines: [],
      };
    } else if (kind === '2') {
      if (!current) {
        fail('ヘッダレコードの前にデータレコードがあります', 'data record before any header');
        continue;
      }
      const b = isFormatB(rec.bytes);
      const cancel = f.optionalDigits('取消区分', 128, 1);
      current.lines.push({
        record: rec.number,
        inquiryNumber: f.digits('照会番号', 2, 6),
        bookDate: f.date('勘定日', 8) ?? '',
        valueDate: f.date('起算日', 14, 6, false),
        amount: b ? f.number('金額(2)', 129, 12) : f.number('金額', 20, 10),
        otherBankCheques: b ? f.number('うち他店券金額(2)', 141, 12) : f.number('うち他店券金額', 30, 10),
        payerCode: orNone(f.optionalDigits('振込依頼人コード', 40, 10)),
        payerName: f.text('振込依頼人名', 50, 48),
        remitterBank: f.text('仕向銀行名', 98, 15),
        remitterBranch: f.text('仕向店名', 113, 15),
        cancelled: cancel === '1',
        edi: b ? f.text('EDI情報', 153, 20) : f.text('EDI情報', 129, 20),
        format: b ? 'B' : 'A',
      });
    } else if (kind === '8') {
      if (!current) {
        fail('ヘッダレコードの前にトレーラレコードがあります', 'trailer before any header');
        continue;
      }
      const count = f.number('振込合計件数', 2, 6);
      const total = f.number('振込合計金額', 8, 12);
      const cancelCount = f.number('取消合計件数', 20, 6);
      const cancelTotal = f.number('取消合計金額', 26, 12);
      const live = current.lines.filter((l) => !l.cancelled);
      const cancelled = current.lines.filter((l) => l.cancelled);
      const sum = (ls: TransferNoticeRecord[]) => ls.reduce((s, l) => s + l.amount, 0);
      // Banks differ on whether 振込合計 includes the cancelled transfers; both readings are accepted.
      const countOk = count === live.length || count === current.lines.length;
      const totalOk = total === sum(live) || total === sum(current.lines);
      if (!countOk)
        f.fail(
          '振込合計件数',
          2,
          6,
          String(count),
          `明細と合いません（${live.length}件）`,
          `does not agree with the data records (${live.length})`,
        );
      if (!totalOk)
        f.fail(
          '振込合計金額',
          8,
          12,
          String(total),
          `明細と合いません（${sum(live)}円）`,
          `does not agree with the data records (${sum(live)})`,
        );
      if (cancelCount !== cancelled.length)
        f.fail(
          '取消合計件数',
          20,
          6,
          String(cancelCount),
          `明細と合いません（${cancelled.length}件）`,
          `does not agree with the data records (${cancelled.length})`,
        );
      if (cancelTotal !== sum(cancelled))
        f.fail(
          '取消合計金額',
          26,
          12,
          String(cancelTotal),
          `明細と合いません（${sum(cancelled)}円）`,
          `does not agree with the data records (${sum(cancelled)})`,
        );
      accounts.push(current);
      current = undefined;
    } else if (kind === '9') {
      if (current) fail('トレーラレコードがないままエンドレコードがあります', 'end record without a trailer before it');
      ended = true;
    } else {
      fail('データ区分は1, 2, 8, 9のいずれかです', 'データ区分 must be 1, 2, 8 or 9');
    }
  }
  if (problems.length === 0 && (current || !ended)) {
    problems.push(
      problem(
        file,
        records.length,
        '',
        '',
        'ファイルが途中で終わっています（トレーラまたはエンドレコードがありません）',
        'file ends early (no trailer or end record)',
      ),
    );
  }
  return problems.length > 0 ? { accounts: [], problems } : { accounts, problems };
}
