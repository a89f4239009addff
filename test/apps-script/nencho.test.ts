/**
 * The sidebar's 年末調整 in Code.js (a vm execution per call, as Apps Script runs it): the result
 * sheet from the employees, declarations and pay ranges, the same table as =URA_NENCHO, with the
 * employees an input error touches left out and listed; and the 源泉徴収票 ZIP the sidebar's slip
 * renderer (SlipRenderer.html) makes from the request the server reads.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../functions/fonts.js';
import type { YearEndRequest } from '../../core/sheet-functions/nencho.js';
import { type PayerInput, withholdingSlipsZip } from '../../core/sheet-functions/withholding-slips.js';
import { nenchoFunctions } from '../../core/sheet-functions/nencho.js';
import { PAYROLL } from '../../core/sheet-functions/payroll.js';
import { NTA_DECLARATIONS, NTA_EMPLOYEES, NTA_TOTALS } from '../core/sheet-functions/cases.js';
import { extractText } from '../helpers/pdf.js';
import { type Built, buildAppsScript, type Execution, execution, newWorld, type World } from './harness.js';

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

/** The NTA example in Sheets: the birth date a date cell, as Sheets holds one. */
const employees = [NTA_EMPLOYEES[0] ?? [], ['1001', '山田 太郎', new Date('1980-04-15T00:00:00+09:00'), '東京都', 600_000, 4, '甲']];
const range = (sheet: string, rows: readonly (readonly unknown[])[]) =>
  `'${sheet}'!A1:${String.fromCharCode(64 + (rows[0]?.length ?? 1))}${rows.length}`;

function world(declarations = NTA_DECLARATIONS): World {
  const w = newWorld();
  w.book.addSheet('社員', employees);
  w.book.addSheet('申告書', declarations);
  w.book.addSheet('年間合計', NTA_TOTALS);
  return w;
}

describe('年末調整 in the sidebar (server)', () => {
  it('writes 年末調整 令和8年分 from the ranges: the URA_NENCHO table, header frozen', () => {
    const w = world();
    const view = execution(built, w).call(
      'uraYearEnd',
      range('社員', employees),
      range('申告書', NTA_DECLARATIONS),
      range('年間合計', NTA_TOTALS),
      '2026',
    );
    expect(view).toEqual({ sheet: '年末調整 令和8年分', employees: 1, errors: 0, problems: [] });
    const sheet = w.book.getSheetByName('年末調整 令和8年分');
    expect(sheet?.values()).toEqual(nenchoFunctions({ today: '2026-12-10' }).NENCHO(NTA_EMPLOYEES, NTA_DECLARATIONS, NTA_TOTALS, 2026));
    expect(sheet?.frozenRows).toBe(1);
    const row = sheet?.values()[1] ?? [];
    expect(row[sheet?.values()[0]?.indexOf('difference') ?? -1]).toBe(-115_270);
  });

  it('sums the payroll ranges listed with ;, and replaces the sheet of an earlier run', () => {
    const staff = [
      ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '月平均所定労働時間'],
      ['1001', '山田 太郎', '1980-04-15', '東京都', 600_000, 4, '甲', 160],
    ];
    const w = world();
    const months = ['2026-01-23', '2026-02-25'].map((d) => PAYROLL(staff, [['社員番号']], d));
    for (const [i, m] of months.entries()) w.book.addSheet(`給与_2026-0${i + 1}`, m);
    w.book.addSheet('年末調整 令和8年分', [['old']]);
    const pays = months.map((m, i) => range(`給与_2026-0${i + 1}`, m)).join('; ');
    const view = execution(built, w).call('uraYearEnd', range('社員', employees), range('申告書', NTA_DECLARATIONS), pays, 2026) as {
      employees: number;
    };
    expect(view.employees).toBe(1);
    const values = w.book.getSheetByName('年末調整 令和8年分')?.values() ?? [];
    const gross = Number(months[0]?.[1]?.[months[0]?.[0]?.indexOf('gross_pay') ?? -1]);
    expect(values[1]?.[values[0]?.indexOf('total_pay') ?? -1]).toBe(2 * gross);
    expect(values.flat()).not.toContain('old');
  });

  it('lists a rejected row (行目 / row, 列 / column) and writes the other employees', () => {
    const declarations = [...NTA_DECLARATIONS, ['1002', '', 'x']];
    const w = world(declarations);
    w.book.getSheetByName('社員')?.rows.push(['1002', '佐藤 花子', '1995-09-01', '東京都', 250_000, 0, '甲']);
    w.book.getSheetByName('年間合計')?.rows.push(['1002', 3_000_000, 60_000, 450_000]);
    const view = execution(built, w).call('uraYearEnd', "'社員'!A1:G3", range('申告書', declarations), "'年間合計'!A1:D3", 2026) as {
      employees: number;
      errors: number;
      problems: string[];
    };
    expect(view.employees).toBe(1);
    expect(view.errors).toBe(1);
    expect(view.problems[0]).toMatch(/^'申告書'!A1:L3 3行目 \/ row 3 列「特定扶養」\/ column 特定扶養 値「x」: .+ \/ .+$/);
    expect(
      w.book
        .getSheetByName('年末調整 令和8年分')
        ?.values()
        .map((r) => r[0]),
    ).toEqual(['employee_id', '1001']);
  });

  it('writes nothing when every employee is rejected, and says why line by line', () => {
    const w = world([NTA_DECLARATIONS[0] ?? [], ['1001', '', 'x']]);
    const run = () =>
      execution(built, w).call('uraYearEnd', range('社員', employees), "'申告書'!A1:L2", range('年間合計', NTA_TOTALS), 2026);
    expect(run).toThrow(/^'申告書'!A1:L2 2行目 \/ row 2 列「特定扶養」\/ column 特定扶養 値「x」: /);
    expect(w.book.getSheetByName('年末調整 令和8年分')).toBeNull();
    expect(() =>
      execution(built, w).call('uraYearEnd', range('社員', employees), "'申告書'!A1:L2", range('年間合計', NTA_TOTALS), 2025),
    ).toThrow(/2025年分の年末調整の表は未収録です.*known: 2026/);
  });

  it('opens from the menu on its own tab', () => {
    const w = newWorld();
    const run = execution(built, w);
    run.call('onOpen');
    expect(w.menus[0]?.items).toContainEqual(['年末調整… / Year-end adjustment…', 'uraOpenNencho']);
    run.call('uraOpenNencho');
    expect(w.sidebars[0]?.appended).toEqual(['<meta name="urakata-pane" content="nencho">']);
  });
});

