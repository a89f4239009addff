/**
 * 振込手数料 for 総合振込, and the 先方負担 deduction: when the payee bears the fee (先方負担), the
 * payer deducts the fee of its own bank's table from the payment and transfers the rest. The fee
 * depends on where the money goes (同一店 the same branch, 本支店 another branch of the same bank,
 * 他行 another bank) and on a band of the 支払金額 — the amount owed, before the deduction, which is
 * how banks' FB services compute the 先方負担手数料 (docs/payments.md).
 */
import type { IsoDate } from '../../dates/calendar.js';
import { InputError, problem } from '../../errors.js';
import type { Yen } from '../../money/yen.js';

/** One amount band: the fee for payments of `from` yen or more (up to the next band's `from`). */
export interface TransferFeeBand {
  readonly from: Yen;
  /** 同一店宛: the payee's account is at the payer's own branch. */
  readonly sameBranch: Yen;
  /** 本支店宛: another branch of the payer's bank. */
  readonly sameBank: Yen;
  /** 他行宛: another bank. */
  readonly otherBank: Yen;
}

export interface TransferFeeTable {
  /** First 振込指定日 the table applies to. */
  readonly from: IsoDate;
  /** Bands in ascending `from`, the first from 1 yen. */
  readonly bands: readonly TransferFeeBand[];
  readonly source: string;
}

/**
 * The default table: a regional bank's published 法人向けインターネットバンキング fees, three
 * destinations × two bands (3万円未満 / 3万円以上), the shape most banks publish. A company whose
 * bank charges otherwise gives its own table in the company file (`transfer_fees`).
 */
export const DEFAULT_TRANSFER_FEE_TABLES: readonly TransferFeeTable[] = [
  {
    // The page states no date; its 他行宛 fees are those after 2021-10-01, when the 内国為替制度運営費
    // (62 yen) replaced the 銀行間手数料 and the banks lowered their 他行宛 fees. Before that this
    // table does not apply.
    from: '2021-10-01',
    bands: [
      { from: 1, sameBranch: 0, sameBank: 110, otherBank: 380 },
      { from: 30_000, sameBranch: 0, sameBank: 330, otherBank: 550 },
    ],
    source: '豊和銀行「手数料一覧」振込手数料 インターネットバンキング（法人向け） https://www.howabank.co.jp/fee/',
  },
];

/** Where a transfer goes, seen from the paying account. */
export type TransferDestination = 'sameBranch' | 'sameBank' | 'otherBank';

/**
 * @example transferDestination({bankCode: '0001', branchCode: '001'}, {bankCode: '0001', branchCode: '002'}) // 'sameBank'
 */
export function transferDestination(
  from: { readonly bankCode: string; readonly branchCode: string },
  to: { readonly bankCode: string; readonly branchCode: string },
): TransferDestination {
  if (Number(from.bankCode) !== Number(to.bankCode)) return 'otherBank';
  return Number(from.branchCode) === Number(to.branchCode) ? 'sameBranch' : 'sameBank';
}

/**
 * The fee of a payment of `amount` yen (支払金額) by the table.
 * @example transferFee(DEFAULT_TRANSFER_FEE_TABLES[0].bands, 'otherBank', 30_000) // 550
 */
export function transferFee(bands: readonly TransferFeeBand[], destination: TransferDestination, amount: Yen): Yen {
  let fee: Yen | undefined;
  for (const band of bands) if (amount >= band.from) fee = band[destination];
  if (fee === undefined) throw new RangeError(`振込手数料: ${amount}円の帯がありません / no band for ${amount} yen`);
  return fee;
}

/**
 * The default table in force on a 振込指定日; a date before every table is refused, naming the first.
 * @example defaultTransferFeeTable('2026-06-30').bands[1].otherBank // 550
 */
export function defaultTransferFeeTable(date: IsoDate): TransferFeeTable {
  const table = [...DEFAULT_TRANSFER_FEE_TABLES].reverse().find((t) => t.from <= date);
  if (!table) {
    const first = DEFAULT_TRANSFER_FEE_TABLES[0]?.from ?? '';
    throw new InputError([
      problem(
        '',
        0,
        'date',
        date,
        `振込手数料の既定の表は${first}以降の振込指定日の分しかありません（会社ファイルの transfer_fees で指定してください）`,
        `the default transfer-fee table applies from ${first}; give the company's own in transfer_fees`,
      ),
    ]);
  }
  return table;
}

/**
 * Checks a fee table given as JSON (`transfer_fees` in the company file): a list of bands
 * `{from, same_branch, same_bank, other_bank}` in whole yen, the first from 0 or 1, `from` rising.
 * Returns the bands or a message.
 */
export function parseTransferFeeBands(json: unknown): { bands: TransferFeeBand[] } | { message_ja: string; message_en: string } {
  const wrong = {
    message_ja:
      '振込手数料の表は [{"from": 1, "same_branch": 0, "same_bank": 110, "other_bank": 380}, …] の形で、金額は0以上の整数の円です',
    message_en: 'transfer_fees is a list of {"from", "same_branch", "same_bank", "other_bank"} in whole yen (0 or more)',
  };
  if (!Array.isArray(json) || json.length === 0) return wrong;
  const bands: TransferFeeBand[] = [];
  for (const item of json) {
    if (typeof item !== 'object' || item === null) return wrong;
    const o = item as Record<string, unknown>;
    const values = [o.from, o.same_branch, o.same_bank, o.other_bank];
    if (!values.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) return wrong;
    const [from, sameBranch, sameBank, otherBank] = values as [number, number, number, number];
    bands.push({ from, sameBranch, sameBank, otherBank });
  }
  const rising = bands.every((b, i) => i === 0 || b.from > (bands[i - 1]?.from ?? 0));
  if ((bands[0]?.from ?? 0) > 1 || !rising) {
    return {
      message_ja: '振込手数料の表の from は0か1から始めて昇順にしてください',
      message_en: 'transfer_fees bands must start at from 0 or 1 and rise',
    };
  }
  return { bands };
}
