/**
 * Apps Script in a box: the built Code.js run in a fresh Node `vm` context, as Apps Script runs
 * every execution (a new global scope, all script files evaluated), with stand-ins for the
 * services the add-on uses. The stand-ins keep their state outside the context, so one fake
 * spreadsheet can live through several simulated executions.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { parseCsv } from '../../core/csv/parse.js';

type Value = string | number | boolean | Date;

export interface Built {
  readonly dir: string;
  readonly code: string;
  readonly sidebar: string;
  /** SlipRenderer.html: the 源泉徴収票 renderer the sidebar fetches through uraSlipRenderer. */
  readonly slipRenderer: string;
  readonly manifest: { timeZone: string; runtimeVersion: string; oauthScopes: string[] };
  readonly customFunctions: string[];
  readonly missing: string[];
  readonly globals: string[];
  readonly inputs: string[];
}

let built: Promise<Built> | undefined;

/** Builds dist output once per test file, into a temp folder (never the shared dist/). */
export function buildAppsScript(): Promise<Built> {
  built ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'urakata-gas-'));
    // Through a URL: the build script is plain JavaScript without type declarations.
    const script = pathToFileURL(resolve('scripts/build-apps-script.mjs')).href;
    const { build } = (await import(script)) as {
      build(o: { outDir: string }): Promise<{ customFunctions: string[]; missing: string[]; globals: string[]; inputs: string[] }>;
    };
    const result = await build({ outDir: dir });
    return {
      dir,
      code: await readFile(join(dir, 'Code.js'), 'utf8'),
      sidebar: await readFile(join(dir, 'Sidebar.html'), 'utf8'),
      slipRenderer: await readFile(join(dir, 'SlipRenderer.html'), 'utf8'),
      manifest: JSON.parse(await readFile(join(dir, 'appsscript.json'), 'utf8')),
      ...result,
    };
  })();
  return built;
}

