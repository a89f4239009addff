/**
 * Excel workbooks (.xlsx) for tests, written part by part as Excel writes them: shared strings
 * with furigana (<rPh>), styles with a date format, rows and cells with references, a ZIP of
 * deflated parts.
 */
import { deflateRawSync } from 'node:zlib';
import { parseCsv } from '../../core/csv/parse.js';
import { crc32 } from '../../core/sheet-functions/zip.js';

/** A cell: text (a shared string), a number (General), or a stored value with its type and style. */
export type TestCell = string | number | null | { v: string; t?: string; s?: number; f?: string; phonetic?: string; inline?: boolean };

export interface TestSheet {
  readonly name: string;
  readonly rows: readonly (readonly TestCell[])[];
  readonly state?: 'hidden';
  /** Row numbers to write (default 1, 2, 3 …): a sheet leaves out empty rows. */
  readonly rowNumbers?: readonly number[];
}

/** Styles: 0 General, 1 yyyy/m/d (built-in 14), 2 a custom 和暦 date, 3 percent (9), 4 h:mm (20), 5 #,##0 (3). */
export const STYLE = { general: 0, date: 1, wareki: 2, percent: 3, time: 4, thousands: 5 } as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function letters(index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

export function workbookParts(sheets: readonly TestSheet[], options: { date1904?: boolean } = {}): Map<string, string> {
  const strings: string[] = [];
  const stringXml: string[] = [];
  const shared = (text: string, phonetic?: string) => {
    strings.push(text);
    stringXml.push(
      `<si><t xml:space="preserve">${esc(text)}</t>${phonetic ? `<rPh sb="0" eb="${text.length}"><t>${esc(phonetic)}</t></rPh><phoneticPr fontId="1"/>` : ''}</si>`,
    );
    return strings.length - 1;
  };
  const parts = new Map<string, string>();
  const ns =
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  sheets.forEach((sheet, si) => {
    const rows = sheet.rows.map((cells, ri) => {
      const r = sheet.rowNumbers?.[ri] ?? ri + 1;
      const cs = cells.map((cell, ci) => {
        if (cell === null) return '';
        const ref = `${letters(ci)}${r}`;
        if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
        if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
        if (cell.inline) return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell.v)}</t></is></c>`;
        if (cell.t === 's') return `<c r="${ref}" t="s"><v>${shared(cell.v, cell.phonetic)}</v></c>`;
        const t = cell.t ? ` t="${cell.t}"` : '';
        const s = cell.s ? ` s="${cell.s}"` : '';
        return `<c r="${ref}"${s}${t}>${cell.f ? `<f>${esc(cell.f)}</f>` : ''}<v>${esc(cell.v)}</v></c>`;
      });
      return `<row r="${r}" spans="1:${cells.length}">${cs.join('')}</row>`;
    });
    parts.set(
      `xl/worksheets/sheet${si + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${ns}><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows.join('')}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    );
  });
  parts.set(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook ${ns}><workbookPr${options.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/><sheets>${sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  const n = sheets.length;
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  parts.set(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  parts.set(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${stringXml.join('')}</sst>`,
  );
  parts.set(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  return parts;
}

/**
 * A ZIP of the given parts, each deflated (or stored), as Excel's archives are. `declared` gives a
 * part a size other than its own in the headers, as a zip bomb does.
 */
export function zipParts(
  parts: ReadonlyMap<string, string | Uint8Array>,
  method: 0 | 8 = 8,
  declared: ReadonlyMap<string, number> = new Map(),
): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    const packed = method === 8 ? deflateRawSync(data) : Buffer.from(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30 + nameBytes.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declared.get(name) ?? data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    nameBytes.copy(local, 30);
    const central = Buffer.alloc(46 + nameBytes.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(declared.get(name) ?? data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    nameBytes.copy(central, 46);
    locals.push(local, packed);
    centrals.push(central);
    offset += local.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/**
 * An .xlsx of the given sheets.
 * @example makeXlsx([{ name: 'Sheet1', rows: [['社員番号', '氏名'], ['E001', '山田 太郎']] }])
 */
export function makeXlsx(sheets: readonly TestSheet[], options: { date1904?: boolean } = {}): Uint8Array {
  return zipParts(workbookParts(sheets, options));
}

const DAY_MS = 86_400_000;

/**
 * A CSV file as an accountant's workbook holds the same table: amounts as numbers (`109,560` a
 * number shown #,##0), dates as date serials shown yyyy/m/d, codes with leading zeros and
 * everything else as text.
 * @example csvAsXlsx('日付,金額\n2026-06-01,"109,560"\n') // a one-sheet .xlsx
 */
export function csvAsXlsx(csv: string, name = 'Sheet1'): Uint8Array {
  const rows = parseCsv(csv).records.map((r) =>
    r.fields.map((f): TestCell => {
      if (f === '') return null;
      if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(f)) return Number(f);
      if (/^-?[1-9]\d{0,2}(,\d{3})+$/.test(f)) return { v: f.replace(/,/g, ''), s: STYLE.thousands };
      const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(f);
      if (d)
        return { v: String((Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) - Date.UTC(1899, 11, 30)) / DAY_MS), s: STYLE.date };
      return f;
    }),
  );
  return makeXlsx([{ name, rows }]);
}
