/**
 * The sidebar in headless Chromium, talking to the built Code.js through a google.script.run
 * stand-in: an invoice batch and a 消込 run end to end, with screenshots in test-results/.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankCsv, generateDataset, openItemsCsv } from '../../bench/reconcile-data.js';
import { PAYROLL } from '../../core/sheet-functions/payroll.js';
import { RECONCILE_COLUMNS } from '../../core/reconcile/report.js';
import { NTA_DECLARATIONS } from '../core/sheet-functions/cases.js';
import { launchChromium } from '../chromium.js';
import { openSidebar } from './browser.js';
import {
  type Built,
  buildAppsScript,
  execution,
  type FetchCall,
  invoiceLinesSheet,
  newWorld,
  sheetFromCsv,
  type World,
  sheetFromFile,
} from './harness.js';
import { decodeCp932 } from '../../core/csv/encoding.js';
import { cliFile } from './cli.js';

/** A 弥生 import file's rows, each split into its columns (no cell of these holds a comma). */
const yayoiRows = (bytes: Uint8Array) =>
  decodeCp932(bytes)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));

let built: Built;
let browser: BrowserContext;
beforeAll(async () => {
  built = await buildAppsScript();
  browser = await launchChromium({ width: 300, height: 900 }); // the sidebar's width in Sheets
  await mkdir('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const API = 'https://api.urakata.example';
/** Server calls run synchronously in this process; on a busy machine a 消込 step takes seconds. */
const WAIT = { timeout: 60_000 };

const BATCH = '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d5e';

function invoiceWorld(): World {
  const world = newWorld();
  execution(built, world).call('uraSaveSettings', { endpoint: API, key: 'tenant-secret-1234' });
  world.book.addSheet('請求明細', [
    ['invoice_no', 'issue_date', 'customer_code', 'amount'],
    ['INV-001', '2026-05-31', 'C001', 100000],
    ['INV-002', '2026-05-31', 'C002', 'abc'],
  ]);
  world.book.addSheet('発行者', [
    ['項目', '値'],
    ['name', '株式会社サンプル商事'],
    ['registration_number', 'T5010001234566'],
    ['bank.bank_name', 'みずほ銀行'],
  ]);
  let polls = 0;
  world.fetch = (call: FetchCall) => {
    if (call.method === 'post') {
      const body = JSON.parse(call.payload) as { size: number; issuer: { bank: { bank_name: string } } };
      if (body.issuer.bank.bank_name !== 'みずほ銀行' || body.size <= 0) return { code: 400, body: '{}' };
      return { code: 201, body: JSON.stringify({ batchId: BATCH, uploadUrl: 'https://s3.example/up?sig', method: 'PUT' }) };
    }
    if (call.method === 'put') return { code: 200, body: '' };
    if (call.url === `${API}/v1/invoice-batches/${BATCH}`) {
      polls++;
      return {
        code: 200,
        body: JSON.stringify(
          polls < 2
            ? { id: BATCH, state: 'running', counts: { invoices: 1, rejected: 1 }, progress: { chunks: 1, chunks_done: 0 } }
            : {
                id: BATCH,
                state: 'done',
                counts: { invoices: 1, issued: 1, unchanged: 0, rejected: 1, conflicts: 0, warnings: 0 },
                zipUrl: 'https://s3.example/b-7/invoices.zip?sig',
                errorsUrl: 'https://s3.example/b-7/errors.csv?sig',
              },
        ),
      };
    }
    if (call.url.startsWith('https://s3.example/b-7/errors.csv')) {
      return {
        code: 200,
        body: 'file,row,column,value,message\n請求明細.csv,3,amount,abc,金額が数値ではありません / amount is not a number\n',
      };
    }
    return { code: 404, body: '' };
  };
  return world;
}

function reconcileWorld(): World {
  const world = newWorld();
  const data = generateDataset({ seed: 7, customers: 1_500, itemsPerCustomer: 6, deposits: 12_000 });
  world.book.addSheet('入金明細', sheetFromCsv(bankCsv(data.lines)));
  world.book.addSheet('請求残高', sheetFromCsv(openItemsCsv(data.items)));
  return world;
}

describe('sidebar page', () => {
  it('runs a 消込 over several executions, survives one that dies, and resumes after the sidebar is reopened', async () => {
    const world = reconcileWorld();
    let journalCsv = '';
    // Each execution may write one 5,000-row chunk; the second continuation dies at the time limit.
    const first = await openSidebar(browser, built, world, 'reconcile', { budgetMs: 0, kill: { name: 'uraJobStep', nth: 2 } });
    try {
      world.book.select('入金明細', 'A1:E12001');
      await first.page.click('[data-pick="rec-bank"]');
      world.book.select('請求残高', `A1:J${world.book.getSheetByName('請求残高')?.rows.length}`);
      await first.page.click('[data-pick="rec-open"]');
      await expect.poll(() => first.page.inputValue('#rec-open'), WAIT).toMatch(/^'請求残高'!A1:J\d+$/);
      await first.page.click('#rec-run');
      await expect.poll(() => first.page.textContent('#rec-errors'), WAIT).toContain('Exceeded maximum execution time');
      expect(await first.page.textContent('#rec-status')).toBe('消込できませんでした。 / Reconciliation failed.');
    } finally {
      await first.page.close();
    }
    const again = await openSidebar(browser, built, world, 'reconcile', { budgetMs: 0 });
    try {
      expect(await again.page.isVisible('#rec-pending')).toBe(true);
      expect(await again.page.textContent('#rec-pending-text')).toBe(
        '前回の消込が途中です（10,000 / 12,001 行）。 / The last run stopped part way.',
      );
      expect(await again.page.inputValue('#rec-bank')).toBe("'入金明細'!A1:E12001");
      await again.page.click('#rec-resume');
      await expect
        .poll(() => again.page.textContent('#rec-status'))
        .toMatch(
          /^完了: 「消込結果」シートに 12,000 行を書き出しました。\n自動消込 [\d,]+ 件・要確認 [\d,]+ 件・未消込 [\d,]+ 件\nDone: 12,000 rows written to 消込結果 \([\d,]+ matched, [\d,]+ suggested, [\d,]+ unmatched\)\.$/,
        );
      expect(await again.page.getAttribute('#rec-progress', 'value')).toBe('12001');
      await again.page.screenshot({ path: 'test-results/sheets-sidebar-reconcile.png', fullPage: true });
      await again.page.selectOption('#rec-journal-format', 'csv');
      const [download] = await Promise.all([again.page.waitForEvent('download', WAIT), again.page.click('#rec-journal')]);
      expect(download.suggestedFilename()).toBe('仕訳_消込_csv.csv');
      await expect
        .poll(() => again.page.textContent('#rec-status'), WAIT)
        .toMatch(
          /^仕訳シート「仕訳_消込」を作成し、「仕訳_消込_csv\.csv」をダウンロードしました（[\d,]+件）。 \/ Made the journal sheet 仕訳_消込 and downloaded 仕訳_消込_csv\.csv \([\d,]+ entries\)\.$/,
        );
      journalCsv = readFileSync(await download.path(), 'utf8');
    } finally {
      await again.page.close();
    }
    expect([...first.calls, ...again.calls].filter((c) => c.startsWith('uraJob'))).toEqual([
      'uraJobPending',
      'uraJobStart',
      'uraJobStep',
      'uraJobStep',
      'uraJobPending',
      'uraJobStep',
    ]);
    const result = world.book.getSheetByName('消込結果')?.values() ?? [];
    expect(result).toHaveLength(12_001);
    expect(result[0]).toEqual([...RECONCILE_COLUMNS]);
    const journal = world.book.getSheetByName('仕訳_消込')?.values() ?? [];
    expect(new Set(journal.slice(1).map((r) => r[0])).size).toBe(result.filter((r) => r[5] === 'auto').length);
    // The neutral CSV the sidebar wrote holds the sheet's lines, one row each.
    expect(journalCsv.trimEnd().split('\r\n')).toHaveLength(journal.length);
  }, 120_000);

  it('builds the 給与 sheet from the picked ranges, downloads the 全銀 file, and writes 仕訳_2026-05-25 with the 弥生 file of `urakata payroll --journal`', async () => {
    const world = newWorld();
    world.book.addSheet('社員', sheetFromFile('examples/payroll/employees.csv'));
    world.book.addSheet('勤怠', sheetFromFile('examples/payroll/attendance.csv'));
    const company = JSON.parse(readFileSync('examples/payroll/company.json', 'utf8')) as Record<string, string>;
    world.book.addSheet('会社', [['項目', '値'], ...Object.entries(company)]);
    const { page } = await openSidebar(browser, built, world, 'payroll');
    try {
      world.book.select('社員', 'A1:U6');
      await page.click('[data-pick="pay-employees"]');
      await expect.poll(() => page.inputValue('#pay-employees'), WAIT).toBe("'社員'!A1:U6");
      world.book.select('勤怠', 'A1:F6');
      await page.click('[data-pick="pay-attendance"]');
      await expect.poll(() => page.inputValue('#pay-attendance'), WAIT).toBe("'勤怠'!A1:F6");
      await page.fill('#pay-date', '2026-05-25');
      await page.click('#pay-run');
      await expect.poll(() => page.textContent('#pay-status'), WAIT).toContain('完了: 「給与_2026-05-25」シートに 5 行を書き出しました。');
      expect(world.book.getSheetByName('給与_2026-05-25')?.values()).toHaveLength(6);
      world.book.select('会社', 'A1:B9');
      await page.click('[data-pick="pay-company"]');
      await expect.poll(() => page.inputValue('#pay-company'), WAIT).toBe("'会社'!A1:B9");
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pay-zengin')]);
      expect(download.suggestedFilename()).toBe('zengin-salary-2026-05-25.txt');
      const bytes = readFileSync(await download.path());
      const direct = execution(built, world).call('uraPayrollZengin', "'社員'!A1:U6", "'勤怠'!A1:F6", '2026-05-25', "'会社'!A1:B9") as {
        base64: string;
      };
      expect(bytes).toEqual(Buffer.from(direct.base64, 'base64'));
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('1110');
      await expect
        .poll(() => page.textContent('#pay-status'), WAIT)
        .toBe(
          '全銀ファイル「zengin-salary-2026-05-25.txt」をダウンロードしました。 / Downloaded the Zengin file zengin-salary-2026-05-25.txt.',
        );
      // The 仕訳: the sheet from the server, the 弥生 file written in the sidebar, as `urakata payroll --journal` writes it.
      expect(await page.inputValue('#pay-journal-format')).toBe('yayoi');
      const [journal] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#pay-journal')]);
      expect(journal.suggestedFilename()).toBe('仕訳_2026-05-25_yayoi.csv');
      await expect
        .poll(() => page.textContent('#pay-status'), WAIT)
        .toBe(
          '仕訳シート「仕訳_2026-05-25」を作成し、「仕訳_2026-05-25_yayoi.csv」をダウンロードしました（2件）。' +
            ' / Made the journal sheet 仕訳_2026-05-25 and downloaded 仕訳_2026-05-25_yayoi.csv (2 entries).',
        );
      const file = readFileSync(await journal.path());
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
      expect(file.equals(cli)).toBe(true);
      const rows = yayoiRows(file);
      expect(rows.map((r) => r[0])).toEqual(['2110', ...Array(8).fill('2100'), '2101', '2000']);
      expect(rows.every((r) => r.length === 25)).toBe(true);
      expect(rows[0]?.slice(3, 10)).toEqual(['2026/05/25', '給料手当', '', '', '対象外', '1662757', '']);
      expect(rows[9]?.slice(10, 16)).toEqual(['普通預金', '', '', '対象外', '1516072', '']);
      expect(rows[10]?.slice(4, 17)).toEqual([
        '法定福利費',
        '',
        '',
        '対象外',
        '257460',
        '',
        '未払金',
        '社会保険料',
        '',
        '対象外',
        '257460',
        '',
        '給与 2026-05-25支給 法定福利費（事業主負担）',
      ]);
      expect(world.book.getSheetByName('仕訳_2026-05-25')?.values()).toHaveLength(1 + 12);

      // December's pay with the 年末調整 result: 1001's refund in the table and in the 全銀 file's net pay.
      world.book.addSheet('年末調整', [
        ['employee_id', 'difference', 'year', 'pay_dates'],
        ['1001', -5000, 2026, '2026-12-25'],
      ]);
      await page.fill('#pay-date', '2026-12-25');
      world.book.select('年末調整', 'A1:D2');
      await page.click('[data-pick="pay-year-end"]');
      await expect.poll(() => page.inputValue('#pay-year-end'), WAIT).toBe("'年末調整'!A1:D2");
      await page.click('#pay-run');
      await expect.poll(() => page.textContent('#pay-status'), WAIT).toContain('「給与_2026-12-25」');
      const december = world.book.getSheetByName('給与_2026-12-25')?.values() ?? [];
      const column = december[0]?.indexOf('year_end_adjustment') ?? -1;
      expect(december.map((r) => r[column])).toEqual(['year_end_adjustment', 5000, 0, 0, 0, 0]);
      const [settled] = await Promise.all([page.waitForEvent('download'), page.click('#pay-zengin')]);
      const withRefund = execution(built, world).call(
        'uraPayrollZengin',
        "'社員'!A1:U6",
        "'勤怠'!A1:F6",
        '2026-12-25',
        "'会社'!A1:B9",
        "'年末調整'!A1:D2",
      ) as { base64: string };
      const plain = execution(built, world).call('uraPayrollZengin', "'社員'!A1:U6", "'勤怠'!A1:F6", '2026-12-25', "'会社'!A1:B9") as {
        base64: string;
      };
      expect(readFileSync(await settled.path())).toEqual(Buffer.from(withRefund.base64, 'base64'));
      expect(withRefund.base64).not.toBe(plain.base64);
      await page.screenshot({ path: 'test-results/sheets-sidebar-payroll.png', fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('books the 消込 tab’s automatic matches as 仕訳_消込 and downloads the 弥生 file; a name Shift_JIS cannot hold is listed and the CSV saved', async () => {
    const world = newWorld();
    world.book.addSheet('入金明細', sheetFromFile('examples/reconcile/bank.csv'));
    world.book.addSheet('請求残高', sheetFromFile('examples/reconcile/open-items.csv'));
    const { page, calls } = await openSidebar(browser, built, world, 'reconcile');
    try {
      await page.fill('#rec-bank', "'入金明細'!A1:I12");
      await page.fill('#rec-open', "'請求残高'!A1:J11");
      expect(await page.inputValue('#rec-journal-format')).toBe('yayoi');
      // Every format select lists core's formats (JOURNAL_FORMAT_NAMES), in their order, in both languages.
      for (const id of ['rec', 'pay', 'inv']) {
        expect(await page.locator(`#${id}-journal-format option`).allTextContents()).toEqual([
          '弥生会計 / Yayoi',
          'マネーフォワード クラウド会計 / Money Forward',
          'CSV',
        ]);
      }
      const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#rec-journal')]);
      expect(download.suggestedFilename()).toBe('仕訳_消込_yayoi.csv');
      await expect
        .poll(() => page.textContent('#rec-status'), WAIT)
        .toBe(
          '仕訳シート「仕訳_消込」を作成し、「仕訳_消込_yayoi.csv」をダウンロードしました（7件）。' +
            ' / Made the journal sheet 仕訳_消込 and downloaded 仕訳_消込_yayoi.csv (7 entries).',
        );
      const file = readFileSync(await download.path());
      const cli = await cliFile(
        { 'bank.csv': readFileSync('examples/reconcile/bank.csv'), 'open-items.csv': readFileSync('examples/reconcile/open-items.csv') },
        'reconcile --bank bank.csv --open-items open-items.csv --out r.csv --journal j.txt --journal-format yayoi'.split(' '),
        'j.txt',
      );
      expect(file.equals(cli)).toBe(true);
      const rows = yayoiRows(file);
      // The first deposit paid less the fee it deducted: 普通預金 and 支払手数料 against 売掛金, three rows; the others one each.
      expect(rows.map((r) => r[0])).toEqual(['2110', '2100', '2101', ...Array(6).fill('2000')]);
      expect(rows.every((r) => r.length === 25)).toBe(true);
      expect(rows[1]?.slice(3, 17)).toEqual([
        '2026/06/01',
        '支払手数料',
        '',
        '',
        '課対仕入込10%',
        '440',
        '',
        '',
        '',
        '',
        '',
        '0',
        '',
        '入金 ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ 株式会社山田商事 振込手数料（先方差引）',
      ]);
      expect(rows[3]?.slice(3, 17)).toEqual([
        '2026/06/02',
        '普通預金',
        '',
        '',
        '対象外',
        '330000',
        '',
        '売掛金',
        'タマホーム株式会社',
        '',
        '対象外',
        '330000',
        '',
        '入金 ﾀﾏﾎ-ﾑ(ｶ タマホーム株式会社',
      ]);
      expect(await page.locator('#rec-errors li').count()).toBe(0);

      // A customer name with a character Shift_JIS lacks: the sheet is written, the file is not, each cell listed.
      const open = world.book.getSheetByName('請求残高');
      for (const row of open?.rows ?? []) if (row[2] === 'タマホーム株式会社') row[2] = 'タマホーム株式会社🏠';
      await page.selectOption('#rec-journal-format', 'mf');
      await page.click('#rec-journal');
      await expect
        .poll(() => page.textContent('#rec-status'), WAIT)
        .toBe(
          '仕訳シート「仕訳_消込」を作成しましたが、ファイルは作成できませんでした（下の理由。CSV形式なら作成できます）。' +
            ' / Made the journal sheet 仕訳_消込, but not the file (reasons below; the CSV format can hold them).',
        );
      const reasons = await page.locator('#rec-errors li').allTextContents();
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons.every((r) => r.includes('🏠') && r.includes('Shift_JIS'))).toBe(true);
      expect(
        world.book
          .getSheetByName('仕訳_消込')
          ?.values()
          .some((r) => r[4] === 'タマホーム株式会社🏠'),
      ).toBe(true);
      await page.selectOption('#rec-journal-format', 'csv');
      const [csv] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#rec-journal')]);
      expect(csv.suggestedFilename()).toBe('仕訳_消込_csv.csv');
      expect(readFileSync(await csv.path(), 'utf8')).toContain('\r\n2,2026-06-02,credit,売掛金,タマホーム株式会社🏠,,対象外,330000,0,');
      expect(await page.locator('#rec-errors li').count()).toBe(0);
      expect(calls.filter((c) => c === 'uraReconcileJournal')).toHaveLength(3);
      await page.screenshot({ path: 'test-results/sheets-sidebar-reconcile-journal.png', fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('starts one API 消込 for a double click on 「APIで実行」: the buttons are off from the click, not only once the upload is done', async () => {
    const world = newWorld();
    execution(built, world).call('uraSaveSettings', { endpoint: API, key: 'tenant-secret-1234' });
    world.book.addSheet('入金明細', sheetFromFile('examples/reconcile/bank.csv'));
    world.book.addSheet('請求残高', sheetFromFile('examples/reconcile/open-items.csv'));
    world.fetch = () => ({ code: 503, body: '' });
    const { page, calls } = await openSidebar(browser, built, world, 'reconcile');
    try {
      await page.fill('#rec-bank', "'入金明細'!A1:I12");
      await page.fill('#rec-open', "'請求残高'!A1:J11");
      await page.$eval('#rec-api', (b) => {
        (b as HTMLButtonElement).click();
        (b as HTMLButtonElement).click();
      });
      await expect.poll(() => page.locator('#rec-errors li').count(), WAIT).toBeGreaterThan(0);
      expect(calls.filter((c) => c === 'uraReconcileApiStart')).toHaveLength(1);
      expect(await page.isDisabled('#rec-api')).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('runs the 年末調整 tab: picks the ranges, adds two payroll sheets to the pay, writes the sheet, lists a rejected row and downloads the 源泉徴収票 ZIP', async () => {
    const world = newWorld();
    const staff = [
      ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
      ['1001', '山田 太郎', '1980-04-15', '東京都', 600_000, 4, '甲', 160],
      ['1002', '佐藤 花子', '1995-09-01', '東京都', 250_000, 0, '甲', 160],
    ];
    world.book.addSheet('社員', staff);
    world.book.addSheet('申告書', [NTA_DECLARATIONS[0] ?? [], NTA_DECLARATIONS[1] ?? [], ['1002', '', 'x']]);
    const months = ['2026-01-23', '2026-02-25'].map((d) => PAYROLL(staff, [['社員番号']], d));
    for (const [i, m] of months.entries()) world.book.addSheet(`給与_2026-0${i + 1}`, m);
    const { page, calls } = await openSidebar(browser, built, world, 'nencho');
    try {
      expect(await page.isVisible('#pane-nencho')).toBe(true);
      world.book.select('社員', 'A1:H3');
      await page.click('[data-pick="nen-employees"]');
      world.book.select('申告書', 'A1:L3');
      await page.click('[data-pick="nen-declarations"]');
      await expect.poll(() => page.inputValue('#nen-declarations'), WAIT).toBe("'申告書'!A1:L3");
      for (const sheet of ['給与_2026-01', '給与_2026-02']) {
        world.book.select(sheet, 'A1:X3');
        await page.click('[data-pick="nen-pay"]');
        await expect.poll(() => page.inputValue('#nen-pay'), WAIT).toContain(sheet);
      }
      expect(await page.inputValue('#nen-pay')).toBe("'給与_2026-01'!A1:X3; '給与_2026-02'!A1:X3");
      // Blank is the year being adjusted by the clock (this year, last year in January): the test names its year.
      expect(await page.inputValue('#nen-year')).toBe('');
      await page.fill('#nen-year', '2026');
      await page.click('#nen-run');
      await expect
        .poll(() => page.textContent('#nen-status'), WAIT)
        .toBe(
          '完了: 「年末調整 令和8年分」シートに 1 人を書き出しました。下の 1 件の誤りに関わる社員は含めていません。\n' +
            'Done: 1 employees written to 年末調整 令和8年分. Employees concerned by the 1 problem(s) below are left out.',
        );
      expect(await page.locator('#nen-errors li').allTextContents()).toEqual([
        expect.stringMatching(/^'申告書'!A1:L3 3行目 \/ row 3 列「特定扶養」\/ column 特定扶養 値「x」: /),
      ]);
      const sheet = world.book.getSheetByName('年末調整 令和8年分')?.values() ?? [];
      expect(sheet.map((r) => r[0])).toEqual(['employee_id', '1001']);

      // The slips: the renderer comes from the server once, the font from the CDN (the package's own files here).
      const fonts: string[] = [];
      await page.route('https://cdn.jsdelivr.net/**', (route) => {
        const url = route.request().url();
        fonts.push(url);
        const file = /noto-sans-jp@[\d.]+\/(.+)$/.exec(url)?.[1] ?? '';
        return route.fulfill({
          headers: { 'access-control-allow-origin': '*', 'content-type': 'font/ttf' },
          body: readFileSync(`node_modules/@expo-google-fonts/noto-sans-jp/${file}`),
        });
      });
      world.book.addSheet('支払者', [
        ['項目', '値'],
        ['name', '株式会社ウラカタ'],
      ]);
      world.book.select('支払者', 'A1:B2');
      await page.click('[data-pick="nen-payer"]');
      await expect.poll(() => page.inputValue('#nen-payer'), WAIT).toBe("'支払者'!A1:B2");
      const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#nen-slips')]);
      expect(download.suggestedFilename()).toBe('withholding-slips-2026.zip');
      const zip = readFileSync(await download.path());
      expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
      expect(zip.subarray(30, 38).toString('utf8')).toBe('1001.pdf');
      expect(zip.subarray(38, 43).toString('latin1')).toBe('%PDF-');
      await expect
        .poll(() => page.textContent('#nen-status'), WAIT)
        .toBe(
          '源泉徴収票 1 人分「withholding-slips-2026.zip」をダウンロードしました。下の 1 件の誤りに関わる社員の分は含めていません。\n' +
            'Downloaded 1 withholding slips as withholding-slips-2026.zip. Employees concerned by the 1 problem(s) below are left out.',
        );
      expect(fonts).toHaveLength(2);
      expect(calls.filter((c) => c === 'uraSlipRenderer')).toHaveLength(1);
      await page.screenshot({ path: 'test-results/sheets-sidebar-nencho.png', fullPage: true });
    } finally {
      await page.close();
    }
  }, 90_000);

  it('sends the selected invoice rows, polls the batch and shows the download link and rejected rows', async () => {
    const world = invoiceWorld();
    world.book.select('請求明細', 'A2:D3');
    const { page, calls } = await openSidebar(browser, built, world, 'invoices', { pollMs: 20 });
    try {
      expect(await page.isVisible('#pane-invoices')).toBe(true);
      await page.click('[data-pick="inv-range"]');
      await expect.poll(() => page.inputValue('#inv-range'), WAIT).toBe("'請求明細'!A2:D3");
      world.book.select('発行者', 'A1:B4');
      await page.click('[data-pick="inv-issuer"]');
      await expect.poll(() => page.inputValue('#inv-issuer'), WAIT).toBe("'発行者'!A1:B4");
      await page.click('#inv-send');
      await page.waitForSelector('#inv-links a', WAIT);
      expect(await page.getAttribute('#inv-links a', 'href')).toBe('https://s3.example/b-7/invoices.zip?sig');
      // The counts named as the CLI and the Excel pane name them; the rejected rows listed as the Excel pane lists them.
      expect(await page.textContent('#inv-status')).toBe(
        `バッチ ${BATCH}: 完了（請求書 1件・発行 1件・発行済みで変更なし 0件・却下 1件・番号の衝突 0件・警告 0件）` +
          ' / batch done (invoices 1, issued 1, unchanged 0, rejected 1, conflicts 0, warnings 0)',
      );
      // errors.csv names the uploaded CSV's line; the sidebar says it as the sheet and its row.
      expect(await page.locator('#inv-errors li').allTextContents()).toEqual([
        '請求明細 3行目 / row 3 列「amount」/ column amount 値「abc」: 金額が数値ではありません / amount is not a number',
      ]);
      expect(calls.filter((c) => c.startsWith('uraInvoice'))).toEqual([
        'uraInvoiceBatchSend',
        'uraInvoiceBatchStatus',
        'uraInvoiceBatchStatus',
      ]);
      await page.screenshot({ path: 'test-results/sheets-sidebar-invoices.png', fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('books the selected invoice rows as 仕訳_請求 and downloads the 弥生 file the sidebar writes, an invoice with a bad row listed', async () => {
    const world = newWorld();
    const csv = readFileSync('examples/invoices/lines.csv', 'utf8').replace('紙コップ,2,', '紙コップ,二,');
    world.book.addSheet('請求明細', invoiceLinesSheet(csv));
    const issuer = JSON.parse(readFileSync('examples/invoices/issuer.json', 'utf8')) as Record<string, unknown>;
    world.book.addSheet('発行者', [
      ['項目', '値'],
      ...Object.entries(issuer).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ]);
    const { page, calls } = await openSidebar(browser, built, world, 'invoices');
    try {
      world.book.select('請求明細', 'A2:Q9');
      await page.click('[data-pick="inv-range"]');
      await expect.poll(() => page.inputValue('#inv-range'), WAIT).toBe("'請求明細'!A2:Q9");
      await page.fill('#inv-issuer', "'発行者'!A1:B10");
      expect(await page.inputValue('#inv-journal-format')).toBe('yayoi');
      const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#inv-journal')]);
      expect(download.suggestedFilename()).toBe('仕訳_請求_yayoi.csv');
      await expect
        .poll(() => page.textContent('#inv-status'), WAIT)
        .toBe(
          '仕訳シート「仕訳_請求」を作成し、「仕訳_請求_yayoi.csv」をダウンロードしました（3件）。下の誤りがある請求書 1 件は計上していません。' +
            ' / Made the journal sheet 仕訳_請求 and downloaded 仕訳_請求_yayoi.csv (3 entries). The 1 invoice(s) with the problems below are not booked.',
        );
      expect(await page.locator('#inv-errors li').allTextContents()).toEqual([
        expect.stringMatching(/^請求明細 7行目 \/ row 7: 同じ請求書の他の行にエラーがあるため/),
        expect.stringMatching(/^請求明細 8行目 \/ row 8 列「数量」\/ column 数量 値「二」: /),
      ]);
      const sheet = world.book.getSheetByName('仕訳_請求')?.values() ?? [];
      // INV-2026-05-001 (3 lines), INV-2026-05-002 (2: one rate, no 源泉徴収 from a company), CN-2026-05-001 (2)
      expect(sheet.slice(1).map((r) => r[0])).toEqual([1, 1, 1, 2, 2, 3, 3]);
      expect(sheet[4]?.slice(2, 9)).toEqual(['借方', '売掛金', '山田デザイン事務所', '', '対象外', 168_520, 0]);
      // Shift_JIS, made in the browser: 2110 … 2101 for the three-line entry, 2000 for each two-line one.
      const rows = decodeCp932(readFileSync(await download.path()))
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(','));
      expect(rows.map((r) => r[0])).toEqual(['2110', '2100', '2101', '2000', '2000']);
      expect(rows.every((r) => r.length === 25)).toBe(true);
      expect(rows[3]?.slice(3, 16)).toEqual([
        '2026/05/31',
        '売掛金',
        '山田デザイン事務所',
        '',
        '対象外',
        '168520',
        '',
        '売上高',
        '',
        '',
        '課税売上込10%',
        '168520',
        '15320',
      ]);
      expect(calls.filter((c) => c.startsWith('uraInvoice'))).toEqual(['uraInvoiceJournal']);
      await page.screenshot({ path: 'test-results/sheets-sidebar-invoice-journal.png', fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('says so when a name cannot go into the Shift_JIS file, and saves it as CSV', async () => {
    const world = newWorld();
    const csv = readFileSync('examples/invoices/lines.csv', 'utf8').replaceAll('合同会社みどり食品', '合同会社みどり食品🍵');
    world.book.addSheet('請求明細', invoiceLinesSheet(csv));
    const issuer = JSON.parse(readFileSync('examples/invoices/issuer.json', 'utf8')) as Record<string, unknown>;
    world.book.addSheet('発行者', [
      ['項目', '値'],
      ...Object.entries(issuer).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ]);
    const { page } = await openSidebar(browser, built, world, 'invoices');
    try {
      await page.fill('#inv-range', "'請求明細'!A1:Q9");
      await page.fill('#inv-issuer', "'発行者'!A1:B9");
      await page.selectOption('#inv-journal-format', 'mf');
      await page.click('#inv-journal');
      await expect
        .poll(() => page.textContent('#inv-status'), WAIT)
        .toBe(
          '仕訳シート「仕訳_請求」を作成しましたが、ファイルは作成できませんでした（下の理由。CSV形式なら作成できます）。' +
            ' / Made the journal sheet 仕訳_請求, but not the file (reasons below; the CSV format can hold them).',
        );
      const reasons = await page.locator('#inv-errors li').allTextContents();
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons.every((r) => r.includes('🍵') && r.includes('Shift_JIS'))).toBe(true);
      await page.selectOption('#inv-journal-format', 'csv');
      const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#inv-journal')]);
      expect(download.suggestedFilename()).toBe('仕訳_請求_csv.csv');
      const text = readFileSync(await download.path(), 'utf8');
      expect(text.startsWith('\uFEFFentry_no,date,side,account,sub_account,department,tax_category,amount,tax,memo\r\n')).toBe(true);
      expect(text).toContain('\r\n3,2026-05-31,debit,売掛金,合同会社みどり食品🍵,,対象外,10999,0,');
      expect(await page.locator('#inv-errors li').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('saves the API settings without ever showing the stored key', async () => {
    const world = newWorld();
    const { page } = await openSidebar(browser, built, world, 'settings');
    try {
      await page.fill('#set-endpoint', `${API}/`);
      await page.fill('#set-key', 'tenant-secret-9876');
      await page.click('#set-save');
      await expect.poll(() => page.textContent('#set-status'), WAIT).toBe('保存しました。 / Saved.');
      expect(await page.textContent('#set-key-hint')).toBe('登録済みのキー: …9876 / key on file: …9876');
      expect(await page.inputValue('#set-key')).toBe('');
      expect(await page.content()).not.toContain('tenant-secret');
      expect(world.userProperties.store.get('urakata.api.key')).toBe('tenant-secret-9876');
    } finally {
      await page.close();
    }
  });

  it('shows a server error in Japanese instead of failing silently', async () => {
    const world = newWorld();
    const { page } = await openSidebar(browser, built, world, 'settings');
    try {
      await page.fill('#set-endpoint', 'http://plain.example');
      await page.click('#set-save');
      await expect.poll(() => page.textContent('#set-status'), WAIT).toContain('https:// で始めてください');
    } finally {
      await page.close();
    }
  });
});
