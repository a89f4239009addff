/**
 * 入出金取引明細 (種別コード 03, 200-byte records): header (1) → data (2) × n → trailer (8) per
 * account, then one end record (9). Layout for 普通・当座・貯蓄 (預金種目 1/2/4). Control totals are
 * checked — 取引前残高 + 入金 − 出金 = 取引後残高, counts and sums per account, レコード総件数 and
 * 口座数 at the end — and any failure refuses the whole file.
 */
import type { IsoDate } from '../../dates/calendar.js';
import { isError, problem, type Problem } from '../../errors.js';
import { FieldReader, orNone, splitRecords, type ZenginDates, type ZenginReadOptions } from './fixed-records.js';

export interface TransactionRecord {
  /** Record number in the file. */
  readonly record: number;
  /** 照会番号 */
  readonly inquiryNumber: string;
  /** 勘定日 (booking date) */
  readonly bookDate: IsoDate;
  /** 預入・払出日 (value date) */
  readonly valueDate: IsoDate | undefined;
  /** 入払区分: 1 入金 → 'in', 2 出金 → 'out' */
  readonly direction: 'in' | 'out';
  /** 取引区分: 10 現金, 11 振込, 12 他店券入金, 13 交換, 14 振替, 15 継続, 18 その他, 19 訂正 */
  readonly transactionType: string;
  readonly amount: number;
  /** うち他店券金額 */
  readonly otherBankCheques: number;
  /** 交換呈示日 */
  readonly presentedOn: IsoDate | undefined;
  /** 不渡返還日 */
  readonly dishonouredOn: IsoDate | undefined;
  /** 手形・小切手区分: 1 小切手, 2 約束手形, 3 為替手形 ('' none) */
  readonly chequeKind: string;
  /** 手形・小切手番号 ('' none) */
  readonly chequeNumber: string;
  /** 僚店番号 */
  readonly relatedBranch: string;
  /** 振込依頼人コード ('' none) */
  readonly payerCode: string;
  /** 振込依頼人名 (入金) or 口座振替 契約者番号 (出金) */
  readonly payerName: string;
  /** 仕向銀行名 */
  readonly remitterBank: string;
  /** 仕向店名 */
  readonly remitterBranch: string;
  /** 摘要内容 */
  readonly description: string;
  /** EDI情報 */
  readonly edi: string;
}

export interface StatementAccount {
  readonly createdOn: IsoDate | undefined;
  readonly periodFrom: IsoDate | undefined;
  readonly periodTo: IsoDate | undefined;
  readonly bankCode: string;
  readonly bankName: string;
  readonly branchCode: string;
  readonly branchName: string;
  /** 預金種目: 1 普通, 2 当座, 4 貯蓄 */
  readonly accountType: string;
  readonly accountNumber: string;
  readonly accountName: string;
  /** 取引前残高 (signed by 貸越区分) */
  readonly openingBalance: number;
  /** 取引後残高 (signed by 貸越区分) */
  readonly closingBalance: number;
  readonly lines: TransactionRecord[];
}

export interface ZenginReadResult<A> {
  /** Empty whenever there is a problem: a file is read whole or not at all. */
  readonly accounts: A[];
  readonly problems: Problem[];
}

/**
 * True when the bytes look like a 全銀 種別 `kind` file (first record: データ区分 1, 種別コード).
 * @example looksLikeZengin(bytes, '03') // true for a 入出金取引明細
 */
export function looksLikeZengin(bytes: Uint8Array, kind: '01' | '03'): boolean {
  return bytes.length >= 200 && bytes[0] === 0x31 && bytes[1] === kind.charCodeAt(0) && bytes[2] === kind.charCodeAt(1);
}

/** 預金種目 5 通知, 6 定期, 7 積立定期: data records of another layout (reconcile.md §3.2). */
const TERM_DEPOSIT_KINDS: ReadonlySet<string> = new Set(['5', '6', '7']);

/**
 * Reads a 入出金取引明細 file (種別 03). Accounts of 預金種目 5/6/7 are skipped with a warning.
 * @example readTransactionStatement(bytes, 'meisai.txt', { today: '2026-06-01' }).accounts[0]?.lines[0]?.amount // 108900
 */
