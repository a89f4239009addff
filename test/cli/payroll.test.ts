import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { extractText } from '../helpers/pdf.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/payroll');

let dir: string;
let out: string;
let err: string;
const io = () => ({
  out: (t: string) => {
    out += t;
  },
  err: (t: string) => {
    err += t;
  },
  cwd: dir,
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-payroll-'));
  out = '';
  err = '';
  for (const f of ['employees.csv', 'attendance.csv', 'bonuses.csv', 'company.json'])
    writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, f)));
});

const run = (...args: string[]) => main(args, io());
const base = ['payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25'];

describe('urakata payroll', () => {
  it('writes the table (CSV with BOM), the 全銀 file, and nothing else', async () => {
    expect(await run(...base, '--out', 'out/payroll.csv', '--zengin', 'out/zengin.txt', '--company', 'company.json')).toBe(0);
    const csv = readFileSync(join(dir, 'out/payroll.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'employee_id,name,standard_monthly,gross_pay,overtime_pay,commute_allowance,taxable_pay,health_insurance,child_support,pension,employment_insurance,social_insurance_total,income_tax,resident_tax,other_deduction,total_deduction,net_pay,employer_health_insurance,employer_child_support,employer_pension,employer_child_contribution,employer_employment_insurance,year_end_adjustment,pay_date,pay_kind',
    );
    expect(lines).toHaveLength(6);
    // the Tokyo employee of the hand-checked payslip in test/core/payroll/monthly.test.ts
    expect(lines[1]).toBe(
      '1001,山田 太郎,440000,467313,40313,12000,386976,25234,506,40260,2337,68337,8250,23000,3000,102587,364726,25234,506,40260,1584,3971,0,2026-05-25,salary',
    );
    const zengin = readFileSync(join(dir, 'out/zengin.txt'));
    expect(zengin.length).toBe((1 + 5 + 2) * 122);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['payroll.csv', 'zengin.txt']);
  });

  it('refuses an employees file with a header and no employee (the wrong sheet saved), for payroll, bonus and nencho, writing nothing', async () => {
    // It had written a table of nobody, and an empty 全銀 file, and exited 0.
    const header = readFileSync(join(EXAMPLES, 'employees.csv'), 'utf8').split(/\r?\n/)[0];
    writeFileSync(join(dir, 'nobody.csv'), `${header}\n,,,,\n`);
    const nobody = base.map((a) => (a === 'employees.csv' ? 'nobody.csv' : a));
    expect(await run(...nobody, '--out', 'out/payroll.csv', '--zengin', 'out/zengin.txt', '--company', 'company.json')).toBe(1);
    expect(err).toContain('nobody.csv: 社員の行がありません（見出しの行だけです） / no employee rows (only the header)');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    err = '';
    const bonus = ['bonus', '--employees', 'nobody.csv', '--bonuses', 'bonuses.csv', '--pay-date', '2026-07-10', '--out', 'b.csv'];
    expect(await run(...bonus)).toBe(1);
    expect(err).toContain('社員の行がありません');
    expect(existsSync(join(dir, 'b.csv'))).toBe(false);
  });

  it('writes JSON when --out ends in .json', async () => {
    expect(await run(...base, '--out', 'payroll.json')).toBe(0);
    const rows = JSON.parse(readFileSync(join(dir, 'payroll.json'), 'utf8'));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ employee_id: '1001', net_pay: 364_726 });
  });

  it("--same-month-collection deducts the pay month's premium: 支援金 already in April 2026 pay", async () => {
    const april = ['payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-04-24'];
    expect(await run(...april, '--out', 'next.json')).toBe(0);
    expect(await run(...april, '--same-month-collection', '--out', 'same.json')).toBe(0);
    const first = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'))[0];
    expect(first('next.json').child_support).toBe(0);
    // 440,000 × 0.23 % = 1,012 → 506
    expect(first('same.json').child_support).toBe(506);
  });

  it('prints CSV on stdout without --out', async () => {
    expect(await run(...base)).toBe(0);
    expect(out.split('\r\n')[0]?.startsWith('employee_id,name,')).toBe(true);
    expect(err).toContain('5名');
  });

  it('accepts English headers', async () => {
    writeFileSync(
      join(dir, 'en.csv'),
      'employee_id,name,birth_date,prefecture,monthly_salary,dependents,tax_column\r\nA1,Ann,1990-01-01,13,300000,0,kou\r\n',
    );
    writeFileSync(join(dir, 'att.csv'), 'employee_id,overtime_hours\r\n');
    expect(await run('payroll', '--employees', 'en.csv', '--attendance', 'att.csv', '--pay-date', '2026-05-25')).toBe(0);
    expect(out).toContain('A1,Ann,300000,300000,0,0,');
  });

  it('rejects bad input with every problem (file, row, column) and writes nothing', async () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      [
        '社員番号,氏名,生年月日,都道府県,基本給,扶養親族等の数,税額表,銀行コード,支店コード,預金種目,口座番号,口座名義カナ',
        '1,甲野,1980-01-01,東京都,300000,0,甲,0001,001,普通,1234567,コウノ',
        '2,乙野,1980-01-01,ムー大陸,300000,0,甲,0001,001,普通,1234567,オツノ',
        '3,丙野,1980-01-01,大阪,-5000,0,甲,0001,001,普通,1234567,ヘイノ',
        '4,丁野,1980-01-01,大阪,300000,2,乙,0001,001,普通,1234567,テイノ',
        '5,戊野,1980-01-01,大阪,300000,0,甲,,,,,',
        '6,己野,1980-01-01,大阪,300000,0,甲,0001,001,普通,1234567,己野',
      ].join('\r\n'),
    );
    const code = await run(
      ...base.slice(0, 2),
      'bad.csv',
      ...base.slice(3),
      '--out',
      'o.csv',
      '--zengin',
      'z.txt',
      '--company',
      'company.json',
    );
    expect(code).toBe(1);
    const lines = err.trim().split('\n');
    const has = (text: string) =>
      expect(
        lines.some((l) => l.includes(text)),
        text,
      ).toBe(true);
    has('bad.csv 3行目 列「都道府県」 値「ムー大陸」');
    has('bad.csv 4行目 列「基本給」 値「-5000」');
    // Problems found after reading name the column as the header wrote it, like the cell problems.
    has('bad.csv 5行目 列「扶養親族等の数」 値「2」');
    expect(
      lines.filter((l) => l.includes('bad.csv 5行目')),
      'reported once',
    ).toHaveLength(1);
    for (const c of ['銀行コード', '支店コード', '預金種目', '口座番号', '口座名義カナ']) has(`bad.csv 6行目 列「${c}」`);
    has('bad.csv 7行目 列「口座名義カナ」 値「己野」');
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
    expect(existsSync(join(dir, 'z.txt'))).toBe(false);
  });

  it('warns when an account holder is longer than the 30 characters of the 全銀 record, and transfers the first 30', async () => {
    // In 全銀 kana ｶ)ｻﾝﾌﾟﾙｼﾖｳｼﾞﾎ-ﾙﾃﾞｲﾝｸﾞｽﾔﾏﾀﾞﾀﾛｳｼﾞﾛｳ: every voiced mark is a character of its own — 33 in all.
    const long = 'カ）サンプルシヨウジホールデイングスヤマダタロウジロウ';
    const csv = readFileSync(join(dir, 'employees.csv'), 'utf8').replace(/,ヤマダ タロウ(\r?\n)/, `,${long}$1`);
    writeFileSync(join(dir, 'employees.csv'), csv);
    expect(await run(...base, '--zengin', 'z.txt', '--company', 'company.json')).toBe(0);
    expect(err, 'a warning rejects no one: all five are paid').toContain('5名');
    expect(err).toContain('列「口座名義カナ」');
    expect(err).toContain('先頭30文字「ｶ)ｻﾝﾌﾟﾙｼﾖｳｼﾞﾎ-ﾙﾃﾞｲﾝｸﾞｽﾔﾏﾀﾞﾀﾛｳｼ」');
    // In each data record (120 bytes, half-width: one byte a character) 受取人名 is bytes 51–80,
    // after 区分 1, bank 4+15, branch 3+15, 交換所 4, 種目 1, 口座 7.
    const records = new TextDecoder('shift_jis').decode(readFileSync(join(dir, 'z.txt'))).split('\r\n');
    const names = records.filter((r) => r.startsWith('2')).map((r) => r.slice(50, 80));
    expect(names).toContain('ｶ)ｻﾝﾌﾟﾙｼﾖｳｼﾞﾎ-ﾙﾃﾞｲﾝｸﾞｽﾔﾏﾀﾞﾀﾛｳｼ');
    expect(names).toContain(`${'ｻﾄｳ ﾊﾅｺ'.padEnd(30, ' ')}`);
  });

  it('refuses a pay date outside the known tables, naming --pay-date', async () => {
    expect(
      await run('payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2028-01-25', '--out', 'o.csv'),
    ).toBe(1);
    expect(err).toContain('--pay-date');
    expect(err).toContain('2027-12');
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
  });

  it('names --withholding-method computer for a year without a monthly table, and the 乙 row it cannot serve', async () => {
    const december2025 = ['payroll', '--employees', 'employees.csv', '--attendance', 'attendance.csv', '--pay-date', '2025-12-25'];
    expect(await run(...december2025)).toBe(1);
    expect(err).toContain('--withholding-method computer');
    err = '';
    expect(await run(...december2025, '--withholding-method', 'computer')).toBe(1);
    // only the 乙 employee (row 6) is refused: the computer method covers 甲 only
    expect(err).toContain('employees.csv 6行目 列「税額表」 値「乙」');
    expect(err).toContain('1件のエラー');
  });

  it('reports an attendance line for an unknown employee and overtime without scheduled hours', async () => {
    writeFileSync(
      join(dir, 'e.csv'),
      'employee_id,name,birth_date,prefecture,monthly_salary,dependents,tax_column\r\n1,A,1990-01-01,13,300000,0,甲\r\n',
    );
    writeFileSync(join(dir, 'a.csv'), 'employee_id,overtime_hours\r\n1,10\r\n9,5\r\n');
    expect(await run('payroll', '--employees', 'e.csv', '--attendance', 'a.csv', '--pay-date', '2026-05-25')).toBe(1);
    expect(err).toContain('a.csv 3行目 列「employee_id」 値「9」');
    // With Japanese headers, the same problem names 社員番号.
    writeFileSync(join(dir, 'a2.csv'), '社員番号,時間外\r\n1,10\r\n9,5\r\n');
    expect(await run('payroll', '--employees', 'e.csv', '--attendance', 'a2.csv', '--pay-date', '2026-05-25')).toBe(1);
    expect(err).toContain('a2.csv 3行目 列「社員番号」 値「9」');
    expect(err).toContain('e.csv 2行目 列「scheduled_hours」');
  });

  it('writes one payslip PDF per employee with --payslips', async () => {
    expect(await run(...base, '--out', 'p.csv', '--payslips', 'slips')).toBe(0);
    const files = readdirSync(join(dir, 'slips')).sort();
    expect(files).toEqual(['1001.pdf', '1002.pdf', '1003.pdf', '1004.pdf', '1005.pdf']);
    expect(
      readFileSync(join(dir, 'slips', '1001.pdf'))
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('says which PDFs in the payslip folder this run did not make (an earlier run’s, of someone not paid now), and keeps them', async () => {
    // Last month's slip of a leaver had sat among this month's with nothing said.
    mkdirSync(join(dir, 'slips'));
    writeFileSync(join(dir, 'slips', '1099.pdf'), '%PDF-1.7 last month');
    writeFileSync(join(dir, 'slips', 'memo.txt'), 'not a slip');
    expect(await run(...base, '--out', 'p.csv', '--payslips', 'slips')).toBe(0);
    expect(err).toContain('slips: 今回の実行で作っていない PDF が1件あります（前の実行の残りでは？ 配る前に確かめてください）: 1099.pdf');
    expect(err).toContain('1 PDF(s) this run did not make');
    expect(readdirSync(join(dir, 'slips')).sort()).toEqual([
      '1001.pdf',
      '1002.pdf',
      '1003.pdf',
      '1004.pdf',
      '1005.pdf',
      '1099.pdf',
      'memo.txt',
    ]);
    // None left over: nothing said.
    err = '';
    rmSync(join(dir, 'slips', '1099.pdf'));
    expect(await run(...base, '--out', 'p.csv', '--payslips', 'slips')).toBe(0);
    expect(err).not.toContain('PDF');
  });

  it('prints the company on the payslip by its name, not its 全銀 kana', async () => {
    expect(await run(...base, '--zengin', 'z.txt', '--company', 'company.json', '--payslips', 'slips', '--out', 'p.csv')).toBe(0);
    const text = extractText(readFileSync(join(dir, 'slips', '1001.pdf')));
    expect(text).toContain('株式会社ウラカタ');
    expect(text).not.toContain('ｳﾗｶﾀ');
    // Payslips alone (no 全銀 file) carry the company too.
    expect(await run(...base, '--company', 'company.json', '--payslips', 'slips-only')).toBe(0);
    expect(extractText(readFileSync(join(dir, 'slips-only', '1001.pdf')))).toContain('株式会社ウラカタ');
  });

  it('refuses a net pay past the 全銀 record’s 10 digits, naming its row, and a 全銀 file with no transfer in it; nothing is written', async () => {
    const employees = readFileSync(join(dir, 'employees.csv'), 'utf8');
    writeFileSync(
      join(dir, 'rich.csv'),
      employees.replace(
        '1001,山田 太郎,ヤマダ タロウ,1980-04-15,東京都,380000',
        '1001,山田 太郎,ヤマダ タロウ,1980-04-15,東京都,20000000000',
      ),
    );
    const rich = ['payroll', '--employees', 'rich.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25'];
    expect(await run(...rich, '--zengin', 'z.txt', '--company', 'company.json', '--out', 'p.csv')).toBe(1);
    expect(err).toMatch(/rich\.csv 2行目 列「net_pay」.*全銀の振込金額は10桁/);
    expect(existsSync(join(dir, 'z.txt'))).toBe(false);
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);

    err = '';
    writeFileSync(join(dir, 'none.csv'), `${employees.split(/\r?\n/)[0]}\n`);
    const none = ['payroll', '--employees', 'none.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25'];
    expect(await run(...none, '--zengin', 'z.txt', '--company', 'company.json')).toBe(1);
    expect(err).toContain('振込する差引支給額がありません');
    expect(existsSync(join(dir, 'z.txt'))).toBe(false);
  });

  it('is a usage error to ask for --zengin without --company', async () => {
    expect(await run(...base, '--zengin', 'z.txt')).toBe(2);
  });
});

