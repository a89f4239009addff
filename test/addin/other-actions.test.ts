import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/csv/parse.js';
import { runPayroll, transferLines } from '../../core/payroll/run.js';
import { parseTransferCompany } from '../../core/zengin/transfer/company.js';
import { salaryTransferFile } from '../../core/zengin/transfer/file.js';
import { InputError } from '../../core/errors.js';
import { issueInvoices, selectedInvoiceLines } from '../../addin/taskpane/invoice-actions.js';
import { batchStatus, type Fetch, rejectedRows, sendBatch } from '../../addin/taskpane/invoice-api.js';
import { buildPayrollJournal, buildPayrollSheet, payrollTransferFile } from '../../addin/taskpane/payroll-actions.js';
import { decodeCp932 } from '../../core/csv/encoding.js';
import { DEFAULT_SETTINGS, type KeyValueStorage, loadSettings, saveSettings, type Settings } from '../../addin/taskpane/settings.js';
import { excelSerial as serial } from '../core/sheet-functions/cases.js';
import { mockWorkbook } from './mock-workbook.js';

const employees = [
  ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
  ['1', '山田', serial('1995-10-10'), '東京都', 300_000, 1, '甲', 160],
];
const attendance = [
  ['社員番号', '時間外'],
  ['1', 0],
];

/** The first data row of a sheet the pane wrote (header row first), by column name. */
function firstRow(wb: ReturnType<typeof mockWorkbook>, name: string): Record<string, unknown> {
  const sheet = wb.sheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const key = [...(sheet.ranges._properties as Map<string, unknown>).keys()].find((a) => a.startsWith('A1:') && a.endsWith('2')) ?? '';
  const [header, row] = sheet.ranges[key].values as unknown[][];
  return Object.fromEntries((header ?? []).map((k, i) => [k, row?.[i]]));
}

describe('給与 pane action (office-addin-mock)', () => {
  it('writes 給与_2026-12-25 from the employee and attendance ranges with core PAYROLL figures', async () => {
    const wb = mockWorkbook({
      社員: { ranges: { 'A1:H2': { values: employees } } },
      勤怠: { ranges: { 'A1:B2': { values: attendance } } },
    });
    const r = await buildPayrollSheet(wb.run, '社員!A1:H2', '勤怠!A1:B2', '2026-12-25');
    expect(r).toEqual({ sheet: '給与_2026-12-25', employees: 1 });
    const sheet = wb.sheet('給与_2026-12-25');
    if (!sheet) throw new Error('no payroll sheet');
    const key = [...(sheet.ranges._properties as Map<string, unknown>).keys()].find((a) => a.startsWith('A1:') && a.endsWith('2')) ?? '';
    const [header, row] = sheet.ranges[key].values as unknown[][];
    const byName = Object.fromEntries((header ?? []).map((k, i) => [k, row?.[i]]));
    // the December 2026 case of test/core/payroll/monthly.test.ts: SI 44,070, tax 4,710
    expect(byName).toMatchObject({
      employee_id: '1',
      social_insurance_total: 44_070,
      income_tax: 4_710,
      net_pay: 300_000 - 44_070 - 4_710,
    });
    expect(sheet.freezePanes.rows).toBe(1);
  });

  it('pays 時間外 typed as 12:00 in a [h]:mm cell as 12 hours, the same as 12 typed as a number', async () => {
    // The cell holds 0.5 (of a day): read as 0.5 hours it paid a twenty-fourth of the overtime.
    const overtime = async (value: number, format: string) => {
      const wb = mockWorkbook({
        社員: { ranges: { 'A1:H2': { values: employees } } },
        勤怠: {
          ranges: {
            'A1:B2': {
              values: [attendance[0] ?? [], ['1', value]],
              numberFormat: [
                ['General', 'General'],
                ['General', format],
              ],
            },
          },
        },
      });
      await buildPayrollSheet(wb.run, '社員!A1:H2', '勤怠!A1:B2', '2026-12-25');
      const sheet = wb.sheet('給与_2026-12-25');
      if (!sheet) throw new Error('no payroll sheet');
      const key = [...(sheet.ranges._properties as Map<string, unknown>).keys()].find((a) => a.startsWith('A1:') && a.endsWith('2')) ?? '';
      const [header, row] = sheet.ranges[key].values as unknown[][];
      return row?.[(header ?? []).indexOf('overtime_pay')];
    };
    const asClock = await overtime(0.5, '[h]:mm');
    expect(asClock).toBe(await overtime(12, 'General'));
    // 300,000 / 160 × 1.25 × 12 = 28,125
    expect(asClock).toBe(28_125);
  });

  it('settles the 年末調整 from the result range in December’s sheet, the 全銀 file and the 仕訳, and refuses a result that did not sum this pay', async () => {
    // The 年末調整 tab's sheet as Excel gives it back: the last pay summed as a date serial (46381 is 2026-12-25).
    const result = (through: number) => [
      ['employee_id', 'name', 'difference', 'status', 'year', 'pay_dates'],
      ['1', '山田', -5_000, 'adjusted', 2026, through],
    ];
    const book = (through: number) =>
      mockWorkbook({
        社員: { ranges: { 'A1:H2': { values: employees } } },
        勤怠: { ranges: { 'A1:B2': { values: attendance } } },
        年末調整: { ranges: { 'A1:F2': { values: result(through) } } },
      });
    const wb = book(46_381);
    await buildPayrollSheet(wb.run, '社員!A1:H2', '勤怠!A1:B2', '2026-12-25', '年末調整!A1:F2');
    expect(firstRow(wb, '給与_2026-12-25')).toMatchObject({ year_end_adjustment: 5_000, net_pay: 300_000 - 44_070 - 4_710 + 5_000 });
    const journal = await buildPayrollJournal(wb.run, '社員!A1:H2', '勤怠!A1:B2', '2026-12-25', 'csv', '年末調整!A1:F2');
    expect(new TextDecoder().decode(journal.bytes)).toContain('年末調整');

    // Summed through November (46351): refused, named by the range, nothing written.
    const early = book(46_351);
    const error = await buildPayrollSheet(early.run, '社員!A1:H2', '勤怠!A1:B2', '2026-12-25', '年末調整!A1:F2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => [p.file, p.column, p.value])).toEqual([['年末調整!A1:F2', 'pay_dates', '2026-11-25']]);
    expect(early.sheet('給与_2026-12-25')).toBeUndefined();
  });

  it('passes core’s InputError on, every bad cell named, and writes nothing', async () => {
    const bad = [employees[0] ?? [], ['1', '山田', 'x', '東京都', -1, 1, '甲', 160]];
    const wb = mockWorkbook({ 社員: { ranges: { 'A1:H2': { values: bad } } }, 勤怠: { ranges: { 'A1:B2': { values: attendance } } } });
    const error = await buildPayrollSheet(wb.run, '社員!A1:H2', '勤怠!A1:B2', '2026-12-25').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.column)).toEqual(['生年月日', '基本給']);
    expect(wb.sheet('給与_2026-12-25')).toBeUndefined();
  });
});