/** The entries of a stored ZIP (as storeZip writes it: no compression, sizes in the local headers). */
function unzipped(zip: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    out.set(name, zip.subarray(at + 30 + nameLength, at + 30 + nameLength + size));
    at += 30 + nameLength + size;
  }
  return out;
}

/** The fonts as the CDN serves them: the installed package files, by their path after the version. */
function cdnFile(url: string): Uint8Array | undefined {
  const m = /^https:\/\/cdn\.jsdelivr\.net\/npm\/@expo-google-fonts\/noto-sans-jp@[\d.]+\/(\w+\/NotoSansJP_\w+\.ttf)$/.exec(url);
  return m ? new Uint8Array(readFileSync(`node_modules/@expo-google-fonts/noto-sans-jp/${m[1]}`)) : undefined;
}

/** Runs the renderer script as the sidebar does (one <script>), with fetch answered by `serve`. */
function loadRenderer(serve: (url: string) => Uint8Array | undefined) {
  const html = built.slipRenderer;
  const script = html.replace(/^<script>/, '').replace(/<\/script>\n$/, '');
  const fetched: string[] = [];
  const context = vm.createContext({
    fetch: async (url: string) => {
      fetched.push(url);
      const bytes = serve(url);
      return bytes ? new Response(bytes as BlobPart) : new Response('', { status: 404 });
    },
    // What a browser page has and the renderer uses.
    crypto: globalThis.crypto,
    TextEncoder,
    TextDecoder,
    URL,
    atob,
    btoa,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    console,
    location: { href: 'https://n-1234-script.googleusercontent.com/userCodeAppPanel' },
  });
  context.self = context;
  context.window = context;
  vm.runInContext(script, context);
  const renderer = (
    context as {
      urakataSlips?: {
        render(input: unknown): Promise<{ name: string; bytes: Uint8Array; count: number; errors: number; problems: string[] }>;
      };
    }
  ).urakataSlips;
  if (!renderer) throw new Error('the renderer did not register');
  return { renderer, fetched };
}

