import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../functions/fonts.js';
import { InputError, problemLine } from '../../../core/errors.js';
import { employeesCsv } from '../../../core/sheet-functions/payroll.js';
import { matrixToCsvText } from '../../../core/sheet-functions/cells.js';
import { yearEndRequest } from '../../../core/sheet-functions/nencho.js';
import { withholdingSlipsZip } from '../../../core/sheet-functions/withholding-slips.js';
import { runYearEnd } from '../../../core/payroll/year-end/run.js';
import { renderWithholdingSlip } from '../../../core/payroll/year-end/slip.js';
import { extractText } from '../../helpers/pdf.js';
import { NTA_DECLARATIONS, NTA_EMPLOYEES, NTA_TOTALS } from './cases.js';

/** The entries of a ZIP as the system's unzip reads them (an independent reader). */
function unzip(bytes: Uint8Array): { names: string[]; test: string; file(name: string): Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'urakata-slips-'));
  const file = join(dir, 'a.zip');
  writeFileSync(file, bytes);
  try {
    const test = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    const names = execFileSync('zipinfo', ['-1', file], { encoding: 'utf8' }).trim().split('\n');
    const contents = new Map(names.map((n) => [n, new Uint8Array(execFileSync('unzip', ['-p', file, n]))]));
    return { names, test, file: (n) => contents.get(n) ?? new Uint8Array() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The NTA example, an employee on 乙欄 (a slip without the adjustment: 年調未済), and an id that
// is no file name as it stands.
const employees = [...NTA_EMPLOYEES, ['E/2', '高橋 健', '2000-07-07', '東京都', 180_000, 0, '乙']];
const totals = [...NTA_TOTALS, ['E/2', 2_160_000, 300_000, 320_000]];
const request = (declarations: (string | number)[][] = NTA_DECLARATIONS) =>
  yearEndRequest(2026, { name: '社員', values: employees }, { name: '申告書', values: declarations }, [
    { name: '年間合計', values: totals },
  ]);
const payer = { json: { name: '株式会社ウラカタ', address: '東京都千代田区丸の内一丁目1番1号', phone: '03-1234-5678' }, file: '設定' };

describe('源泉徴収票 ZIP for the panes', () => {
  it('holds one slip per employee, named as urakata nencho --slips names them, the same bytes it renders', async () => {
    const fonts = japaneseFonts();
    const zip = await withholdingSlipsZip(request(), fonts, payer);
    expect(zip).toMatchObject({ name: 'withholding-slips-2026.zip', count: 2, problems: [] });
    const r = unzip(zip.bytes);
    expect(r.test).toContain('No errors detected');
    expect(r.names).toEqual(['1001.pdf', 'E_2.pdf']);
    // What the CLI renders from the same data given as files.
    const cli = runYearEnd(
      2026,
      { data: employeesCsv(employees), file: 'employees.csv' },
      { data: matrixToCsvText(NTA_DECLARATIONS), file: 'declarations.csv' },
      { totals: { data: matrixToCsvText(totals), file: 'totals.csv' } },
    );
    const first = cli.results[0];
    if (!first) throw new Error('no result');
    const expected = await renderWithholdingSlip(first, { fonts, year: 2026, payer: payer.json });
    expect(Buffer.from(r.file('1001.pdf')).equals(Buffer.from(expected))).toBe(true);
    const text = extractText(r.file('1001.pdf'));
    for (const s of ['8,970,000', '41,400', '株式会社ウラカタ']) expect(text).toContain(s);
    expect(extractText(r.file('E_2.pdf'))).toContain('年調未済');
  }, 60_000);

  it('leaves out the employee a bad row touches and lists the row; refuses a bad payer, or nobody left', async () => {
    const fonts = japaneseFonts();
    // E/2 is on 乙欄 and needs no declaration, but a row given for them with a bad cell holds them back.
    const zip = await withholdingSlipsZip(request([...NTA_DECLARATIONS, ['E/2', '', 'x']]), fonts);
    expect(zip.count).toBe(1);
    expect(unzip(zip.bytes).names).toEqual(['1001.pdf']);
    expect(zip.problems.map(problemLine)).toEqual([
      expect.stringMatching(/^申告書 3行目 \/ row 3 列「特定扶養」\/ column 特定扶養 値「x」: /),
    ]);

    const nobody = await withholdingSlipsZip(request([NTA_DECLARATIONS[0] ?? [], ['1001', '', 'x'], ['E/2', '', 'x']]), fonts).catch(
      (e: unknown) => e,
    );
    expect(nobody).toBeInstanceOf(InputError);
    expect((nobody as InputError).problems.map((p) => [p.row, p.column])).toEqual([
      [2, '特定扶養'],
      [3, '特定扶養'],
    ]);

    const badPayer = await withholdingSlipsZip(request(), fonts, { json: { phone: 'x' }, file: '設定' }).catch((e: unknown) => e);
    expect(badPayer).toBeInstanceOf(InputError);
    expect((badPayer as InputError).problems.map(problemLine)).toEqual([
      '設定 列「name」/ column name: 支払者の氏名又は名称がありません / name is missing',
      expect.stringMatching(/^設定 列「phone」\/ column phone 値「x」: /),
    ]);
  }, 60_000);
});
