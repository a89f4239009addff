/**
 * The built taskpane in headless Chromium over an Excel object-model stand-in: a 消込 of a
 * 1,000-line statement from start to result sheet, as a user would click through it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../chromium.js';
import { excelSerial, NTA_DECLARATIONS, NTA_EMPLOYEES, NTA_TOTALS } from '../core/sheet-functions/cases.js';
import { decodeCp932 } from '../../core/csv/encoding.js';
import { MF_COLUMNS } from '../../core/journal/formats.js';
import { RECONCILE_COLUMNS } from '../../core/reconcile/report.js';
import { builtAddin } from './built.js';
import { expectedStatus, openItemsSheet, statementSheet } from './reconcile-fixture.js';

const LINES = 1_000;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
};

let server: Server;
const requested: string[] = [];
/** When set, the server refuses the worker script, as a blocked or missing file would. */
let refuseWorker = false;
let origin: string;
let browser: BrowserContext;

beforeAll(async () => {
  const dir = await builtAddin();
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    requested.push(path);
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || (refuseWorker && path.endsWith('reconcile-worker.js'))) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium({ width: 360, height: 900 });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openTaskpane(extraSheets: Record<string, { values: unknown[][]; formats?: string[][] }> = {}): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // office.js comes from Microsoft's CDN in Excel; here the stand-in takes its place.
  await page.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: '/* office.js stand-in installed by the test */' }),
  );
  const bank = statementSheet(LINES);
  const open = openItemsSheet(LINES);
  const standIn = readFileSync(new URL('./excel-stand-in.js', import.meta.url), 'utf8')
    .trim()
    .replace(/;$/, '');
  await page.addInitScript(`(${standIn})(${JSON.stringify({ 入金明細: bank, 請求残: open, ...extraSheets })})`);
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForFunction(() => document.querySelector('[role="tab"]') !== null);
  expect(errors).toEqual([]);
  return page;
}

