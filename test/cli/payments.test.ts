import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { csvAsXlsx } from '../helpers/xlsx.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/payments');

let dir = '';
/** What the command printed: [stdout, stderr]. */
const printed: [string[], string[]] = [[], []];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-payments-'));
  printed[0].length = 0;
  printed[1].length = 0;
  for (const f of ['payables.csv', 'company.json']) writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, f)));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  main(args, {
    out: (t) => printed[0].push(t),
    err: (t) => printed[1].push(t),
    cwd: dir,
  });
const base = ['payments', '--payables', 'payables.csv', '--company', 'company.json', '--date', '2026-06-30', '--zengin', 'out/sogo.txt'];
const records = (path: string) => {
  const text = new TextDecoder('shift_jis', { fatal: true }).decode(readFileSync(join(dir, path)));
  return text.split('\r\n').slice(0, -1);
};
const listLines = (path: string) =>
  readFileSync(join(dir, path), 'utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
const BAD = '\nV9,悪い口座,0005,123,普通,12345678,ヤマダ,1000,当方,\nV10,漢字名義,0005,123,普通,1234567,山田,2000,当方,';

describe('urakata payments', () => {
  it('writes the 総合振込 file and the payment list of the examples', async () => {
    expect(await run(...base, '--list', 'out/list.csv')).toBe(0);
    const rs = records('out/sogo.txt');
    expect(rs.map((r) => r.length)).toEqual(Array(9).fill(120));
    expect(rs.map((r) => r[0]).join('')).toBe('122222289');
    expect(rs[0]?.slice(0, 14)).toBe('12101234567890'); // 区分 1, 種別 21, JIS, 振込依頼人コード
    // 6 payments: 565,400 owed, 1,260 deducted for 先方負担 (550 + 330 + 380; the same-branch one is free)
    expect(rs[7]?.slice(0, 19)).toBe('8000006000000564140');
    const list = listLines('out/list.csv');
    expect(list[0]).toBe(
      'status,row,vendor_id,vendor_name,bank_code,branch_code,account_type,account_number,account_holder,destination,amount,fee_burden,bank_fee,fee_deducted,transferred,reference,debit_account,column,reason',
    );
    expect(list[3]).toBe('paid,4,V003,鈴木デザイン事務所,0001,001,1,2345678,ｽｽﾞｷ ﾀﾛｳ,同一店,28600,先方,0,0,28600,2026-05,,,');
    expect(printed[1].join('')).toContain('6件 振込指定日 2026-06-30');
    expect(printed[0].join('')).toBe('');
  });

  it('prints the list when --list is not given', async () => {
    expect(await run(...base)).toBe(0);
    expect(printed[0].join('').split('\r\n')[2]).toContain('paid,3,V002,有限会社佐藤工業');
  });

  it('a bad account is refused with row and column, and nothing is written', async () => {
    writeFileSync(join(dir, 'payables.csv'), readFileSync(join(EXAMPLES, 'payables.csv'), 'utf8').trimEnd() + BAD);
    expect(await run(...base, '--list', 'out/list.csv')).toBe(1);
    expect(printed[1].join('')).toContain('payables.csv 8行目 列「account_number」 値「12345678」');
    expect(printed[1].join('')).toContain('payables.csv 9行目 列「account_holder」 値「山田」');
    expect(printed[1].join('')).toContain('出力は作成していません');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--skip-refused pays the rest and lists the refused rows, exiting 1 as README says (something was refused)', async () => {
    writeFileSync(join(dir, 'payables.csv'), readFileSync(join(EXAMPLES, 'payables.csv'), 'utf8').trimEnd() + BAD);
    expect(await run(...base, '--list', 'out/list.csv', '--skip-refused')).toBe(1);
    expect(records('out/sogo.txt')).toHaveLength(9);
    const list = listLines('out/list.csv');
    expect(list.slice(7).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['refused,8,V9', 'refused,9,V10']);
    expect(list[8]).toContain(',account_holder,「山」は全銀の半角カナにできません');
    expect(printed[1].join('')).toContain('不可 2行');
  });

  it('a vendor name that looks like a formula is written as text in the list', async () => {
    writeFileSync(
      join(dir, 'payables.csv'),
      `${readFileSync(join(EXAMPLES, 'payables.csv'), 'utf8').trimEnd()}\nV7,=1+1,0005,123,普通,1234567,ヤマダ,1000,当方,`,
    );
    expect(await run(...base, '--list', 'out/list.csv')).toBe(0);
    expect(listLines('out/list.csv')[7]).toContain("paid,8,V7,'=1+1,");
  });

  it('refuses a transfer date on a bank holiday, naming --date', async () => {
    expect(await run(...base.slice(0, -4), '--date', '2026-07-20', '--zengin', 'out/sogo.txt')).toBe(1);
    expect(printed[1].join('')).toContain('コマンドライン / command line 列「--date」 値「2026-07-20」');
    expect(readdirSync(dir).sort()).toEqual(['company.json', 'payables.csv']);
  });

  it('writes one file per debit account, named by its id', async () => {
    const company = JSON.parse(readFileSync(join(EXAMPLES, 'company.json'), 'utf8'));
    const accounts = [
      { id: 'main', bank_code: '0001', branch_code: '001', account_number: '1111111' },
      {
        id: 'mufg',
        bank_code: '0005',
        bank_name: 'ミツビシユ-エフジエイ',
        branch_code: '123',
        account_type: '普通',
        account_number: '2222222',
      },
    ];
    writeFileSync(join(dir, 'company.json'), JSON.stringify({ ...company, debit_accounts: accounts }));
    const payables = readFileSync(join(EXAMPLES, 'payables.csv'), 'utf8').trimEnd().split('\n');
    // V001 (0005-123, 110,000 当方) is paid from the MUFG account: 同一店, fee 0
    const rows = payables.map((l, i) => `${l},${i === 0 ? 'debit_account' : i === 1 ? 'mufg' : ''}`);
    writeFileSync(join(dir, 'payables.csv'), rows.join('\n'));
    expect(await run(...base, '--list', 'out/list.csv')).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['list.csv', 'sogo-main.txt', 'sogo-mufg.txt']);
    const mufg = records('out/sogo-mufg.txt');
    expect(mufg.map((r) => r.slice(0, 1)).join('')).toBe('1289');
    expect(mufg[0]?.slice(58, 62)).toBe('0005');
    expect(mufg[2]?.slice(0, 19)).toBe('8000001000000110000');
    expect(records('out/sogo-main.txt')[6]?.slice(0, 19)).toBe('8000005000000454140');
    expect(listLines('out/list.csv')[1]).toContain(',同一店,110000,当方,0,0,110000,INV-2026-0601,mufg,,');
  });

  it('reads the payables from an Excel workbook: the same 全銀 bytes as from the CSV', async () => {
    writeFileSync(join(dir, 'payables.xlsx'), csvAsXlsx(readFileSync(join(EXAMPLES, 'payables.csv'), 'utf8'), '支払'));
    expect(await run(...base)).toBe(0);
    const args = ['payments', '--payables', 'payables.xlsx', '--sheet', '支払', '--company', 'company.json', '--date', '2026-06-30'];
    expect(await run(...args, '--zengin', 'out/sogo-xlsx.txt')).toBe(0);
    expect(readFileSync(join(dir, 'out/sogo-xlsx.txt')).equals(readFileSync(join(dir, 'out/sogo.txt')))).toBe(true);
  });

  it('--journal books each payment: 買掛金 of the vendor against 普通預金, 支払手数料 when 当方負担, tied to the list', async () => {
    expect(await run(...base, '--list', 'out/list.csv', '--journal', 'out/journal.csv')).toBe(0);
    const lines = listLines('out/journal.csv')
      .slice(1)
      .map((l) => l.split(','));
    const total = (side: string, account: string) =>
      lines.filter((l) => l[2] === side && l[3] === account).reduce((s, l) => s + Number(l[7]), 0);
    // 支払金額 565,400 cleared; 当方負担 fees 550 + 380 are the company's; 先方負担 1,260 left the account too
    expect(total('debit', '買掛金')).toBe(565_400);
    expect(total('debit', '支払手数料')).toBe(930);
    expect(total('credit', '普通預金')).toBe(566_330);
    expect(lines.filter((l) => l[3] === '買掛金').map((l) => l[4])).toEqual([
      '株式会社山田商店',
      '有限会社佐藤工業',
      '鈴木デザイン事務所',
      '合同会社ミナト物流',
      '田中税理士法人',
      '株式会社オオサワ電機',
    ]);
    expect(lines[0]?.[9]).toBe('株式会社山田商店 支払 INV-2026-0601');
  });

  it('--journal in 弥生 and マネーフォワード formats; a refused row writes no journal either', async () => {
    expect(await run(...base, '--journal', 'out/yayoi.txt', '--journal-format', 'yayoi')).toBe(0);
    const yayoi = new TextDecoder('shift_jis')
      .decode(readFileSync(join(dir, 'out/yayoi.txt')))
      .trimEnd()
      .split('\r\n');
    expect(yayoi[0]?.split(',')).toHaveLength(25);
    // 識別フラグ: a three-line slip is 2110 2100 2101; the same-branch 先方負担 payment (no fee) is one line, 2000
    const slip = ['2110', '2100', '2101'];
    expect(yayoi.map((l) => l.split(',')[0])).toEqual([...slip, ...slip, '2000', ...slip, ...slip, ...slip]);
    expect(await run(...base, '--journal', 'out/mf.csv', '--journal-format', 'mf')).toBe(0);
    expect(existsSync(join(dir, 'out/mf.csv'))).toBe(true);
    writeFileSync(join(dir, 'payables.csv'), readFileSync(join(EXAMPLES, 'payables.csv'), 'utf8').trimEnd() + BAD);
    expect(await run(...base.slice(0, -1), 'out2/sogo.txt', '--journal', 'out2/journal.csv')).toBe(1);
    expect(existsSync(join(dir, 'out2'))).toBe(false);
    expect(await run(...base, '--journal', 'j.csv', '--journal-format', 'freee')).toBe(2);
  });

  it('needs --zengin (exit 2) and is listed by urakata --help', async () => {
    expect(await run(...base.slice(0, -2))).toBe(2);
    expect(printed[1].join('')).toContain('--zengin');
    expect(await run('--help')).toBe(0);
    expect(printed[0].join('')).toContain('urakata payments --payables FILE');
  });
});