/** Column letters → number ("A" → 1, "AA" → 27). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export class FakeSheet {
  rows: Value[][] = [];
  frozenRows = 0;
  hidden = false;
  constructor(
    public name: string,
    private readonly book: FakeSpreadsheet,
  ) {}
  getName() {
    return this.name;
  }
  getRange(row: number, column: number, numRows = 1, numColumns = 1) {
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  getLastRow() {
    return this.rows.length;
  }
  clear() {
    this.rows = [];
    return this;
  }
  setFrozenRows(n: number) {
    this.frozenRows = n;
  }
  hideSheet() {
    this.hidden = true;
    return this;
  }
  /** Test helper: the sheet's values, trailing blank cells trimmed per row. */
  values(): Value[][] {
    return this.rows.map((r) => [...r]);
  }
  get spreadsheet() {
    return this.book;
  }
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}
  getValues(): Value[][] {
    const out: Value[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const source = this.sheet.rows[this.row - 1 + r] ?? [];
      const line: Value[] = [];
      for (let c = 0; c < this.numColumns; c++) line.push(this.sheet.spreadsheet.toContext(source[this.column - 1 + c] ?? ''));
      out.push(line);
    }
    return out;
  }
  setValues(values: Value[][]) {
    if (values.length !== this.numRows || values.some((r) => r.length !== this.numColumns)) {
      throw new Error(`The number of rows or columns in the data does not match the range (${values.length} vs ${this.numRows})`);
    }
    values.forEach((line, r) => {
      const target = this.row - 1 + r;
      while (this.sheet.rows.length <= target) this.sheet.rows.push([]);
      const row = this.sheet.rows[target] as Value[];
      line.forEach((v, c) => {
        while (row.length < this.column - 1 + c) row.push('');
        row[this.column - 1 + c] = v;
      });
    });
    this.sheet.spreadsheet.writes++;
    return this;
  }
  getA1Notation() {
    const end = `${columnLetters(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
    const start = `${columnLetters(this.column)}${this.row}`;
    return start === end ? start : `${start}:${end}`;
  }
  getSheet() {
    return this.sheet;
  }
  getNumRows() {
    return this.numRows;
  }
  getNumColumns() {
    return this.numColumns;
  }
}

export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  active: FakeRange | null = null;
  writes = 0;
  /** File > Settings > Time zone: the zone Sheets counts the spreadsheet's dates and times in. */
  timeZone = 'Asia/Tokyo';
  /** Dates handed to Code.js must come from its own realm (`instanceof Date` inside the context). */
  toContext: (v: Value) => Value = (v) => v;

  addSheet(name: string, rows: Value[][]): FakeSheet {
    const sheet = new FakeSheet(name, this);
    sheet.rows = rows.map((r) => [...r]);
    this.sheets.push(sheet);
    return sheet;
  }
  select(sheetName: string, a1: string) {
    this.active = this.getRange(`'${sheetName}'!${a1}`);
  }
  getActiveRange() {
    return this.active;
  }
  getSpreadsheetTimeZone() {
    return this.timeZone;
  }
  /** Test helper: the Date Sheets gives for a cell typed `wall` ('2026-05-25', '1899-12-30T12:00'), counted in this spreadsheet's zone. */
  cellDate(wall: string): Date {
    const [date = '', time = '00:00'] = wall.split('T');
    const asUtc = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
    // The zone's offset at that moment, found as Sheets finds it: the UTC reading minus the wall reading.
    let at = asUtc;
    for (let i = 0; i < 3; i++) at = asUtc - (Date.parse(`${wallClockIn(new Date(at), this.timeZone).replace(' ', 'T')}Z`) - at);
    return this.toContext(new Date(at)) as Date;
  }
  getSheetByName(name: string) {
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  insertSheet(name: string) {
    if (this.getSheetByName(name)) throw new Error(`A sheet with the name "${name}" already exists.`);
    return this.addSheet(name, []);
  }
  getSheets() {
    return [...this.sheets];
  }
  deleteSheet(sheet: FakeSheet) {
    this.sheets = this.sheets.filter((s) => s !== sheet);
  }
  getRange(a1: string) {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1);
    if (!m) throw new Error(`Range not found: ${a1}`);
    const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] as string);
    const sheet = this.getSheetByName(name);
    if (!sheet) throw new Error(`Range not found: ${a1}`);
    const c1 = columnNumber(m[3] as string);
    const r1 = Number(m[4]);
    const c2 = m[5] ? columnNumber(m[5]) : c1;
    const r2 = m[6] ? Number(m[6]) : r1;
    return new FakeRange(sheet, r1, c1, r2 - r1 + 1, c2 - c1 + 1);
  }
}

export class FakeProperties {
  readonly store = new Map<string, string>();
  getProperty(k: string) {
    return this.store.get(k) ?? null;
  }
  setProperty(k: string, v: string) {
    if (v.length > 9 * 1024) throw new Error(`Argument too large: value (${v.length})`);
    this.store.set(k, v);
    return this;
  }
  deleteProperty(k: string) {
    this.store.delete(k);
    return this;
  }
}

export interface FetchCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string;
}

export type FetchHandler = (call: FetchCall) => { code: number; body: string };

export interface World {
  readonly book: FakeSpreadsheet;
  readonly userProperties: FakeProperties;
  readonly documentProperties: FakeProperties;
  readonly menus: { caption: string; items: [string, string][] }[];
  readonly sidebars: { file: string; title: string; appended: string[] }[];
  readonly fetches: FetchCall[];
  fetch: FetchHandler;
  /** Calls a service a custom function must never use (they run unauthorised). */
  readonly servicesUsed: Set<string>;
}

export function newWorld(): World {
  return {
    book: new FakeSpreadsheet(),
    userProperties: new FakeProperties(),
    documentProperties: new FakeProperties(),
    menus: [],
    sidebars: [],
    fetches: [],
    fetch: () => ({ code: 404, body: 'no handler' }),
    servicesUsed: new Set(),
  };
}

export const STAND_IN_NAMES = [
  'SpreadsheetApp',
  'HtmlService',
  'PropertiesService',
  'CacheService',
  'UrlFetchApp',
  'Utilities',
  'Logger',
  'console',
];

/** A moment's wall-clock reading in a zone, 'yyyy-MM-dd HH:mm:ss' (what Utilities.formatDate gives for that pattern). */
function wallClockIn(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** The service globals Apps Script provides, backed by `world`. */
function standIns(world: World, sidebarDir: string) {
  const used = (name: string) => world.servicesUsed.add(name);
  return {
    Utilities: {
      formatDate(date: Date, timeZone: string, format: string) {
        used('Utilities');
        if (format !== 'yyyy-MM-dd HH:mm:ss') throw new Error(`stand-in formats only yyyy-MM-dd HH:mm:ss, not ${format}`);
        return wallClockIn(date, timeZone);
      },
    },
    SpreadsheetApp: {
      getActiveSpreadsheet: () => {
        used('SpreadsheetApp');
        return world.book;
      },
      getUi: () => {
        used('SpreadsheetApp.getUi');
        return {
          createMenu(caption: string) {
            const menu = { caption, items: [] as [string, string][] };
            const builder = {
              addItem(label: string, fn: string) {
                menu.items.push([label, fn]);
                return builder;
              },
              addSeparator() {
                menu.items.push(['---', '']);
                return builder;
              },
              addToUi() {
                world.menus.push(menu);
              },
            };
            return builder;
          },
          showSidebar(page: { file: string; title: string; appended: string[] }) {
            world.sidebars.push(page);
          },
        };
      },
    },
    HtmlService: {
      createHtmlOutputFromFile(file: string) {
        used('HtmlService');
        // Apps Script resolves the name against the pushed files: the HTML files the build writes.
        if (!new Set(['Sidebar', 'SlipRenderer']).has(file)) throw new Error(`No HTML file named ${file} was found.`);
        const page = {
          file: `${sidebarDir}/${file}.html`,
          getContent: () => readFileSync(`${sidebarDir}/${file}.html`, 'utf8'),
          title: '',
          appended: [] as string[],
          setTitle(t: string) {
            page.title = t;
            return page;
          },
          append(html: string) {
            page.appended.push(html);
            return page;
          },
        };
        return page;
      },
    },
    PropertiesService: {
      getUserProperties: () => {
        used('PropertiesService');
        return world.userProperties;
      },
      getDocumentProperties: () => {
        used('PropertiesService');
        return world.documentProperties;
      },
      getScriptProperties: () => {
        used('PropertiesService');
        return new FakeProperties();
      },
    },
    CacheService: {
      getScriptCache: () => {
        used('CacheService');
        return new FakeProperties();
      },
      getUserCache: () => {
        used('CacheService');
        return new FakeProperties();
      },
      getDocumentCache: () => {
        used('CacheService');
        return new FakeProperties();
      },
    },
    UrlFetchApp: {
      fetch(url: string, options: { method?: string; headers?: Record<string, string>; payload?: string } = {}) {
        used('UrlFetchApp');
        const call = {
          url,
          method: (options.method ?? 'get').toLowerCase(),
          headers: options.headers ?? {},
          payload: options.payload ?? '',
        };
        world.fetches.push(call);
        const { code, body } = world.fetch(call);
        return { getResponseCode: () => code, getContentText: () => body };
      },
    },
    Logger: { log: () => undefined },
    console: { log: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined },
  };
}

export interface Execution {
  readonly context: vm.Context;
  /** Calls a global of Code.js, as a trigger, a menu item or google.script.run would. */
  call(name: string, ...args: unknown[]): unknown;
  /** Values built inside the context (e.g. a Date a sheet cell would hold). */
  evaluate(expression: string): unknown;
}

/** One Apps Script execution: a fresh global scope with Code.js evaluated in it. */
export function execution(built: Built, world: World): Execution {
  const context = vm.createContext(standIns(world, built.dir));
  vm.runInContext(built.code, context, { filename: 'Code.js' });
  const ContextDate = vm.runInContext('Date', context) as DateConstructor;
  world.book.toContext = (v) => (v instanceof Date ? new ContextDate(v.getTime()) : v);
  return {
    context,
    call(name, ...args) {
      const fn = (context as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new Error(`Code.js has no global function ${name}`);
      return fn(...args);
    },
    evaluate: (expression) => vm.runInContext(expression, context),
  };
}

/** A CSV as the sheet a user pastes it into: the named columns become numbers, as Sheets keeps them. */
export function sheetFromCsv(csv: string, numeric: readonly string[] = ['amount']): (string | number)[][] {
  const [header = [], ...rows] = parseCsv(csv).records.map((r) => [...r.fields]);
  const at = numeric.map((n) => header.indexOf(n));
  return [header, ...rows.map((r) => r.map((v, i) => (at.includes(i) && v !== '' ? Number(v) : v)))];
}

/** A CSV file as a sheet: numbers as numbers (codes with a leading zero, such as 0001, stay text). */
export function sheetFromFile(path: string): (string | number)[][] {
  return parseCsv(readFileSync(path, 'utf8')).records.map((r) => r.fields.map((f) => (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(f) ? Number(f) : f)));
}

/** examples/invoices/lines.csv as a sheet: numbers as numbers, date cells as the instants Sheets gives (midnight in Tokyo). */
export function invoiceLinesSheet(csv = readFileSync('examples/invoices/lines.csv', 'utf8')): Value[][] {
  const rows = sheetFromCsv(csv, []);
  const numbers = ['数量', '単価', '税率'].map((c) => rows[0]?.indexOf(c));
  const dates = ['請求日', '支払期限', '取引日'].map((c) => rows[0]?.indexOf(c));
  const cell = (v: string | number, c: number) =>
    dates.includes(c) ? new Date(`${v}T00:00:00+09:00`) : numbers.includes(c) && /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : v;
  return rows.map((row, r) => (r === 0 ? row : row.map(cell)));
}