describe('taskpane in headless Chromium', () => {
  it('reconciles a 1,000-line statement in the Web Worker, shows progress, and writes 消込結果 tinted by status', async () => {
    const page = await openTaskpane();
    await page.getByLabel('シートの範囲（見出し行つき）').fill(`入金明細!A1:C${LINES + 1}`);
    await page.getByLabel('請求残の範囲（見出し行つき）').fill(`請求残!A1:G${LINES + 1}`);
    await page.getByRole('button', { name: '消込を実行' }).click();
    await page.waitForFunction(() => document.getElementById('rec-status')?.textContent?.startsWith('完了'), undefined, {
      timeout: 20_000,
    });

    const status = await page.locator('#rec-status').textContent();
    expect(status).toBe('完了: 入金 1000件 — 自動消込 900件・要確認 50件・未消込 50件（csv:generic）');
    const seen = (await page.evaluate('window.__seen')) as { text: string; progressVisible: boolean; value: number }[];
    expect(seen.map((s) => s.text)).toEqual(
      expect.arrayContaining(['シートを読み込んでいます…', '照合しています…', '結果シートに書き出しています…']),
    );
    expect(seen.filter((s) => s.text.startsWith('照合') || s.text.startsWith('結果')).every((s) => s.progressVisible)).toBe(true);
    expect(await page.locator('#rec-progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(100);

    const result = (await page.evaluate("window.__standIn.sheet('消込結果')")) as {
      values: unknown[][];
      fills: string[][];
      bold: boolean[][];
    };
    expect(result.values).toHaveLength(LINES + 1);
    expect(result.values[0]).toEqual([...RECONCILE_COLUMNS]);
    expect(result.bold[0]?.every(Boolean)).toBe(true);
    const colour = { auto: '#DFF6DD', suggested: '#FFF4CE', unmatched: '#FDE7E9' };
    for (let i = 0; i < LINES; i++) {
      expect(result.values[i + 1]?.[5], `line ${i + 1}`).toBe(expectedStatus(i));
      expect(result.fills[i + 1]?.[0], `line ${i + 1}`).toBe(colour[expectedStatus(i)]);
    }
    // The match ran in the Web Worker the page started from its own script.
    expect(requested).toContain('/reconcile-worker.js');
    const log = (await page.evaluate('window.__standIn.log')) as { syncs: number; active: string };
    expect(log.active).toBe('消込結果');
    // read (1) + learned-sheet probe (1) + result sheet probe and write (2): batched, not per row
    expect(log.syncs).toBeLessThanOrEqual(6);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/addin-reconcile.png', fullPage: true });

    // Confirm the suggestion on 消込結果 row 20 (deposit 19, INV-00018).
    await page.evaluate("window.__standIn.select('消込結果', 'A20:M20')");
    await page.getByRole('button', { name: '選択した行の候補を確定' }).click();
    await page.waitForFunction(() => document.getElementById('rec-status')?.textContent?.includes('確定'));
    const open = (await page.evaluate("window.__standIn.sheet('請求残')")) as { values: unknown[][] };
    expect(open.values[0]?.[7]).toBe('消込状態');
    expect(open.values[19]?.[7]).toBe('消込済');
    const learned = (await page.evaluate("window.__standIn.sheet('裏方_学習')")) as { visibility: string; values: unknown[][] };
    expect(learned.visibility).toBe('Hidden');
    expect(learned.values.some((r) => r.includes('C00018'))).toBe(true);
    await page.close();
  }, 40_000);

  it('switches to English and back, and moves between tabs with the arrow keys', async () => {
    const page = await openTaskpane();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Reconcile');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('tab', { name: 'Reconcile' }).press('ArrowRight');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Payroll');
    expect(await page.locator('#pane-payroll').isVisible()).toBe(true);
    expect(await page.locator('#pane-reconcile').isVisible()).toBe(false);
    await page.screenshot({ path: 'test-results/addin-english-payroll.png', fullPage: true });
    await page.getByRole('button', { name: '日本語' }).click();
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('給与');
    await page.close();
  }, 20_000);

  it('keeps the API settings in OfficeRuntime.storage and issues an invoice batch with progress, link and rejected rows', async () => {
    const page = await openTaskpane({
      請求明細: {
        values: [
          ['invoice_no', 'customer_name', 'item', 'quantity', 'unit_price', 'tax_rate'],
          ['A-1', '山田商事', 'りんご', 2, 500, '8%'],
          ['A-2', '山田商事', 'みかん', 'x', 300, '8%'],
        ],
      },
    });
    const api: { method: string; url: string; auth?: string; body?: string }[] = [];
    const BATCH = '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d5e';
    let polls = 0;
    await page.route('https://api.example.test/**', async (route) => {
      const req = route.request();
      api.push({
        method: req.method(),
        url: req.url(),
        auth: (await req.headerValue('authorization')) ?? undefined,
        body: req.postData() ?? undefined,
      });
      if (req.method() === 'OPTIONS')
        return route.fulfill({
          status: 204,
          headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*' },
        });
      const cors = { 'access-control-allow-origin': '*' };
      if (req.url().endsWith('/v1/invoice-batches'))
        return route.fulfill({ status: 201, headers: cors, json: { batchId: BATCH, uploadUrl: 'https://api.example.test/upload/b-1' } });
      if (req.url().endsWith('/upload/b-1')) return route.fulfill({ status: 200, headers: cors, body: '' });
      if (req.url().endsWith('/errors.csv'))
        return route.fulfill({
          status: 200,
          headers: cors,
          body: 'file,row,column,value,message\n請求明細.csv,3,quantity,x,数量は数値で入力してください / quantity must be a number\n',
        });
      polls++;
      return route.fulfill({
        headers: cors,
        json:
          polls < 2
            ? { state: 'running', progress: { chunks: 2, chunks_done: 1 } }
            : {
                state: 'done',
                counts: { invoices: 1, issued: 1, unchanged: 0, rejected: 1, conflicts: 0, warnings: 0 },
                zipUrl: 'https://api.example.test/invoices.zip',
                errorsUrl: 'https://api.example.test/errors.csv',
              },
      });
    });
    await page.getByRole('tab', { name: '設定' }).click();
    await page.getByLabel('API の接続先').fill('https://api.example.test');
    await page.getByLabel('API キー').fill('tenant-key');
    await page.getByLabel('名称').fill('裏方商事');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#set-status').textContent()).toBe('保存しました。');
    const stored = await page.evaluate('OfficeRuntime.storage.getItem("urakata.settings")');
    expect(JSON.parse(String(stored))).toMatchObject({
      apiEndpoint: 'https://api.example.test',
      apiKey: 'tenant-key',
      issuer: { name: '裏方商事' },
    });

    await page.getByRole('tab', { name: '請求書' }).click();
    await page.getByLabel('請求明細の範囲（見出し行つき）').fill('請求明細!A1:F3');
    await page.getByRole('button', { name: 'APIに送って発行' }).click();
    await page.waitForFunction(() => document.getElementById('inv-status')?.textContent?.startsWith('完了'), undefined, {
      timeout: 15_000,
    });
    // The batch's own counts, named as the CLI and the Sheets sidebar name them (core/invoice/batch-counts.ts).
    expect(await page.locator('#inv-status').textContent()).toBe(
      '完了: 請求書 1件・発行 1件・発行済みで変更なし 0件・却下 1件・番号の衝突 0件・警告 0件',
    );
    expect(await page.locator('#inv-download').getAttribute('href')).toBe('https://api.example.test/invoices.zip');
    expect(await page.locator('#inv-problems li').allTextContents()).toEqual([
      '請求明細 3行目 / row 3 列「quantity」/ column quantity 値「x」: 数量は数値で入力してください / quantity must be a number',
    ]);
    const created = api.find((c) => c.method === 'POST');
    expect(created?.auth).toBe('Bearer tenant-key');
    expect(JSON.parse(created?.body ?? '{}')).toMatchObject({ issuer: { name: '裏方商事' } });
    const upload = api.find((c) => c.method === 'PUT');
    expect(upload?.auth).toBeUndefined();
    expect(upload?.body).toContain('A-2,山田商事,みかん,x,300,8%');
    await page.close();
  }, 30_000);

  it('still reconciles on the page when the worker script cannot be loaded', async () => {
    refuseWorker = true;
    try {
      const page = await openTaskpane();
      await page.getByLabel('シートの範囲（見出し行つき）').fill(`入金明細!A1:C${LINES + 1}`);
      await page.getByLabel('請求残の範囲（見出し行つき）').fill(`請求残!A1:G${LINES + 1}`);
      await page.getByRole('button', { name: '消込を実行' }).click();
      await page.waitForFunction(() => document.getElementById('rec-status')?.textContent?.startsWith('完了'), undefined, {
        timeout: 20_000,
      });
      expect(await page.locator('#rec-status').textContent()).toContain('自動消込 900件');
      await page.close();
    } finally {
      refuseWorker = false;
    }
  }, 30_000);

  it('previews the first invoice as a PDF rendered in the PDF worker with the served font', async () => {
    const csv = readFileSync(new URL('../../examples/invoices/lines.csv', import.meta.url), 'utf8');
    const values = csv
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const page = await openTaskpane({ 請求明細: { values } });
    await page.getByRole('tab', { name: '設定' }).click();
    await page.getByLabel('名称').fill('株式会社サンプル商事');
    await page.getByLabel('登録番号（T＋13桁）').fill('T5010001234566');
    await page.getByLabel('住所').fill('東京都千代田区千代田1-1');
    await page.getByLabel('電話番号').fill('03-1234-5678');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#set-status').textContent()).toBe('保存しました。');
    await page.getByRole('tab', { name: '請求書' }).click();
    await page.getByLabel('請求明細の範囲（見出し行つき）').fill(`請求明細!A1:P${values.length}`);
    await page.getByRole('button', { name: '1件目をプレビュー' }).click();
    await page.waitForFunction(() => /プレビュー|エラー|誤り/.test(document.getElementById('inv-status')?.textContent ?? ''), undefined, {
      timeout: 20_000,
    });
    expect(await page.locator('#inv-status').textContent()).toBe('INV-2026-05-001.pdf のプレビューができました。');
    const link = page.locator('#inv-preview-link');
    expect(await link.isVisible()).toBe(true);
    const head = await link.evaluate(async (a) =>
      new TextDecoder().decode(new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer()).subarray(0, 5)),
    );
    expect(head).toBe('%PDF-');
    expect(requested).toContain('/fonts/NotoSansJP_400Regular.ttf');
    expect(requested).toContain('/pdf-worker.js');
    await page.close();
  }, 30_000);

  it('books the invoice lines as 仕訳_請求 and saves the マネーフォワード file, an invoice with a bad row left out and listed', async () => {
    const rows = readFileSync(new URL('../../examples/invoices/lines.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    // Dates as Excel holds them (serials formatted as dates); INV-2026-05-001's first quantity is not a number.
    const dates = ['請求日', '支払期限', '取引日'].map((c) => rows[0]?.indexOf(c));
    const values = rows.map((row, r) =>
      row.map((v, c) => (r > 0 && dates.includes(c) ? excelSerial(v) : r === 1 && rows[0]?.[c] === '数量' ? '十' : v)),
    );
    const formats = rows.map((row, r) => row.map((_, c) => (r > 0 && dates.includes(c) ? 'yyyy/m/d' : 'General')));
    const page = await openTaskpane({ 請求明細: { values, formats } });
    await page.getByRole('tab', { name: '設定' }).click();
    await page.getByLabel('名称').fill('株式会社サンプル商事');
    await page.getByLabel('登録番号（T＋13桁）').fill('T5010001234566');
    await page.getByLabel('住所').fill('東京都千代田区千代田1-1');
    await page.getByLabel('電話番号').fill('03-1234-5678');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#set-status').textContent()).toBe('保存しました。');
    await page.getByRole('tab', { name: '請求書' }).click();
    const pane = page.locator('#pane-invoice');
    await pane.getByLabel('請求明細の範囲（見出し行つき）').fill(`請求明細!A1:Q${rows.length}`);
    // Every format select lists core's formats (JOURNAL_FORMAT_NAMES), in their order.
    for (const id of ['rec', 'pay', 'inv']) {
      expect(await page.locator(`#${id}-journal-format option`).allTextContents()).toEqual([
        '弥生会計',
        'マネーフォワード クラウド会計',
        'CSV',
      ]);
    }
    await pane.getByLabel('仕訳の形式').selectOption('mf');
    const downloading = page.waitForEvent('download');
    await pane.getByRole('button', { name: '仕訳シートを作成してファイルを保存' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('仕訳_請求_mf.csv');
    await expect
      .poll(() => page.locator('#inv-status').textContent())
      .toBe('仕訳シート「仕訳_請求」を作成し、仕訳_請求_mf.csv を保存しました（3件）。下の誤りがある請求書 1件は計上していません。');
    const listed = await page.locator('#inv-problems li').allTextContents();
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatch(/^請求明細 2行目 \/ row 2 列「数量」\/ column 数量 値「十」: /);
    const sheet = (await page.evaluate("window.__standIn.sheet('仕訳_請求')")) as { values: unknown[][] };
    expect(sheet.values[0]).toEqual(['仕訳番号', '日付', '貸借', '勘定科目', '補助科目', '部門', '税区分', '金額', '税額', '摘要']);
    // INV-2026-05-002 (2 lines: one rate, no 源泉徴収 from a company), INV-2026-05-003 (3), CN-2026-05-001 (2)
    expect(sheet.values.slice(1).map((r) => r[0])).toEqual([1, 1, 2, 2, 2, 3, 3]);
    expect(sheet.values[1]?.slice(1, 9)).toEqual(['2026-05-31', '借方', '売掛金', '山田デザイン事務所', '', '対象外', 168_520, 0]);
    const file = decodeCp932(readFileSync(String(await download.path())))
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(file[0]).toEqual([...MF_COLUMNS]);
    expect(file.every((r) => r.length === 27)).toBe(true);
    // One row per line of a compound entry, under the entry's 取引No; a two-line entry (INV-2026-05-002, the credit note) is one row.
    expect(file.slice(1).map((r) => r[0])).toEqual(['1', '2', '2', '2', '3']);
    expect([file[5]?.[1], file[5]?.[2], file[5]?.[6], file[5]?.[8], file[5]?.[9], file[5]?.[10], file[5]?.[16]]).toEqual([
      '2026/05/31',
      '売上高',
      '課税売上 (軽)8%',
      '8916',
      '660',
      '売掛金',
      '8916',
    ]);
    await page.screenshot({ path: 'test-results/addin-invoice-journal.png', fullPage: true });
    await page.close();
  }, 30_000);

  it('runs the 年末調整 tab: the result sheet with a rejected row listed, then the 源泉徴収票 ZIP', async () => {
    const employees = [...NTA_EMPLOYEES, ['1002', '佐藤 花子', '1995-09-01', '東京都', 250_000, 0, '甲']];
    const declarations = [...NTA_DECLARATIONS, ['1002', '', 'x']];
    const totals = [...NTA_TOTALS, ['1002', 3_000_000, 60_000, 450_000]];
    const page = await openTaskpane({ 社員: { values: employees }, 申告書: { values: declarations }, 年間合計: { values: totals } });
    await page.getByRole('tab', { name: '設定' }).click();
    await page.getByLabel('名称').fill('株式会社ウラカタ');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#set-status').textContent()).toBe('保存しました。');
    await page.getByRole('tab', { name: '年末調整' }).click();
    const pane = page.locator('#pane-nencho');
    await pane.getByLabel('社員マスタの範囲（見出し行つき）').fill('社員!A1:G3');
    await pane.getByLabel('申告書の範囲（見出し行つき）').fill('申告書!A1:L3');
    await pane.getByLabel('給与の範囲（年間合計、または給与一覧）').fill('年間合計!A1:D3');
    // Blank is the year being adjusted by the clock (this year, last year in January): the test names its year.
    expect(await pane.getByLabel('年分（西暦）').inputValue()).toBe('');
    await pane.getByLabel('年分（西暦）').fill('2026');
    await page.getByRole('button', { name: '年末調整を実行' }).click();
    await expect
      .poll(() => page.locator('#nen-status').textContent(), { timeout: 15_000 })
      .toBe('「年末調整 令和8年分」を作成しました（1人）。下の 1件の誤りに関わる社員は含めていません。直してもう一度実行してください。');
    expect(await page.locator('#nen-problems li').allTextContents()).toEqual([
      expect.stringMatching(/^申告書!A1:L3 3行目 \/ row 3 列「特定扶養」\/ column 特定扶養 値「x」: /),
    ]);
    const sheet = (await page.evaluate("window.__standIn.sheet('年末調整 令和8年分')")) as { values: unknown[][] };
    expect(sheet.values.map((r) => r[0])).toEqual(['employee_id', '1001']);
    expect(sheet.values[1]?.[(sheet.values[0] ?? []).indexOf('difference')]).toBe(-115_270);
    await page.screenshot({ path: 'test-results/addin-nencho.png', fullPage: true });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '源泉徴収票PDFを保存（ZIP）' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('withholding-slips-2026.zip');
    const zip = readFileSync(String(await download.path()));
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    // One stored entry, 1001.pdf: its name follows the 30-byte local header.
    expect(zip.subarray(30, 38).toString('utf8')).toBe('1001.pdf');
    expect(zip.subarray(38, 43).toString('latin1')).toBe('%PDF-');
    await expect
      .poll(() => page.locator('#nen-status').textContent())
      .toBe('源泉徴収票 1人分を withholding-slips-2026.zip に保存しました。下の 1件の誤りに関わる社員の分は含めていません。');
    await page.close();
  }, 40_000);

  it('builds the payroll sheet and downloads the payslip ZIP from the employee and attendance sheets', async () => {
    const rows = (f: string) =>
      readFileSync(new URL(`../../examples/payroll/${f}`, import.meta.url), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(',').map((c) => (/^[1-9]\d*$/.test(c) ? Number(c) : c)));
    const employees = rows('employees.csv');
    const attendance = rows('attendance.csv');
    const yearEnd = [
      ['employee_id', 'difference', 'year', 'pay_dates'],
      ['1001', -5000, 2026, '2026-12-25'],
    ];
    const page = await openTaskpane({ 社員: { values: employees }, 勤怠: { values: attendance }, 年末調整: { values: yearEnd } });
    await page.getByRole('tab', { name: '給与' }).click();
    const pane = page.locator('#pane-payroll');
    await pane.getByLabel('社員マスタの範囲（見出し行つき）').fill('社員');
    await pane.getByLabel('勤怠の範囲（見出し行つき）').fill('勤怠');
    await page.getByLabel('支給日').fill('2026-05-25');
    await page.getByRole('button', { name: '給与一覧を作成' }).click();
    await page.waitForFunction(() => document.getElementById('pay-status')?.textContent?.startsWith('給与一覧'), undefined, {
      timeout: 15_000,
    });
    const sheet = (await page.evaluate("window.__standIn.sheet('給与_2026-05-25')")) as { values: unknown[][] };
    expect(sheet.values).toHaveLength(employees.length);
    expect(sheet.values[0]?.[0]).toBe('employee_id');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '給与明細PDFを保存（ZIP）' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('payslips-2026-05-25.zip');
    const zip = readFileSync(String(await download.path()));
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    await expect
      .poll(() => page.locator('#pay-status').textContent())
      .toBe(`給与明細 ${employees.length - 1}人分を payslips-2026-05-25.zip に保存しました。`);

    // December's pay with the 年末調整 result: its refund goes into 1001's pay, and the payslips are made with it.
    await page.getByLabel('支給日').fill('2026-12-25');
    await pane.getByLabel('年末調整の結果の範囲（その年最後の給与で精算するとき。任意）').fill('年末調整');
    await page.getByRole('button', { name: '給与一覧を作成' }).click();
    await page.waitForFunction(() => document.getElementById('pay-status')?.textContent?.includes('2026-12-25'), undefined, {
      timeout: 15_000,
    });
    const december = (await page.evaluate("window.__standIn.sheet('給与_2026-12-25')")) as { values: unknown[][] };
    const column = december.values[0]?.indexOf('year_end_adjustment') ?? -1;
    expect(december.values.map((r) => r[column])).toEqual(['year_end_adjustment', 5000, 0, 0, 0, 0]);
    const slips = page.waitForEvent('download');
    await page.getByRole('button', { name: '給与明細PDFを保存（ZIP）' }).click();
    expect((await slips).suggestedFilename()).toBe('payslips-2026-12-25.zip');
    await page.close();
  }, 40_000);
});
