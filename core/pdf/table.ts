/**
 * Ruled tables that continue over pages: the header row is repeated on every page, and a row
 * never splits across a page break (a split line item on a 請求書 is easy to misread).
 */
import type { Align, PdfWriter } from './document.js';

export interface TableColumn {
  readonly header: string;
  /** Width in points. */
  readonly width: number;
  readonly align?: Align;
}

export interface TableRow {
  readonly cells: readonly string[];
  readonly bold?: boolean;
  /** Background colour of the row. */
  readonly fill?: string;
}

export interface TableOptions {
  /** Left edge (default: the page's left margin). */
  readonly x?: number;
  /** Font size (default 8.5). */
  readonly size?: number;
  readonly padding?: number;
  readonly headerFill?: string;
  /** Background of every other row. */
  readonly zebra?: string;
  readonly rule?: string;
  /** Lowest y a row may reach (default: the page's bottom). */
  readonly bottom?: number;
  /** Draws the running header of a new page and returns the y where the table continues. */
  readonly onNewPage?: (pdf: PdfWriter) => number;
}

/**
 * Draws `rows` under a header row starting at `y`; returns the y below the last row.
 * @example
 * const y2 = drawTable(pdf, 200, [{ header: '品目', width: 300 }, { header: '金額', width: 100, align: 'right' }],
 *   [{ cells: ['コピー用紙', '5,500'] }]);
 */
export function drawTable(
  pdf: PdfWriter,
  y: number,
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  options: TableOptions = {},
): number {
  const x0 = options.x ?? pdf.left;
  const size = options.size ?? 8.5;
  const pad = options.padding ?? 4;
  const rule = options.rule ?? '#9a9a9a';
  const totalWidth = columns.reduce((a, c) => a + c.width, 0);
  const lineHeight = pdf.heightOf('あ', { size });

  const rowHeight = (cells: readonly string[], bold: boolean | undefined): number => {
    let lines = lineHeight;
    columns.forEach((c, i) => {
      const t = cells[i] ?? '';
      if (t === '') return;
      const inner = c.width - 2 * pad;
      const style = { size, bold: bold ?? false };
      if (t.includes('\n') || pdf.widthOf(t, style) > inner) lines = Math.max(lines, pdf.heightOf(t, { ...style, width: inner }));
    });
    return lines + 2 * pad;
  };

  const drawRow = (cells: readonly string[], top: number, h: number, style: { bold?: boolean; fill?: string | undefined }): void => {
    if (style.fill) pdf.rect(x0, top, totalWidth, h, { fill: style.fill });
    let x = x0;
    columns.forEach((c, i) => {
      const t = cells[i] ?? '';
      if (t !== '')
        pdf.text(t, x + pad, top + pad, { size, bold: style.bold ?? false, width: c.width - 2 * pad, align: c.align ?? 'left' });
      x += c.width;
    });
    pdf.line(x0, top + h, x0 + totalWidth, top + h, { color: rule, width: 0.4 });
  };

  const header = columns.map((c) => c.header);
  const headerHeight = rowHeight(header, true);
  const drawHeader = (top: number): number => {
    pdf.line(x0, top, x0 + totalWidth, top, { width: 0.8 });
    drawRow(header, top, headerHeight, { bold: true, fill: options.headerFill ?? '#e8edf3' });
    pdf.line(x0, top + headerHeight, x0 + totalWidth, top + headerHeight, { width: 0.8 });
    return top + headerHeight;
  };

  let cursor = drawHeader(y);
  rows.forEach((row, index) => {
    const h = rowHeight(row.cells, row.bold);
    if (cursor + h > (options.bottom ?? pdf.bottom)) {
      pdf.addPage();
      cursor = drawHeader(options.onNewPage ? options.onNewPage(pdf) : pdf.top);
    }
    const fill = row.fill ?? (options.zebra && index % 2 === 1 ? options.zebra : undefined);
    drawRow(row.cells, cursor, h, { bold: row.bold ?? false, fill });
    cursor += h;
  });
  return cursor;
}
