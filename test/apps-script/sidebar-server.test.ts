/**
 * The sidebar's server functions in Code.js: settings kept in user properties, the invoice batch
 * round-trip through UrlFetchApp, picking the user's selection, and the 仕訳 sheets with the
 * entries the sidebar writes the import files from.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsvText } from '../../core/csv/write.js';
import { tokyoDateOf } from '../../core/dates/calendar.js';
import { type JournalEntry, sideTotal } from '../../core/journal/entry.js';
import { journalTable, writeJournal } from '../../core/journal/formats.js';
import { main } from '../../cli/main.js';
import { reconcileFunctions } from '../../core/sheet-functions/reconcile.js';
import { problem } from '../../core/errors.js';
import { ApiError, toResponse } from '../../functions/errors.js';
import { CreateInvoiceBatchBody, CreateReconcileJobBody } from '../../functions/schemas.js';
import {
  type Built,
  buildAppsScript,
  execution,
  type FetchCall,
  invoiceLinesSheet,
  newWorld,
  sheetFromFile,
  type World,
} from './harness.js';
import { cliFile } from './cli.js';

/** What the sidebar's journal server functions answer. */
interface JournalView {
  sheet: string;
  entries: JournalEntry[];
}

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

const API = 'https://api.urakata.example';

function withApi(world: World): void {
  execution(built, world).call('uraSaveSettings', { endpoint: `${API}/`, key: 'tenant-secret-1234' });
}

