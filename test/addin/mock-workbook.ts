/**
 * An Excel workbook for office-addin-mock: sheets whose ranges are created on demand by address,
 * so the taskpane's workbook code runs unchanged (load → sync → values) against it.
 */
import { OfficeMockObject } from 'office-addin-mock';
import type { ExcelRun } from '../../addin/taskpane/reconcile-actions.js';

export interface RangeData {
  values: unknown[][];
  numberFormat?: string[][];
  /** 0-based position of the range's first cell (for ranges read with rowIndex/columnIndex). */
  rowIndex?: number;
  columnIndex?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: mock objects grow properties at run time, as Excel's proxies do
type Mock = OfficeMockObject & Record<string, any>;

function rangeTemplate(address: string, data?: RangeData) {
  const values = data?.values ?? [];
  return {
    address,
    values,
    numberFormat: data?.numberFormat ?? values.map((r) => r.map(() => 'General')),
    rowIndex: data?.rowIndex ?? 0,
    columnIndex: data?.columnIndex ?? 0,
    rowCount: values.length,
    columnCount: values[0]?.length ?? 0,
    format: {
      fill: { color: '' },
      font: { bold: false },
      autofitColumns() {},
    },
    clear(this: Mock) {
      this.cleared = true;
    },
  };
}

function sheetTemplate(name: string, ranges: Record<string, RangeData>, used?: string) {
  return {
    name,
    visibility: 'Visible',
    ranges: Object.fromEntries(Object.entries(ranges).map(([a, d]) => [a, rangeTemplate(`${name}!${a}`, d)])),
    getRange(this: Mock, address?: string) {
      const a = address ?? 'ALL';
      if (this.ranges[a] === undefined) {
        this.ranges.addMock(a);
        this.ranges[a].populate(rangeTemplate(`${name}!${a}`));
      }
      return this.ranges[a];
    },
    /** The given used range, else the largest range written from A1. */
    getUsedRange(this: Mock) {
      if (used) return this.getRange(used);
      const fromA1 = [...(this.ranges._properties as Map<string, unknown>).keys()].filter((a) => a.startsWith('A1:'));
      const rows = (a: string) => Number(/(\d+)$/.exec(a)?.[1] ?? 0);
      const largest = fromA1.sort((a, b) => rows(b) - rows(a))[0];
      return this.getRange(largest ?? 'A1');
    },
    delete(this: Mock) {
      this.deleted = true;
    },
    activate(this: Mock) {
      this.active = true;
    },
    freezePanes: {
      freezeRows(this: Mock, n: number) {
        this.rows = n;
      },
    },
  };
}

export interface MockWorkbook {
  readonly run: ExcelRun;
  /** The live sheet of that name (the last one added under it). */
  sheet(name: string): Mock | undefined;
  /** How many times context.sync() was called. */
  syncs(): number;
  select(sheet: string, rowIndex: number, rowCount: number, address?: string): void;
}

/**
 * A workbook holding these sheets, each a map from A1 address to its cells.
 * @example mockWorkbook({ 入金明細: { ranges: { 'A1:C3': { values: [...] } } } })
 */
export function mockWorkbook(sheets: Record<string, { ranges: Record<string, RangeData>; used?: string }>): MockWorkbook {
  const live = new Map<string, string>();
  let serial = 0;
  let syncCount = 0;
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          items: {},
          getItem(this: Mock, name: string) {
            const key = live.get(name);
            if (key === undefined) throw new Error(`ItemNotFound: ${name}`);
            return this.items[key];
          },
          getItemOrNullObject(this: Mock, name: string) {
            const key = live.get(name);
            if (key === undefined || this.items[key].deleted === true) return { isNullObject: true };
            const sheet = this.items[key];
            sheet.isNullObject = false;
            return sheet;
          },
          add(this: Mock, name: string, ranges: Record<string, RangeData> = {}, used?: string) {
            const key = `s${serial++}`;
            this.items.addMock(key);
            this.items[key].populate(sheetTemplate(name, ranges, used));
            live.set(name, key);
            return this.items[key];
          },
        },
        selection: { address: '', rowIndex: 0, rowCount: 1, worksheet: { name: '' } },
        getSelectedRange(this: Mock) {
          return this.selection;
        },
      },
    },
  }) as Mock;
  const context = excel.context as Mock;
  const sync = context.sync.bind(context);
  context.sync = async () => {
    syncCount++;
    await sync();
  };
  for (const [name, s] of Object.entries(sheets)) context.workbook.worksheets.add(name, s.ranges, s.used);
  return {
    run: (batch) => batch(context as unknown as Excel.RequestContext),
    sheet: (name) => {
      const key = live.get(name);
      return key === undefined ? undefined : context.workbook.worksheets.items[key];
    },
    syncs: () => syncCount,
    select: (sheet, rowIndex, rowCount, address = '') => {
      const s = context.workbook.selection;
      s.address = address;
      s.rowIndex = rowIndex;
      s.rowCount = rowCount;
      s.worksheet.name = sheet;
    },
  };
}