describe('給与 pane: 仕訳 (office-addin-mock)', () => {
  it('writes 仕訳_2026-12-25 (借方/貸方, one row per line) and the 弥生 file of the same payroll', async () => {
    // A date cell without a date format reaches the CSV reader as written: the birth date as text.
    const withDate = [employees[0] ?? [], ['1', '山田', '1995-10-10', '東京都', 300_000, 1, '甲', 160]];
    const wb = mockWorkbook({
      社員: { ranges: { 'A1:H2': { values: withDate } } },
      勤怠: { ranges: { 'A1:B2': { values: attendance } } },
    });
    const r = await buildPayrollJournal(wb.run, '社員!A1:H2', '勤怠!A1:B2', '2026-12-25', 'yayoi');
    expect([r.sheet, r.name, r.entries]).toEqual(['仕訳_2026-12-25', '仕訳_2026-12-25_yayoi.csv', 2]);
    const sheet = wb.sheet('仕訳_2026-12-25');
    if (!sheet) throw new Error('no journal sheet');
    const key = [...(sheet.ranges._properties as Map<string, unknown>).keys()].find((a) => a.startsWith('A1:J')) ?? '';
    const rows = sheet.ranges[key].values as unknown[][];
    expect(rows[0]).toEqual(['仕訳番号', '日付', '貸借', '勘定科目', '補助科目', '部門', '税区分', '金額', '税額', '摘要']);
    // the December 2026 case of test/core/payroll/monthly.test.ts: gross 300,000, SI 44,070, tax 4,710
    expect(rows[1]?.slice(2, 8)).toEqual(['借方', '給料手当', '', '', '対象外', 300_000]);
    expect(rows.find((x) => x[3] === '普通預金')?.[7]).toBe(300_000 - 44_070 - 4_710);
    const file = decodeCp932(r.bytes).split('\r\n');
    expect(file[0]?.split(',').slice(0, 9)).toEqual(['2110', '', '', '2026/12/25', '給料手当', '', '', '対象外', '300000']);
  });
});

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: async (k) => map.get(k) ?? null, setItem: async (k, v) => void map.set(k, v) };
}