describe('urakata bonus', () => {
  it('writes the same columns, one row per bonus', async () => {
    expect(
      await run('bonus', '--employees', 'employees.csv', '--bonuses', 'bonuses.csv', '--pay-date', '2026-07-10', '--out', 'bonus.csv'),
    ).toBe(0);
    const lines = readFileSync(join(dir, 'bonus.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    // the Osaka bonus of test/core/payroll/bonus.test.ts
    expect(lines.find((l) => l.startsWith('1003,'))).toBe(
      '1003,鈴木 一郎,650000,650000,0,0,548341,38187,747,59475,3250,101659,22394,0,0,124053,525947,38188,748,59475,2340,5525,0,2026-07-10,bonus',
    );
  });

  it('reads the calculation period and the month’s earlier bonuses, and names a bad period by row and column', async () => {
    writeFileSync(
      join(dir, 'b2.csv'),
      '社員番号,賞与額,前月の社会保険料等控除後の給与,賞与の計算期間（月数）,同月の既支給標準賞与額\n1001,800000,352000,12,1500000\n1002,500000,230000,13,0\n',
    );
    expect(
      await run('bonus', '--employees', 'employees.csv', '--bonuses', 'b2.csv', '--pay-date', '2026-07-10', '--out', 'b2-out.csv'),
    ).toBe(1);
    expect(err).toContain('b2.csv 3行目 列「賞与の計算期間（月数）」 値「13」');
    expect(existsSync(join(dir, 'b2-out.csv'))).toBe(false);
  });
});

describe('an output never replaces an input', () => {
  it('refuses --out naming the employees file (or the bonuses file), writing nothing, the input kept', async () => {
    // It had written the payroll table over the employee master, bank accounts and all, and exited 0.
    const before = readFileSync(join(dir, 'employees.csv'));
    expect(await run(...base, '--out', 'employees.csv')).toBe(1);
    expect(err).toContain('employees.csv');
    expect(Buffer.compare(readFileSync(join(dir, 'employees.csv')), before)).toBe(0);
    const bonuses = readFileSync(join(dir, 'bonuses.csv'));
    const bonus = ['bonus', '--employees', 'employees.csv', '--bonuses', 'bonuses.csv', '--pay-date', '2026-07-10'];
    expect(await run(...bonus, '--out', './bonuses.csv')).toBe(1);
    expect(Buffer.compare(readFileSync(join(dir, 'bonuses.csv')), bonuses)).toBe(0);
  });
});
