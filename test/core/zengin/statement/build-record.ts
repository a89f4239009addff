/**
 * Builds 全銀 fixed-length records byte by byte from (position, text) pairs, independently of
 * the reader, so the reader's field positions are checked against the format tables.
 */
export type Field = readonly [start: number, text: string];

/** JIS X 0201: ASCII as is (¥ is 0x5C), half-width katakana U+FF61–U+FF9F → 0xA1–0xDF. */
export function jisX0201(text: string): number[] {
  return [...text].map((c) => {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '¥') return 0x5c;
    if (cp >= 0x20 && cp <= 0x7e) return cp;
    if (cp >= 0xff61 && cp <= 0xff9f) return cp - 0xff61 + 0xa1;
    throw new Error(`not JIS X 0201: ${c}`);
  });
}

export function record(length: number, fields: readonly Field[]): Uint8Array {
  const bytes = new Uint8Array(length).fill(0x20);
  for (const [start, text] of fields) {
    const b = jisX0201(text);
    if (start - 1 + b.length > length) throw new Error(`field at ${start} overflows`);
    bytes.set(b, start - 1);
  }
  return bytes;
}

export const num = (value: number | string, width: number): string => String(value).padStart(width, '0');
export const txt = (value: string, width: number): string => value.padEnd(width, ' ');

export function join(records: readonly Uint8Array[], newline = true): Uint8Array {
  const sep = newline ? [0x0d, 0x0a] : [];
  const out: number[] = [];
  for (const r of records) out.push(...r, ...sep);
  return Uint8Array.from(out);
}

export interface Line03 {
  inquiry: string;
  date: string;
  io: 1 | 2;
  kind: string;
  amount: number;
  payer?: string;
  payerCode?: string;
  bank?: string;
  branch?: string;
  memo?: string;
  edi?: string;
  cheque?: string;
}

/** A whole 入出金取引明細 file for one account; totals computed unless overridden. */
export function file03(opening: number, lines: readonly Line03[], override: { closing?: number; inCount?: number } = {}): Uint8Array {
  return file03Accounts([{ number: 1234567, opening, lines, override }]);
}

/** A 入出金取引明細 file holding several accounts, each header, data and trailer in turn. */
export function file03Accounts(
  accounts: readonly {
    number: number;
    opening: number;
    lines: readonly Line03[];
    override?: { closing?: number; inCount?: number };
    /** 預金種目 (default 1 普通). */
    depositKind?: string;
  }[],
): Uint8Array {
  const blocks = accounts.flatMap((a) => account03(a.number, a.opening, a.lines, a.override ?? {}, a.depositKind ?? '1'));
  const end = record(200, [
    [1, '9'],
    [2, num(blocks.length, 10)],
    [12, num(accounts.length, 5)],
  ]);
  return join([...blocks, end]);
}

function account03(
  account: number,
  opening: number,
  lines: readonly Line03[],
  override: { closing?: number; inCount?: number },
  depositKind: string,
): Uint8Array[] {
  const header = record(200, [
    [1, '1'],
    [2, '03'],
    [4, '0'],
    [5, '080601'],
    [11, '080601'],
    [17, '080630'],
    [23, '0005'],
    [27, 'ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ'],
    [42, '123'],
    [45, 'ﾄｳｷﾖｳ'],
    [60, '000'],
    [63, depositKind],
    [64, num(account, 10)],
    [74, 'ｶ)ｳﾗｶﾀ'],
    [114, '1'],
    [115, '1'],
    [116, num(opening, 14)],
  ]);
  const data = lines.map((l) =>
    record(200, [
      [1, '2'],
      [2, l.inquiry],
      [10, l.date],
      [16, l.date],
      [22, String(l.io)],
      [23, l.kind],
      [25, num(l.amount, 12)],
      [37, num(0, 12)],
      [49, '000000'],
      [55, '000000'],
      [61, l.cheque ? '1' : '0'],
      [62, num(l.cheque ?? 0, 7)],
      [69, '000'],
      [72, num(l.payerCode ?? 0, 10)],
      [82, l.payer ?? ''],
      [130, l.bank ?? ''],
      [145, l.branch ?? ''],
      [160, l.memo ?? ''],
      [180, l.edi ?? ''],
    ]),
  );
  const ins = lines.filter((l) => l.io === 1);
  const outs = lines.filter((l) => l.io === 2);
  const sum = (ls: Line03[]) => ls.reduce((s, l) => s + l.amount, 0);
  const closing = override.closing ?? opening + sum(ins) - sum(outs);
  const trailer = record(200, [
    [1, '8'],
    [2, num(override.inCount ?? ins.length, 6)],
    [8, num(sum(ins), 13)],
    [21, num(outs.length, 6)],
    [27, num(sum(outs), 13)],
    [40, '1'],
    [41, num(closing, 14)],
    [55, num(lines.length, 7)],
  ]);
  return [header, ...data, trailer];
}