describe('設定 in OfficeRuntime.storage', () => {
  it('gives defaults before anything is saved and round-trips what is saved', async () => {
    const storage = memoryStorage();
    expect(await loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    const s: Settings = { ...DEFAULT_SETTINGS, apiEndpoint: 'https://api.example.co.jp/', apiKey: 'k-1', rounding: 'round' };
    await saveSettings(storage, s);
    expect(await loadSettings(storage)).toEqual({ ...s, apiEndpoint: 'https://api.example.co.jp' });
  });
  it('refuses a plain-http endpoint except on localhost', async () => {
    const storage = memoryStorage();
    await expect(saveSettings(storage, { ...DEFAULT_SETTINGS, apiEndpoint: 'http://api.example.co.jp' })).rejects.toThrow(/https/);
    await saveSettings(storage, { ...DEFAULT_SETTINGS, apiEndpoint: 'http://localhost:3000' });
    expect((await loadSettings(storage)).apiEndpoint).toBe('http://localhost:3000');
  });
});

/** Batch ids as the API issues them (UUIDs): the client refuses any other before a call. */
const B1 = '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d51';
const B2 = '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d52';

describe('請求書 batch API client', () => {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    apiEndpoint: 'https://api.example.co.jp',
    apiKey: 'tenant-key',
    issuer: { name: '裏方商事', registration_number: 'T7000012050002', address: '東京都千代田区', phone: '03-0000-0000' },
  };
  it('creates a batch with the exact byte size and the issuer, then PUTs the CSV without the API key', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const fetcher: Fetch = async (url, init) => {
      calls.push({ url, ...(init ? { init } : {}) });
      if (url.endsWith('/v1/invoice-batches'))
        return new Response(JSON.stringify({ batchId: B1, uploadUrl: 'https://s3.example/up?sig=1' }), { status: 201 });
      return new Response('', { status: 200 });
    };
    const csv = 'invoice_no,品目\nA-1,りんご\n';
    expect(await sendBatch(fetcher, settings, csv)).toBe(B1);
    const body = JSON.parse(String(calls[0]?.init?.body)) as { size: number; issuer: Record<string, string>; pint: boolean };
    expect(body.size).toBe(new TextEncoder().encode(csv).byteLength); // りんご is 9 bytes in UTF-8
    expect(body.issuer).toMatchObject({ name: '裏方商事', registration_number: 'T7000012050002', rounding: 'floor' });
    expect(body.pint).toBe(false);
    const headers = (calls[0]?.init?.headers ?? {}) as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer tenant-key');
    expect(headers['Content-Type']).toBe('application/json');
    expect(calls[1]?.url).toBe('https://s3.example/up?sig=1');
    expect(JSON.stringify(calls[1]?.init?.headers)).not.toContain('tenant-key');
  });
  it('reads state, progress and links from the status, and rejected rows from errors.csv', async () => {
    const fetcher: Fetch = async (url) => {
      if (url.endsWith(`/${B1}`)) return new Response(JSON.stringify({ state: 'running', progress: { chunks: 4, chunks_done: 1 } }));
      if (url.endsWith(`/${B2}`))
        return new Response(JSON.stringify({ state: 'done', counts: { issued: 9 }, zipUrl: 'https://z', errorsUrl: 'https://e' }));
      return new Response(
        '\uFEFFfile,row,column,value,message\n請求明細.csv,3,数量,x,数量は数値で入力してください / quantity must be a number\n',
      );
    };
    expect(await batchStatus(fetcher, settings, B1)).toMatchObject({ state: 'running', done: false, progress: 0.25 });
    expect(await batchStatus(fetcher, settings, B2)).toMatchObject({
      done: true,
      counts: { issued: 9 },
      zipUrl: 'https://z',
      progress: 1,
    });
    expect(await rejectedRows(fetcher, 'https://e')).toEqual([
      { file: '請求明細.csv', row: '3', column: '数量', value: 'x', message: '数量は数値で入力してください / quantity must be a number' },
    ]);
  });
  it('says so when errors.csv cannot be fetched, rather than showing no rejected rows', async () => {
    const fetcher: Fetch = async () => new Response('AccessDenied', { status: 403 });
    await expect(rejectedRows(fetcher, 'https://e')).rejects.toThrow('結果をダウンロードできません (403) / cannot download the result');
  });
  it('refuses a batch id the API never issues before calling it', async () => {
    let called = false;
    const fetcher: Fetch = async () => {
      called = true;
      return new Response('{}');
    };
    await expect(batchStatus(fetcher, settings, '../tenants')).rejects.toThrow('ジョブIDが正しくありません / bad job id');
    expect(called).toBe(false);
  });
  it('gives a refused key its own message, as the Sheets add-on does', async () => {
    const fetcher: Fetch = async () => new Response('{"error":"unauthorized"}', { status: 401 });
    await expect(batchStatus(fetcher, settings, B1)).rejects.toThrow('APIキーが拒否されました (401) / the API rejected the key');
  });
  it('refuses to call without an endpoint and key', async () => {
    await expect(sendBatch(async () => new Response(''), DEFAULT_SETTINGS, 'a\n')).rejects.toThrow(/set the API endpoint/);
  });
});