export function readTransactionStatement(
  input: Uint8Array,
  file: string,
  { today }: ZenginReadOptions,
): ZenginReadResult<StatementAccount> {
  const { records, problems } = splitRecords(input, 200, file);
  if (problems.length > 0) return { accounts: [], problems };
  const accounts: StatementAccount[] = [];
  let current:
    | {
        head: Omit<StatementAccount, 'closingBalance' | 'lines'>;
        lines: TransactionRecord[];
        record: number;
        other: number;
        skipped: boolean;
      }
    | undefined;
  // 通知・定期・積立定期 (預金種目 5/6/7) accounts: their data records have another layout, with
  // nothing for 入金消込; they are counted, not read.
  let skippedAccounts = 0;
  let ended = false;
  let counted = 0;
  const dates: ZenginDates = new Map();
  for (const rec of records) {
    const f = new FieldReader(rec, file, problems, today, dates);
    const kind = f.charAt(1);
    const fail = (ja: string, en: string) => problems.push(problem(file, rec.number, 'データ区分(1–1)', kind, ja, en));
    if (ended) {
      fail('エンドレコードの後にレコードがあります', 'record after the end record');
      break;
    }
    if (kind === '1') {
      if (current) fail('トレーラレコードがないまま次のヘッダがあります', 'header without a trailer before it');
      const code = f.digits('種別コード', 2, 2);
      if (code !== '03') {
        problems.push(
          problem(file, rec.number, '種別コード(2–3)', code, '入出金取引明細(種別03)ではありません', 'not a 入出金取引明細 (kind 03) file'),
        );
        break;
      }
      const codeDivision = f.digits('コード区分', 4, 1);
      if (codeDivision === '1') {
        problems.push(
          problem(
            file,
            rec.number,
            'コード区分(4–4)',
            codeDivision,
            'EBCDICのファイルは読めません（JISで出力してください）',
            'EBCDIC files are not supported (export as JIS)',
          ),
        );
        break;
      }
      const overdraft = f.digits('貸越区分', 114, 1);
      const opening = f.number('取引前残高', 116, 14);
      const depositKind = f.digits('預金種目', 63, 1);
      current = {
        record: rec.number,
        lines: [],
        other: 0,
        skipped: TERM_DEPOSIT_KINDS.has(depositKind),
        head: {
          createdOn: f.date('作成日', 5),
          periodFrom: f.date('勘定日(自)', 11),
          periodTo: f.date('勘定日(至)', 17),
          bankCode: f.digits('銀行コード', 23, 4),
          bankName: f.text('銀行名', 27, 15),
          branchCode: f.digits('支店コード', 42, 3),
          branchName: f.text('支店名', 45, 15),
          accountType: depositKind,
          accountNumber: f.digits('口座番号', 64, 10),
          accountName: f.text('口座名', 74, 40),
          openingBalance: overdraft === '2' ? -opening : opening,
        },
      };
      f.digits('通帳・証書区分', 115, 1);
      counted++;
    } else if (kind === '2') {
      if (!current) {
        fail('ヘッダレコードの前にデータレコードがあります', 'data record before any header');
        continue;
      }
      if (current.skipped) {
        current.other++;
        counted++;
        continue;
      }
      const io = f.digits('入払区分', 22, 1);
      if (io !== '1' && io !== '2')
        f.fail('入払区分', 22, 1, io, '入払区分は1(入金)か2(出金)です', 'must be 1 (deposit) or 2 (withdrawal)');
      const chequeNumber = f.optionalDigits('手形・小切手番号', 62, 7);
      current.lines.push({
        record: rec.number,
        inquiryNumber: f.digits('照会番号', 2, 8),
        bookDate: f.date('勘定日', 10) ?? '',
        valueDate: f.date('預入・払出日', 16, 6, false),
        direction: io === '2' ? 'out' : 'in',
        transactionType: f.digits('取引区分', 23, 2),
        amount: f.number('取引金額', 25, 12),
        otherBankCheques: f.number('うち他店券金額', 37, 12),
        presentedOn: f.date('交換呈示日', 49, 6, false),
        dishonouredOn: f.date('不渡返還日', 55, 6, false),
        chequeKind: orNone(f.optionalDigits('手形・小切手区分', 61, 1)),
        chequeNumber: orNone(chequeNumber),
        relatedBranch: f.optionalDigits('僚店番号', 69, 3),
        payerCode: orNone(f.optionalDigits('振込依頼人コード', 72, 10)),
        payerName: f.text('振込依頼人名', 82, 48),
        remitterBank: f.text('仕向銀行名', 130, 15),
        remitterBranch: f.text('仕向店名', 145, 15),
        description: f.text('摘要内容', 160, 20),
        edi: f.text('EDI情報', 180, 20),
      });
      counted++;
    } else if (kind === '8') {
      if (!current) {
        fail('ヘッダレコードの前にトレーラレコードがあります', 'trailer before any header');
        continue;
      }
      if (current.skipped) {
        const dataCount = f.number('データ・レコード件数', 55, 7);
        if (dataCount !== current.other)
          f.fail(
            'データ・レコード件数',
            55,
            7,
            String(dataCount),
            `明細と合いません（明細からは${current.other}）`,
            `does not agree with the data records (they give ${current.other})`,
          );
        problems.push(
          problem(
            file,
            current.record,
            '預金種目(63–63)',
            current.head.accountType,
            `口座${current.head.accountNumber}は通知・定期・積立定期の口座のため読み飛ばしました（入金消込の対象外）`,
            `account ${current.head.accountNumber} is a notice/time deposit account: skipped (nothing to reconcile)`,
            'warning',
          ),
        );
        skippedAccounts++;
        current = undefined;
        counted++;
        continue;
      }
      const inCount = f.number('入金件数', 2, 6);
      const inTotal = f.number('入金額合計', 8, 13);
      const outCount = f.number('出金件数', 21, 6);
      const outTotal = f.number('出金額合計', 27, 13);
      const overdraft = f.digits('貸越区分', 40, 1);
      const closingRaw = f.number('取引後残高', 41, 14);
      const dataCount = f.number('データ・レコード件数', 55, 7);
      const closing = overdraft === '2' ? -closingRaw : closingRaw;
      const ins = current.lines.filter((l) => l.direction === 'in');
      const outs = current.lines.filter((l) => l.direction === 'out');
      const sumIn = ins.reduce((s, l) => s + l.amount, 0);
      const sumOut = outs.reduce((s, l) => s + l.amount, 0);
      const check = (ok: boolean, name: string, start: number, length: number, value: number, expected: number) => {
        if (!ok)
          f.fail(
            name,
            start,
            length,
            String(value),
            `明細と合いません（明細からは${expected}）`,
            `does not agree with the data records (they give ${expected})`,
          );
      };
      check(inCount === ins.length, '入金件数', 2, 6, inCount, ins.length);
      check(inTotal === sumIn, '入金額合計', 8, 13, inTotal, sumIn);
      check(outCount === outs.length, '出金件数', 21, 6, outCount, outs.length);
      check(outTotal === sumOut, '出金額合計', 27, 13, outTotal, sumOut);
      check(dataCount === current.lines.length, 'データ・レコード件数', 55, 7, dataCount, current.lines.length);
      const expectedClosing = current.head.openingBalance + sumIn - sumOut;
      check(closing === expectedClosing, '取引後残高', 41, 14, closing, expectedClosing);
      accounts.push({ ...current.head, closingBalance: closing, lines: current.lines });
      current = undefined;
      counted++;
    } else if (kind === '9') {
      if (current) fail('トレーラレコードがないままエンドレコードがあります', 'end record without a trailer before it');
      const total = f.number('レコード総件数', 2, 10);
      const accountCount = f.number('口座数', 12, 5);
      // Banks differ on whether レコード総件数 counts the end record itself; both are accepted.
      if (total !== counted && total !== counted + 1) {
        f.fail(
          'レコード総件数',
          2,
          10,
          String(total),
          `レコード数と合いません（${counted}件）`,
          `does not agree with the records read (${counted})`,
        );
      }
      const accountsSeen = accounts.length + skippedAccounts;
      if (accountCount !== accountsSeen) {
        f.fail(
          '口座数',
          12,
          5,
          String(accountCount),
          `口座数と合いません（${accountsSeen}口座）`,
          `does not agree with the accounts read (${accountsSeen})`,
        );
      }
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
  return problems.some(isError) ? { accounts: [], problems } : { accounts, problems };
}