describe('設定 (settings)', () => {
  it('keeps the endpoint and key in the user properties and shows only the key hint', () => {
    const world = newWorld();
    const view = execution(built, world).call('uraSaveSettings', { endpoint: `${API}/`, key: 'tenant-secret-1234' });
    expect(view).toEqual({ endpoint: API, hasKey: true, keyHint: '…1234' });
    expect(JSON.stringify(view)).not.toContain('tenant-secret');
    expect(world.userProperties.store.get('urakata.api.key')).toBe('tenant-secret-1234');
    expect(world.documentProperties.store.size).toBe(0);
    expect(world.book.sheets).toEqual([]);
  });

  it('keeps the stored key when the key field is left blank', () => {
    const world = newWorld();
    withApi(world);
    const view = execution(built, world).call('uraSaveSettings', { endpoint: 'https://other.example', key: '' });
    expect(view).toEqual({ endpoint: 'https://other.example', hasKey: true, keyHint: '…1234' });
  });

  it('refuses an endpoint that is not https, even on localhost: Apps Script runs on Google’s servers', () => {
    const world = newWorld();
    expect(() => execution(built, world).call('uraSaveSettings', { endpoint: 'http://api.example', key: 'k' })).toThrow(/https:\/\//);
    expect(() => execution(built, world).call('uraSaveSettings', { endpoint: 'http://localhost:3000', key: 'k' })).toThrow(
      'APIのURLは https:// で始めてください / the API endpoint must start with https://',
    );
    expect(world.userProperties.store.size).toBe(0);
  });

  it('forgets the key on request', () => {
    const world = newWorld();
    withApi(world);
    expect(execution(built, world).call('uraClearApiKey')).toEqual({ endpoint: API, hasKey: false, keyHint: '' });
  });
});

describe('選択範囲 (picking a range)', () => {
  it('gives the selection as sheet-qualified A1 notation, quoting a Japanese sheet name', () => {
    const world = newWorld();
    world.book.addSheet('入金明細', [['日付'], ['2026-05-01']]);
    world.book.select('入金明細', 'A1:F200');
    expect(execution(built, world).call('uraActiveRange')).toEqual({ a1: "'入金明細'!A1:F200", rows: 200, columns: 6 });
  });
});

const LINES = [
  ['invoice_no', 'issue_date', 'customer_code', 'description', 'amount'],
  ['INV-001', '2026-05-31', 'C001', '保守料', 100000],
  ['INV-002', '2026-05-31', 'C002', '=1+1', 'abc'],
  ['INV-003', '2026-05-31', 'C003', '部品, 送料込', 8800],
];

/** The issuer as a 項目 | 値 range (examples/invoices/issuer.json, flattened with dotted names). */
const ISSUER_JSON = JSON.parse(readFileSync('examples/invoices/issuer.json', 'utf8')) as Record<string, unknown>;
const ISSUER_ROWS: string[][] = [
  ['項目', '値'],
  ...Object.entries(ISSUER_JSON).flatMap(([k, v]) =>
    v && typeof v === 'object' ? Object.entries(v).map(([k2, v2]) => [`${k}.${k2}`, String(v2)]) : [[k, String(v)]],
  ),
];
const ISSUER_A1 = `'発行者'!A1:B${ISSUER_ROWS.length}`;
const BATCH = '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d5e';

function invoiceSheets(world: World): void {
  world.book.addSheet('請求明細', LINES);
  world.book.addSheet('発行者', ISSUER_ROWS);
}

/**
 * A stand-in for the Urakata API and S3 answering as functions/invoice/batch.ts does; the request
 * body is checked with the API's own schema, and the upload against the size signed into its URL.
 */
function fakeApi(world: World) {
  const state = { uploaded: '', size: -1, issuer: {} as Record<string, unknown>, pint: true, polls: 0 };
  world.fetch = (call: FetchCall) => {
    if (call.method === 'post' && call.url === `${API}/v1/invoice-batches`) {
      const body = CreateInvoiceBatchBody.parse(JSON.parse(call.payload));
      state.size = body.size;
      state.issuer = body.issuer;
      state.pint = body.pint;
      const uploadUrl = `https://s3.example/incoming/${BATCH}/lines.csv?X-Amz-Signature=x`;
      return {
        code: 201,
        body: JSON.stringify({ batchId: BATCH, uploadUrl, method: 'PUT', expiresAt: '2026-05-31T00:15:00Z', maxBytes: 1e8 }),
      };
    }
    if (call.method === 'put' && call.url.startsWith(`https://s3.example/incoming/${BATCH}/`)) {
      // S3 refuses a body whose length differs from the signed Content-Length.
      if (Buffer.byteLength(call.payload, 'utf8') !== state.size) return { code: 403, body: 'SignatureDoesNotMatch' };
      state.uploaded = call.payload;
      return { code: 200, body: '' };
    }
    if (call.method === 'get' && call.url === `${API}/v1/invoice-batches/${BATCH}`) {
      state.polls++;
      const base = { id: BATCH, kind: 'invoice-batches', created_at: '2026-05-31T00:00:00Z', updated_at: '2026-05-31T00:00:05Z' };
      return {
        code: 200,
        body: JSON.stringify(
          state.polls < 2
            ? { ...base, state: 'running', counts: { invoices: 3, rejected: 1 }, progress: { chunks: 1, chunks_done: 0 } }
            : {
                ...base,
                state: 'done',
                counts: { issued: 2, unchanged: 0, conflicts: 0, rejected: 1 },
                zipUrl: `https://s3.example/${BATCH}/invoices.zip?sig`,
                manifestUrl: `https://s3.example/${BATCH}/manifest.json?sig`,
                errorsUrl: `https://s3.example/${BATCH}/errors.csv?sig`,
              },
        ),
      };
    }
    if (call.url === `https://s3.example/${BATCH}/errors.csv?sig`) {
      return {
        code: 200,
        body: '\uFEFFfile,row,column,value,message\r\n請求明細.csv,3,amount,abc,金額が数値ではありません / amount is not a number\r\n',
      };
    }
    return { code: 404, body: 'not found' };
  };
  return state;
}

describe('請求書 (invoice batch through the API)', () => {
  it('sends the selected rows under the sheet header with the issuer, then polls until the batch is done', () => {
    const world = newWorld();
    withApi(world);
    invoiceSheets(world);
    const api = fakeApi(world);

    const created = execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4", ISSUER_A1);
    // Each CSV line's sheet row goes back with the batch: the sidebar says errors.csv's rows by them.
    expect(created).toEqual({
      batchId: BATCH,
      rows: 3,
      sheet: '請求明細',
      lineRows: [
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ],
    });
    expect(api.issuer).toEqual(ISSUER_JSON);
    expect(api.pint).toBe(false);
    // Sent as the user typed it: formula neutralising is for files people open, not for the API.
    expect(api.uploaded).toBe(
      'invoice_no,issue_date,customer_code,description,amount\nINV-001,2026-05-31,C001,保守料,100000\nINV-002,2026-05-31,C002,=1+1,abc\nINV-003,2026-05-31,C003,"部品, 送料込",8800',
    );

    const first = execution(built, world).call('uraInvoiceBatchStatus', BATCH) as { done: boolean; state: string };
    // The progress of a running batch, as the Excel pane shows it (core/api reads both hosts' status).
    expect(first).toMatchObject({ done: false, state: 'running', progress: 0, counts: { invoices: 3, rejected: 1 } });
    const last = execution(built, world).call('uraInvoiceBatchStatus', BATCH);
    expect(last).toEqual({
      batchId: BATCH,
      state: 'done',
      done: true,
      counts: { issued: 2, unchanged: 0, conflicts: 0, rejected: 1 },
      progress: 1,
      zipUrl: `https://s3.example/${BATCH}/invoices.zip?sig`,
      errorsUrl: `https://s3.example/${BATCH}/errors.csv?sig`,
      resultUrl: '',
      reasons: [],
      rejected: [
        { file: '請求明細.csv', row: '3', column: 'amount', value: 'abc', message: '金額が数値ではありません / amount is not a number' },
      ],
    });
  });

  it('sends the tenant key to the API only, never to the presigned storage URLs', () => {
    const world = newWorld();
    withApi(world);
    invoiceSheets(world);
    fakeApi(world);
    execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A1:E4", ISSUER_A1);
    execution(built, world).call('uraInvoiceBatchStatus', BATCH);
    execution(built, world).call('uraInvoiceBatchStatus', BATCH);
    for (const call of world.fetches) {
      const toApi = call.url.startsWith(API);
      expect(call.headers.Authorization, call.url).toBe(toApi ? 'Bearer tenant-secret-1234' : undefined);
    }
    expect(world.fetches.map((c) => `${c.method} ${c.url.replace(/\?.*/, '')}`)).toEqual([
      `post ${API}/v1/invoice-batches`,
      `put https://s3.example/incoming/${BATCH}/lines.csv`,
      `get ${API}/v1/invoice-batches/${BATCH}`,
      `get ${API}/v1/invoice-batches/${BATCH}`,
      `get https://s3.example/${BATCH}/errors.csv`,
    ]);
  });

  it('does not send the header twice when the selection starts on row 1', () => {
    const world = newWorld();
    withApi(world);
    invoiceSheets(world);
    const api = fakeApi(world);
    expect(execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A1:E4", ISSUER_A1)).toMatchObject({ batchId: BATCH, rows: 3 });
    expect(api.uploaded.split('\n')).toHaveLength(4);
  });

  it('sends rows selected below the header with the header of row 1, blank rows left out, and keeps the sheet row of each line', () => {
    const world = newWorld();
    withApi(world);
    world.book.addSheet('請求明細', [...LINES, [], ['', '', '', '', ''], ['INV-004', '2026-05-31', 'C004', '点検', 5000]]);
    world.book.addSheet('発行者', ISSUER_ROWS);
    const api = fakeApi(world);
    const created = execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A3:E7", ISSUER_A1) as {
      rows: number;
      lineRows: number[][];
    };
    expect(api.uploaded.split('\n')).toEqual([
      'invoice_no,issue_date,customer_code,description,amount',
      'INV-002,2026-05-31,C002,=1+1,abc',
      'INV-003,2026-05-31,C003,"部品, 送料込",8800',
      'INV-004,2026-05-31,C004,点検,5000',
    ]);
    expect(created.rows).toBe(3);
    expect(created.lineRows).toEqual([
      [1, 1],
      [2, 3],
      [3, 4],
      [4, 7],
    ]);
  });

  it('refuses a selection with no header in it or in row 1, before calling anything', () => {
    const world = newWorld();
    withApi(world);
    world.book.addSheet('請求明細', [['2026年5月分 請求明細'], ...LINES]);
    world.book.addSheet('発行者', ISSUER_ROWS);
    fakeApi(world);
    expect(() => execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A3:E5", ISSUER_A1)).toThrow(
      /請求明細の見出し行がありません/,
    );
    expect(world.fetches).toEqual([]);
  });

  it('asks for the settings before calling anything when no key is stored', () => {
    const world = newWorld();
    invoiceSheets(world);
    expect(() => execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4", ISSUER_A1)).toThrow(
      /「設定」でAPIのURLとキーを登録/,
    );
    expect(world.fetches).toEqual([]);
  });

  it('reports a rejected key without showing the server answer', () => {
    const world = newWorld();
    withApi(world);
    invoiceSheets(world);
    world.fetch = () => ({ code: 401, body: 'secret detail' });
    expect(() => execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4", ISSUER_A1)).toThrow(
      /APIキーが拒否されました \(401\)/,
    );
  });

  it('shows a refusal in the API’s own words, with the problems it lists', () => {
    const world = newWorld();
    withApi(world);
    invoiceSheets(world);
    const refused = toResponse(
      new ApiError(400, 'invalid_issuer', '発行者の設定に誤りがあります', 'invalid issuer', [
        problem('issuer', 0, 'registration_number', 'T1234', '登録番号の形式が正しくありません', 'bad registration number'),
      ]),
    );
    world.fetch = () => ({ code: refused.status, body: refused.body });
    expect(() => execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4", ISSUER_A1)).toThrow(
      'APIエラー 400: 発行者の設定に誤りがあります / API error 400: invalid issuer\n' +
        'issuer 列「registration_number」/ column registration_number 値「T1234」: 登録番号の形式が正しくありません / bad registration number',
    );
  });

  it('says so when errors.csv cannot be downloaded, rather than listing no rejected rows', () => {
    const world = newWorld();
    withApi(world);
    world.fetch = (call: FetchCall) =>
      call.url.startsWith(API)
        ? {
            code: 200,
            body: JSON.stringify({ id: BATCH, state: 'done', counts: { issued: 1 }, errorsUrl: 'https://s3.example/errors.csv?sig' }),
          }
        : { code: 403, body: 'AccessDenied' };
    expect(() => execution(built, world).call('uraInvoiceBatchStatus', BATCH)).toThrow(
      '結果をダウンロードできません (403) / cannot download the result',
    );
  });

  it('shows why a failed batch failed', () => {
    const world = newWorld();
    withApi(world);
    world.fetch = () => ({
      code: 200,
      body: JSON.stringify({ id: BATCH, state: 'failed', reasons: [{ message_ja: '見出しがありません', message_en: 'no header' }] }),
    });
    expect(execution(built, world).call('uraInvoiceBatchStatus', BATCH)).toMatchObject({
      state: 'failed',
      done: true,
      reasons: ['見出しがありません / no header'],
    });
  });

  it('asks for the issuer range when none is picked', () => {
    const world = newWorld();
    withApi(world);
    invoiceSheets(world);
    world.book.addSheet('空', [['', '']]);
    expect(() => execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4", "'空'!A1:B1")).toThrow(/発行者の範囲/);
    expect(world.fetches).toEqual([]);
  });

  it('refuses a batch id that could change the API path', () => {
    const world = newWorld();
    withApi(world);
    expect(() => execution(built, world).call('uraInvoiceBatchStatus', '../tenants')).toThrow(/ジョブIDが正しくありません/);
    expect(world.fetches).toEqual([]);
  });
});

describe('請求書の仕訳 (uraInvoiceJournal)', () => {
  interface View {
    sheet: string;
    entries: JournalEntry[];
    rejected: number;
    problems: string[];
  }
  const journalWorld = (lines = invoiceLinesSheet()) => {
    const world = newWorld();
    world.book.addSheet('請求明細', lines);
    world.book.addSheet('発行者', ISSUER_ROWS);
    return world;
  };

  it('writes 仕訳_請求 from the selected rows and the issuer range, and gives the sidebar the entries the CLI books', async () => {
    const world = journalWorld();
    const view = execution(built, world).call('uraInvoiceJournal', "'請求明細'!A2:Q9", ISSUER_A1) as View;
    expect([view.sheet, view.entries.length, view.rejected, view.problems]).toEqual(['仕訳_請求', 4, 0, []]);
    const sheet = world.book.getSheetByName('仕訳_請求')?.values() ?? [];
    expect(sheet).toEqual(journalTable(view.entries, 'ja'));
    expect(sheet).toHaveLength(1 + 10);
    expect(sheet[1]).toEqual([
      1,
      '2026-05-31',
      '借方',
      '売掛金',
      '株式会社テスト物産',
      '',
      '対象外',
      51_677,
      0,
      '請求書 INV-2026-05-001 株式会社テスト物産',
    ]);
    expect(sheet.filter((r) => r[3] === '売上高').map((r) => [r[0], r[2], r[6], r[7], r[8]])).toEqual([
      [1, '貸方', '課税売上10%', 44_990, 4_090],
      [1, '貸方', '課税売上8%(軽)', 6_687, 495],
      [2, '貸方', '課税売上10%', 168_520, 15_320],
      [3, '貸方', '課税売上10%', 2_640, 240],
      [3, '貸方', '課税売上8%(軽)', 8_359, 619],
      [4, '借方', '課税売上8%(軽)', 8_916, 660],
    ]);
    // The file the sidebar writes from these entries is the one `urakata invoices --journal` writes.
    const dir = mkdtempSync(join(tmpdir(), 'urakata-sheets-inv-journal-'));
    try {
      writeFileSync(join(dir, 'lines.csv'), readFileSync('examples/invoices/lines.csv'));
      writeFileSync(join(dir, 'issuer.json'), JSON.stringify(ISSUER_JSON));
      const io = { out: () => undefined, err: () => undefined, cwd: dir };
      const args = ['invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'out', '--jobs', '1'];
      expect(await main([...args, '--journal', 'j.txt', '--journal-format', 'yayoi'], io)).toBe(0);
      const file = writeJournal(view.entries, 'yayoi', 'j.txt').data ?? new Uint8Array();
      expect(Buffer.from(file).equals(readFileSync(join(dir, 'j.txt')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('leaves out an invoice with a bad row and lists its rows; the sheet holds the others', () => {
    const csv = readFileSync('examples/invoices/lines.csv', 'utf8').replace('システム保守（5月分）,1,', 'システム保守（5月分）,一,');
    const world = journalWorld(invoiceLinesSheet(csv));
    const view = execution(built, world).call('uraInvoiceJournal', "'請求明細'!A1:Q9", ISSUER_A1) as View;
    expect([view.entries.length, view.rejected]).toEqual([3, 1]);
    expect(view.problems).toEqual([
      expect.stringMatching(/^請求明細 2行目 \/ row 2: 同じ請求書の他の行にエラーがあるため/),
      expect.stringMatching(/^請求明細 3行目 \/ row 3 列「数量」\/ column 数量 値「一」: /),
      expect.stringMatching(/^請求明細 4行目 \/ row 4: /),
    ]);
    const memos = new Set((world.book.getSheetByName('仕訳_請求')?.values() ?? []).slice(1).map((r) => r[9]));
    expect(memos).toEqual(
      new Set([
        '請求書 INV-2026-05-002 山田デザイン事務所',
        '請求書 INV-2026-05-003 合同会社みどり食品',
        '請求書 CN-2026-05-001 株式会社テスト物産',
      ]),
    );
  });

  it('reads date cells in the spreadsheet’s own time zone: a spreadsheet kept in Sydney’s books the days typed', () => {
    const tokyo = execution(built, journalWorld()).call('uraInvoiceJournal', "'請求明細'!A2:Q9", ISSUER_A1) as View;
    // The same sheet in a spreadsheet set to Australia/Sydney: Sheets gives each date as midnight
    // there, 23:00 the day before in Tokyo. Read as Tokyo's day, every date was a day early.
    const world = newWorld();
    world.book.timeZone = 'Australia/Sydney';
    const dates = invoiceLinesSheet().map((row, r) =>
      row.map((v) => (r > 0 && v instanceof Date ? world.book.cellDate(tokyoDateOf(v)) : v)),
    );
    world.book.addSheet('請求明細', dates);
    world.book.addSheet('発行者', ISSUER_ROWS);
    const sydney = execution(built, world).call('uraInvoiceJournal', "'請求明細'!A2:Q9", ISSUER_A1) as View;
    expect(sydney.entries.map((e) => e.date)).toEqual(['2026-05-31', '2026-05-31', '2026-05-31', '2026-05-31']);
    expect(JSON.parse(JSON.stringify(sydney))).toEqual(JSON.parse(JSON.stringify(tokyo)));
  });

  it('refuses an incomplete issuer with every missing field, and writes no sheet', () => {
    const world = journalWorld();
    world.book.addSheet('発行者2', [
      ['項目', '値'],
      ['name', '株式会社サンプル商事'],
    ]);
    expect(() => execution(built, world).call('uraInvoiceJournal', "'請求明細'!A2:Q9", "'発行者2'!A1:B2")).toThrow(
      /^発行者 列「address」\/ column address.*\n発行者 列「phone」.*\n発行者 列「registration_number」/,
    );
    expect(world.book.getSheetByName('仕訳_請求')).toBeFalsy();
  });
});

describe('給与と消込の仕訳 (uraPayrollJournal, uraReconcileJournal): the entries the sidebar writes the file from', () => {
  const line = (side: string, account: string, subAccount: string, taxCategory: string, amount: number, memo = '') => ({
    side,
    account,
    subAccount,
    department: '',
    taxCategory,
    amount,
    tax: 0,
    memo,
  });

  it('給与: reads hours typed as times (12:30, 72:00 in a [h]:mm cell) as those hours, in any spreadsheet time zone, to the second', () => {
    const numbers = newWorld();
    numbers.book.addSheet('社員', sheetFromFile('examples/payroll/employees.csv'));
    numbers.book.addSheet('勤怠', sheetFromFile('examples/payroll/attendance.csv'));
    const expected = execution(built, numbers).call('uraPayrollJournal', "'社員'!A1:U6", "'勤怠'!A1:F6", '2026-05-25') as JournalView;
    for (const zone of ['Asia/Tokyo', 'Australia/Sydney', 'America/Los_Angeles']) {
      const world = newWorld();
      world.book.timeZone = zone;
      world.book.addSheet('社員', sheetFromFile('examples/payroll/employees.csv'));
      // 時間外 and 深夜 as Sheets gives a duration cell: a Date counted from 1899-12-30 00:00 in the zone.
      const asTime = (hours: number) => {
        const minutes = Math.round(hours * 60);
        const day = Math.floor(minutes / 1440);
        const at = new Date(Date.UTC(1899, 11, 30 + day)).toISOString().slice(0, 10);
        const clock = `${String(Math.floor((minutes % 1440) / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        // A millisecond short, as a time a formula subtracted often is (9:30 − 9:00 is not quite 0:30).
        return world.book.toContext(new Date(world.book.cellDate(`${at}T${clock}`).getTime() - 1));
      };
      const attendance = sheetFromFile('examples/payroll/attendance.csv').map((row, r) =>
        r === 0 ? row : row.map((v, c) => (c === 1 || c === 2 ? asTime(Number(v)) : v)),
      );
      world.book.addSheet('勤怠', attendance);
      const view = execution(built, world).call('uraPayrollJournal', "'社員'!A1:U6", "'勤怠'!A1:F6", '2026-05-25');
      expect(JSON.parse(JSON.stringify(view)), zone).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });

  it('給与: writes 仕訳_2026-05-25 and answers its two entries; the 弥生 file of them is the one `urakata payroll --journal` writes', async () => {
    const world = newWorld();
    world.book.addSheet('社員', sheetFromFile('examples/payroll/employees.csv'));
    world.book.addSheet('勤怠', sheetFromFile('examples/payroll/attendance.csv'));
    const view = execution(built, world).call('uraPayrollJournal', "'社員'!A1:U6", "'勤怠'!A1:F6", '2026-05-25') as JournalView;
    expect(view.sheet).toBe('仕訳_2026-05-25');
    expect(view.entries).toEqual([
      {
        date: '2026-05-25',
        memo: '給与 2026-05-25支給 5名',
        lines: [
          line('debit', '給料手当', '', '対象外', 1_662_757),
          line('debit', '旅費交通費', '通勤手当', '課税仕入10%', 205_500),
          line('credit', '預り金', '源泉所得税', '対象外', 43_760),
          line('credit', '預り金', '住民税', '対象外', 60_300),
          line('credit', '預り金', '健康保険', '対象外', 86_618),
          line('credit', '預り金', '子ども・子育て支援金', '対象外', 1_851),
          line('credit', '預り金', '厚生年金', '対象外', 147_315),
          line('credit', '預り金', '雇用保険', '対象外', 9_341),
          line('credit', '預り金', 'その他控除', '対象外', 3_000),
          line('credit', '普通預金', '', '対象外', 1_516_072),
        ],
      },
      {
        date: '2026-05-25',
        memo: '給与 2026-05-25支給 法定福利費（事業主負担）',
        lines: [line('debit', '法定福利費', '', '対象外', 257_460), line('credit', '未払金', '社会保険料', '対象外', 257_460)],
      },
    ]);
    expect(world.book.getSheetByName('仕訳_2026-05-25')?.values()).toEqual(journalTable(view.entries, 'ja'));
    const cli = await cliFile(
      {
        'employees.csv': readFileSync('examples/payroll/employees.csv'),
        'attendance.csv': readFileSync('examples/payroll/attendance.csv'),
      },
      'payroll --employees employees.csv --attendance attendance.csv --pay-date 2026-05-25 --out p.csv --journal j.txt --journal-format yayoi'.split(
        ' ',
      ),
      'j.txt',
    );
    const file = writeJournal(view.entries, 'yayoi', '仕訳_2026-05-25_yayoi.csv').data ?? new Uint8Array();
    expect(Buffer.from(file).equals(cli)).toBe(true);
  }, 30_000);

  it('消込: writes 仕訳_消込 and answers one entry per automatic match; the マネーフォワード file of them is the one `urakata reconcile --journal` writes', async () => {
    const world = newWorld();
    world.book.addSheet('入金明細', sheetFromFile('examples/reconcile/bank.csv'));
    world.book.addSheet('請求残高', sheetFromFile('examples/reconcile/open-items.csv'));
    const view = execution(built, world).call('uraReconcileJournal', "'入金明細'!A1:I12", "'請求残高'!A1:J11") as JournalView;
    expect(view.sheet).toBe('仕訳_消込');
    expect(view.entries).toHaveLength(7);
    expect(view.entries[0]).toEqual({
      date: '2026-06-01',
      memo: '入金 ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ 株式会社山田商事',
      lines: [
        line('debit', '普通預金', '', '対象外', 109_560),
        line('debit', '支払手数料', '', '課税仕入10%', 440, '振込手数料（先方差引）'),
        line('credit', '売掛金', '株式会社山田商事', '対象外', 110_000),
      ],
    });
    expect(view.entries.map((e) => [e.date, e.lines.find((l) => l.account === '売掛金')?.subAccount, sideTotal(e, 'credit')])).toEqual([
      ['2026-06-01', '株式会社山田商事', 110_000],
      ['2026-06-02', 'タマホーム株式会社', 330_000],
      ['2026-06-05', '有限会社鈴木工業', 132_000],
      ['2026-06-10', '合同会社ミライデザイン', 165_000],
      ['2026-06-15', '東京総合建設工業ホールディングス株式会社', 1_100_000],
      ['2026-06-20', '医療法人さくら会', 77_000],
      ['2026-06-25', '医療法人さくら会', 100_000],
    ]);
    expect(world.book.getSheetByName('仕訳_消込')?.values()).toEqual(journalTable(view.entries, 'ja'));
    const cli = await cliFile(
      { 'bank.csv': readFileSync('examples/reconcile/bank.csv'), 'open-items.csv': readFileSync('examples/reconcile/open-items.csv') },
      'reconcile --bank bank.csv --open-items open-items.csv --out r.csv --journal j.csv --journal-format mf'.split(' '),
      'j.csv',
    );
    const file = writeJournal(view.entries, 'mf', '仕訳_消込_mf.csv').data ?? new Uint8Array();
    expect(Buffer.from(file).equals(cli)).toBe(true);
  }, 30_000);

  it('消込 with no automatic match: no entries and no sheet', () => {
    const world = newWorld();
    world.book.addSheet('入金明細', sheetFromFile('examples/reconcile/bank.csv'));
    world.book.addSheet('請求残高', [sheetFromFile('examples/reconcile/open-items.csv')[0] ?? []]);
    const view = execution(built, world).call('uraReconcileJournal', "'入金明細'!A1:I12", "'請求残高'!A1:J1") as JournalView;
    expect(view).toEqual({ sheet: '仕訳_消込', entries: [] });
    expect(world.book.getSheetByName('仕訳_消込')).toBeNull();
  });
});

describe('消込 through the API (very large statements)', () => {
  const JOB = '7d0e2c1a-3b4f-4a5e-8c6d-9e0f1a2b3c4d';

  function reconcileWorld(): World {
    const world = newWorld();
    withApi(world);
    world.book.addSheet('入金明細', sheetFromFile('examples/reconcile/bank.csv'));
    world.book.addSheet('請求残高', sheetFromFile('examples/reconcile/open-items.csv'));
    return world;
  }
  const RANGES = ["'入金明細'!A1:I12", "'請求残高'!A1:J11"];

  /** The reconcile-jobs routes as functions/jobs/runs.ts answers them; the result is core's table as reconcile.csv. */
  function fakeJobs(world: World, result: string) {
    const state = { sizes: {} as Record<string, number>, uploaded: {} as Record<string, string>, polls: 0 };
    world.fetch = (call: FetchCall) => {
      if (call.method === 'post' && call.url === `${API}/v1/reconcile-jobs`) {
        state.sizes = CreateReconcileJobBody.parse(JSON.parse(call.payload)).files;
        const uploadUrls = {
          bank: `https://s3.example/in/${JOB}/bank.csv?sig`,
          open_items: `https://s3.example/in/${JOB}/open-items.csv?sig`,
        };
        return { code: 201, body: JSON.stringify({ jobId: JOB, uploadUrls, method: 'PUT' }) };
      }
      if (call.method === 'put') {
        const field = call.url.includes('/bank.csv') ? 'bank' : 'open_items';
        if (Buffer.byteLength(call.payload, 'utf8') !== state.sizes[field]) return { code: 403, body: 'SignatureDoesNotMatch' };
        state.uploaded[field] = call.payload;
        return { code: 200, body: '' };
      }
      if (call.url === `${API}/v1/reconcile-jobs/${JOB}`) {
        state.polls++;
        const done = state.polls >= 2 && Object.keys(state.uploaded).length === 2;
        return {
          code: 200,
          body: JSON.stringify(
            done
              ? {
                  id: JOB,
                  state: 'done',
                  resultUrl: `https://s3.example/${JOB}/reconcile.csv?sig`,
                  errorsUrl: `https://s3.example/${JOB}/errors.csv?sig`,
                }
              : { id: JOB, state: 'awaiting_upload' },
          ),
        };
      }
      if (call.url === `https://s3.example/${JOB}/reconcile.csv?sig`) return { code: 200, body: result };
      return { code: 404, body: '' };
    };
    return state;
  }

  it('sends both ranges, polls, and writes the returned result as a local run would have', () => {
    const local = reconcileWorld();
    execution(built, local).call('uraJobStart', 'reconcile', RANGES, {});
    const expected = local.book.getSheetByName('消込結果')?.values() ?? [];

    const world = reconcileWorld();
    // What the API writes: core's table as CSV with a BOM (writeCsv), numbers as numbers.
    const state = fakeJobs(
      world,
      `\uFEFF${toCsvText(
        reconcileFunctions({ today: '2026-06-10' }).RECONCILE(
          sheetFromFile('examples/reconcile/bank.csv'),
          sheetFromFile('examples/reconcile/open-items.csv'),
        ),
      )}`,
    );
    expect(execution(built, world).call('uraReconcileApiStart', ...RANGES)).toEqual({ jobId: JOB, lines: 11 });
    expect(state.uploaded.bank?.split('\n')[0]).toBe('日付,入金,出金,振込依頼人名,照会番号,残高,EDI情報,専用口座,小切手番号');
    expect(execution(built, world).call('uraReconcileApiPending')).toEqual({ jobId: JOB });
    expect(execution(built, world).call('uraReconcileApiStatus', JOB)).toMatchObject({ state: 'awaiting_upload', done: false, job: null });
    const done = execution(built, world).call('uraReconcileApiStatus', JOB) as { done: boolean; job: { done: boolean; total: number } };
    expect(done).toMatchObject({ done: true, job: { done: true, total: expected.length } });
    expect(world.book.getSheetByName('消込結果')?.values()).toEqual(expected);
    expect(execution(built, world).call('uraReconcileApiPending')).toBeNull();
  });

  it('shows the rejected rows of a job the API refused', () => {
    const world = reconcileWorld();
    world.fetch = (call: FetchCall) =>
      call.url.endsWith('errors.csv?sig')
        ? { code: 200, body: 'file,row,column,value,message\nbank.csv,3,入金,abc,金額ではありません / not an amount\n' }
        : {
            code: 200,
            body: JSON.stringify({
              id: JOB,
              state: 'failed',
              errorsUrl: 'https://s3.example/errors.csv?sig',
              reasons: [{ message_ja: '入力に誤りがあります（errors.csv）', message_en: 'input rejected (see errors.csv)' }],
            }),
          };
    expect(execution(built, world).call('uraReconcileApiStatus', JOB)).toEqual({
      jobId: JOB,
      state: 'failed',
      done: true,
      reasons: ['入力に誤りがあります（errors.csv） / input rejected (see errors.csv)'],
      rejected: [{ file: 'bank.csv', row: '3', column: '入金', value: 'abc', message: '金額ではありません / not an amount' }],
      job: null,
    });
    expect(world.book.getSheetByName('消込結果')).toBeNull();
  });
});