describe('全銀 給与振込 file from the 給与 pane (office-addin-mock)', () => {
  const example = (f: string) => readFileSync(new URL(`../../examples/payroll/${f}`, import.meta.url), 'utf8');
  const matrix = (csv: string) =>
    parseCsv(csv.replace(/^\uFEFF/, '')).records.map((r) => r.fields.map((c) => (/^\d+$/.test(c) && !c.startsWith('0') ? Number(c) : c)));
  const company = JSON.parse(example('company.json')) as unknown;

  it('gives the same bytes as urakata payroll --zengin for the example employees', async () => {
    const emp = matrix(example('employees.csv'));
    const att = matrix(example('attendance.csv'));
    const wb = mockWorkbook({
      社員: { ranges: { [`A1:U${emp.length}`]: { values: emp } } },
      勤怠: { ranges: { [`A1:${String.fromCharCode(64 + (att[0]?.length ?? 1))}${att.length}`]: { values: att } } },
    });
    const file = await payrollTransferFile(
      wb.run,
      `社員!A1:U${emp.length}`,
      `勤怠!A1:${String.fromCharCode(64 + (att[0]?.length ?? 1))}${att.length}`,
      '2026-05-25',
      company,
    );
    // What the CLI writes from the CSV files themselves.
    const run = runPayroll(
      { data: example('employees.csv'), file: 'employees.csv' },
      { data: example('attendance.csv'), file: 'attendance.csv' },
      { payDate: '2026-05-25', requireBank: true },
    );
    const parsed = parseTransferCompany(company, 'company.json');
    if (!parsed.company) throw new Error('example company rejected');
    const expected = salaryTransferFile(
      parsed.company,
      '2026-05-25',
      transferLines(run.results.map((r) => ({ employee: r.employee, amount: r.result.row.net_pay }))),
      'salary',
    );
    expect(file.name).toBe('zengin-salary-2026-05-25.txt');
    expect(Buffer.from(file.bytes).equals(Buffer.from(expected))).toBe(true);
    // 全銀 header record: データ区分 1, 種別コード 11 (給与振込; 21 would be 総合振込)
    expect(String.fromCharCode(...file.bytes.subarray(0, 3))).toBe('111');
  });

  it('refuses a company file with a missing field, naming it', async () => {
    const wb = mockWorkbook({
      社員: { ranges: { 'A1:A1': { values: [['社員番号']] } } },
      勤怠: { ranges: { 'A1:A1': { values: [['社員番号']] } } },
    });
    const error = await payrollTransferFile(wb.run, '社員!A1:A1', '勤怠!A1:A1', '2026-05-25', { company_name: 'ｳﾗｶﾀ' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.column)).toContain('company_code');
  });
});

/** The batch API and store as the pane meets them: the batch made, the upload kept, each status poll answered by `status`, errors.csv. */
function batchApi(status: () => unknown, errorsCsv: string) {
  const api = { uploaded: '', fetch: (async () => new Response('')) as Fetch };
  api.fetch = async (url, init) => {
    if (url.endsWith('/v1/invoice-batches'))
      return new Response(JSON.stringify({ batchId: B2, uploadUrl: 'https://s3.example/up' }), { status: 201 });
    if (url === 'https://s3.example/up') {
      api.uploaded = new TextDecoder().decode(init?.body as Uint8Array);
      return new Response('');
    }
    if (url.endsWith(`/v1/invoice-batches/${B2}`)) return new Response(JSON.stringify(status()));
    return new Response(errorsCsv);
  };
  return api;
}