describe('源泉徴収票 for the sidebar', () => {
  const payerRows = [
    ['項目', '値'],
    ['name', '株式会社ウラカタ'],
    ['address', '東京都千代田区丸の内一丁目1番1号'],
    ['phone', '03-1234-5678'],
  ];

  /** What the sidebar asks the server for before rendering: the NTA ranges and the payer range. */
  const slipInput = (run: Execution) =>
    run.call(
      'uraYearEndSlips',
      range('社員', employees),
      range('申告書', NTA_DECLARATIONS),
      range('年間合計', NTA_TOTALS),
      '2026',
      "'支払者'!A1:B4",
    ) as { request: YearEndRequest; payer: PayerInput };

  it('hands the sidebar the request and the payer read from the ranges, and the renderer script', () => {
    const w = world();
    w.book.addSheet('支払者', payerRows);
    const run = execution(built, w);
    const input = slipInput(run);
    expect(input.request.year).toBe(2026);
    expect('totals' in input.request.source).toBe(true);
    expect(input.payer).toEqual({
      json: { name: '株式会社ウラカタ', address: '東京都千代田区丸の内一丁目1番1号', phone: '03-1234-5678' },
      file: "'支払者'!A1:B4",
    });
    // Without a payer range the payer box stays empty.
    expect(
      run.call('uraYearEndSlips', range('社員', employees), range('申告書', NTA_DECLARATIONS), range('年間合計', NTA_TOTALS), 2026, ''),
    ).not.toHaveProperty('payer');
    expect(run.call('uraSlipRenderer')).toBe(built.slipRenderer);
  });

  it('renders with the pinned fonts the slips core renders, and refuses a font that is not the pinned file', async () => {
    const w = world();
    w.book.addSheet('支払者', payerRows);
    const input = slipInput(execution(built, w));
    // Through JSON, as google.script.run carries it.
    const carried = JSON.parse(JSON.stringify(input)) as typeof input;
    const { renderer, fetched } = loadRenderer(cdnFile);
    const zip = await renderer.render(carried);
    const expected = await withholdingSlipsZip(input.request, japaneseFonts(), input.payer);
    expect({ name: zip.name, count: zip.count, errors: zip.errors, problems: zip.problems }).toEqual({
      name: 'withholding-slips-2026.zip',
      count: 1,
      errors: 0,
      problems: [],
    });
    // The same slips as core renders in Node: the same text on the same layout (pdfkit's browser
    // build compresses page content with another deflate, so the bytes are not the same).
    const [got, want] = [unzipped(zip.bytes), unzipped(expected.bytes)];
    expect([...got.keys()]).toEqual(['1001.pdf']);
    expect(extractText(got.get('1001.pdf') ?? new Uint8Array())).toBe(extractText(want.get('1001.pdf') ?? new Uint8Array()));
    expect(extractText(got.get('1001.pdf') ?? new Uint8Array())).toContain('株式会社ウラカタ');
    expect(fetched).toEqual([
      'https://cdn.jsdelivr.net/npm/@expo-google-fonts/noto-sans-jp@0.4.3/400Regular/NotoSansJP_400Regular.ttf',
      'https://cdn.jsdelivr.net/npm/@expo-google-fonts/noto-sans-jp@0.4.3/700Bold/NotoSansJP_700Bold.ttf',
    ]);
    // The build pinned the installed files' digests.
    const pinned = createHash('sha256')
      .update(readFileSync('node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'))
      .digest('hex');
    expect(built.slipRenderer).toContain(pinned);

    const tampered = loadRenderer((url) => {
      const bytes = cdnFile(url);
      if (bytes) bytes[1000] = (bytes[1000] ?? 0) ^ 1;
      return bytes;
    });
    await expect(tampered.renderer.render(carried)).rejects.toThrow(/フォントが想定のファイルと違うため使いません/);
  }, 60_000);

  it('keeps the PDF renderer out of Code.js: it is the separate SlipRenderer.html', () => {
    expect(built.slipRenderer.startsWith('<script>')).toBe(true);
    expect(built.slipRenderer).toMatch(/PDFDocument|pdfkit/);
    expect(built.code).not.toMatch(/pdfkit|fontkit|PDFDocument/);
    expect(built.slipRenderer.match(/<\/script/gi)).toHaveLength(1);
  });
});