describe('請求書 pane action (office-addin-mock + API stand-in)', () => {
  it('sends the selected lines as CSV, follows the batch to done and reads back the rejected rows', async () => {
    const wb = mockWorkbook({
      請求明細: {
        ranges: {
          'A1:C3': {
            values: [
              ['invoice_no', 'issue_date', 'item'],
              ['A-1', 46_167, 'りんご'],
              ['A-2', 46_167, '=cmd'],
            ],
            numberFormat: [
              ['General', 'General', 'General'],
              ['@', 'yyyy/m/d', '@'],
              ['@', 'yyyy/m/d', '@'],
            ],
          },
        },
      },
    });
    let polls = 0;
    const api = batchApi(
      () =>
        ++polls < 2
          ? { state: 'running', progress: { chunks: 2, chunks_done: 1 } }
          : { state: 'done', counts: { issued: 1 }, zipUrl: 'https://z', errorsUrl: 'https://e' },
      'file,row,column,value,message\n請求明細.csv,3,item,=cmd,品目が不正です / bad item\n',
    );
    const fetcher = api.fetch;
    const seen: number[] = [];
    const settings: Settings = { ...DEFAULT_SETTINGS, apiEndpoint: 'https://api.example.co.jp', apiKey: 'k' };
    const r = await issueInvoices(wb.run, fetcher, settings, '請求明細!A1:C3', {
      onStatus: (s) => seen.push(s.progress),
      sleep: async () => {},
    });
    // 46167 with a date format is 2026-05-25
    expect(api.uploaded).toBe('invoice_no,issue_date,item\nA-1,2026-05-25,りんご\nA-2,2026-05-25,=cmd');
    expect(seen).toEqual([0.5, 1]);
    expect(r).toMatchObject({
      batchId: B2,
      status: { done: true, zipUrl: 'https://z' },
      // errors.csv's line 3 is said as the sheet and its row.
      rejected: [{ file: '請求明細', row: '3', column: 'item', value: '=cmd' }],
    });
  });

  it('sends rows selected below the header with the header of row 1 (a second sync), blank rows left out, and says errors by their sheet rows', async () => {
    const wb = mockWorkbook({
      請求明細: {
        ranges: {
          'A1:C1': { values: [['invoice_no', 'issue_date', 'item']] },
          'A5:C8': {
            values: [
              ['A-1', '2026-05-25', 'りんご'],
              ['', '', ''],
              ['A-2', '2026-05-25', '=cmd'],
              ['A-3', '2026-05-26', 'みかん'],
            ],
          },
        },
      },
    });
    const api = batchApi(
      () => ({ state: 'done', counts: { issued: 2 }, errorsUrl: 'https://e' }),
      'file,row,column,value,message\nlines.csv,3,item,=cmd,品目が不正です / bad item\nlines.csv,0,,,中止 / stopped\n',
    );
    const fetcher = api.fetch;
    const settings: Settings = { ...DEFAULT_SETTINGS, apiEndpoint: 'https://api.example.co.jp', apiKey: 'k' };
    const r = await issueInvoices(wb.run, fetcher, settings, '請求明細!A5:C8', { onStatus: () => {}, sleep: async () => {} });
    expect(api.uploaded).toBe('invoice_no,issue_date,item\nA-1,2026-05-25,りんご\nA-2,2026-05-25,=cmd\nA-3,2026-05-26,みかん');
    // The CSV's line 3 is sheet row 7 (row 6 was blank); the batch as a whole stays row 0.
    expect(r.rejected.map((x) => [x.file, x.row, x.value])).toEqual([
      ['請求明細', '7', '=cmd'],
      ['lines.csv', '0', ''],
    ]);
  });

  it('takes a range of 150,000 lines (its width found without spreading its rows into one call)', async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [`A-${i}`, '2026-05-25', 'りんご']);
    const wb = mockWorkbook({
      請求明細: { ranges: { 'A1:C1': { values: [['invoice_no', 'issue_date', 'item']] }, 'A2:C150001': { values: rows } } },
    });
    const lines = await selectedInvoiceLines(wb.run, '請求明細!A2:C150001');
    expect(lines.rows).toBe(150_000);
    expect(lines.lineRows.at(-1)).toEqual([150_001, 150_001]);
  });

  it('refuses a range without data rows before calling the API', async () => {
    const wb = mockWorkbook({ 請求明細: { ranges: { 'A1:B1': { values: [['invoice_no', 'item']] } } } });
    let called = false;
    const fetcher: Fetch = async () => {
      called = true;
      return new Response('{}');
    };
    const settings: Settings = { ...DEFAULT_SETTINGS, apiEndpoint: 'https://api.example.co.jp', apiKey: 'k' };
    await expect(issueInvoices(wb.run, fetcher, settings, '請求明細!A1:B1', { onStatus: () => {} })).rejects.toThrow(
      /請求明細の行を選択してください.*no row but the header/,
    );
    expect(called).toBe(false);
  });
});
