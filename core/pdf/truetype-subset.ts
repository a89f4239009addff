/**
 * TrueType subsetting by copying glyph records straight from the font file.
 *
 * pdfkit's font library decodes every glyph of the subset into objects and encodes the tables
 * back through a generic struct writer: about a millisecond per invoice, a fifth of the whole.
 * A glyph record in the `glyf` table can be copied as it is (only a composite glyph's component
 * ids change), so this writer slices the bytes out of the TTF and writes the tables a PDF needs
 * (ISO 32000 9.9: head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm) with their checksums.
 *
 * Static TrueType outlines only: a CFF font or a variable font is left to pdfkit (the caller
 * gets null from `trueTypeFont`).
 */
import { type CodedPiece, HuffmanCode } from './deflate.js';

/** Table offsets and the metrics a subset needs, read once per font file. */
export interface TrueTypeFont {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly tables: ReadonlyMap<string, { readonly offset: number; readonly length: number }>;
  /** Start of each glyph in `glyf`, relative to the table (numGlyphs + 1 entries). */
  readonly loca: Uint32Array;
  readonly glyfOffset: number;
  readonly hmtxOffset: number;
  readonly numberOfHMetrics: number;
}

const parsed = new WeakMap<Uint8Array, TrueTypeFont | null>();

/**
 * The font's tables, or null when it is not a static TrueType-outline font this writer handles.
 * @example trueTypeFont(notoSansJpBytes)?.loca.length // 17104
 */
export function trueTypeFont(bytes: Uint8Array): TrueTypeFont | null {
  const known = parsed.get(bytes);
  if (known !== undefined) return known;
  const font = parse(bytes);
  parsed.set(bytes, font);
  return font;
}

function parse(bytes: Uint8Array): TrueTypeFont | null {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x00010000) return null; // 'OTTO' (CFF) and collections are not handled
  const tables = new Map<string, { offset: number; length: number }>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  const hmtx = tables.get('hmtx');
  // A variable font's outlines change with its axes (gvar): copying the default outlines would be wrong.
  if (!head || !hhea || !maxp || !loca || !glyf || !hmtx || tables.has('gvar')) return null;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const longOffsets = view.getInt16(head.offset + 50) === 1;
  const offsets = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) {
    offsets[g] = longOffsets ? view.getUint32(loca.offset + 4 * g) : 2 * view.getUint16(loca.offset + 2 * g);
  }
  return {
    bytes,
    view,
    tables,
    loca: offsets,
    glyfOffset: glyf.offset,
    hmtxOffset: hmtx.offset,
    numberOfHMetrics: view.getUint16(hhea.offset + 34),
  };
}

// Composite glyph component flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * Writes the subset font file. `glyphs` lists original glyph ids in subset order (new id = index);
 * `include` adds a composite glyph's component and returns its new id (it may append to `glyphs`,
 * which is read again as it grows).
 * @example encodeSubset(font, [0, 1234], (gid) => subset.includeGlyph(gid)) // TTF bytes
 */
export function encodeSubset(font: TrueTypeFont, glyphs: readonly number[], include: (gid: number) => number): Uint8Array {
  return buildSubset(font, glyphs, include).file;
}

/**
 * The subset font file as a zlib stream (PDF FlateDecode), and its length before compression.
 * Glyph records are Huffman-coded with one code per font, each record once per process: a
 * document's font program is then mostly coded pieces put side by side.
 * @example encodeSubsetDeflated(font, [0, 1234], (gid) => subset.includeGlyph(gid)).length // TTF length
 */
export function encodeSubsetDeflated(
  font: TrueTypeFont,
  glyphs: readonly number[],
  include: (gid: number) => number,
): { readonly stream: Uint8Array; readonly length: number } {
  const { file, glyfStart, records } = buildSubset(font, glyphs, include);
  const { code, coded } = fontCompression(font);
  const pieces: (Uint8Array | CodedPiece)[] = [file.subarray(0, glyfStart)];
  let at = glyfStart;
  for (const r of records) {
    const bytes = file.subarray(at, at + r.length);
    if (r.copied) {
      let piece = coded.get(r.gid);
      if (!piece) {
        piece = code.code(bytes);
        coded.set(r.gid, piece);
      }
      pieces.push(piece);
    } else {
      pieces.push(bytes);
    }
    at += r.length;
  }
  pieces.push(file.subarray(at));
  return { stream: code.stream(pieces), length: file.length };
}

const compressions = new WeakMap<TrueTypeFont, { code: HuffmanCode; coded: Map<number, CodedPiece> }>();

/**
 * The font's Huffman code, from the byte frequencies of all its outlines (the same code in every
 * process, so PDFs stay reproducible; a subset's own frequencies would save under 1 %).
 */
function fontCompression(font: TrueTypeFont): { code: HuffmanCode; coded: Map<number, CodedPiece> } {
  let c = compressions.get(font);
  if (!c) {
    const freq = new Uint32Array(256);
    const glyf = font.bytes.subarray(font.glyfOffset, font.glyfOffset + (font.loca[font.loca.length - 1] ?? 0));
    for (let i = 0; i < glyf.length; i++) {
      const b = glyf[i] as number;
      freq[b] = (freq[b] as number) + 1;
    }
    // Every byte value gets a code: tables other than glyf may hold values no outline has.
    for (let b = 0; b < 256; b++) freq[b] = (freq[b] as number) + 1;
    c = { code: new HuffmanCode(freq), coded: new Map() };
    compressions.set(font, c);
  }
  return c;
}

interface SubsetLayout {
  readonly file: Uint8Array;
  /** Where the glyf table starts in `file`; its records follow one another from there. */
  readonly glyfStart: number;
  /** Each record: its glyph id, length, and whether it is the font's own bytes unchanged. */
  readonly records: readonly { readonly gid: number; readonly length: number; readonly copied: boolean }[];
}

function buildSubset(font: TrueTypeFont, glyphs: readonly number[], include: (gid: number) => number): SubsetLayout {
  const { bytes, view, loca } = font;
  const records: Uint8Array[] = [];
  const layout: { gid: number; length: number; copied: boolean }[] = [];
  const advances: number[] = [];
  const bearings: number[] = [];
  let glyfLength = 0;
  for (let i = 0; i < glyphs.length; i++) {
    const gid = glyphs[i] ?? 0;
    const start = font.glyfOffset + (loca[gid] ?? 0);
    const end = font.glyfOffset + (loca[gid + 1] ?? 0);
    let record = bytes.subarray(start, end);
    let copied = true;
    if (record.length >= 10 && view.getInt16(start) < 0) {
      copied = false;
      record = record.slice();
      const rv = new DataView(record.buffer, record.byteOffset, record.byteLength);
      let at = 10;
      for (;;) {
        const flags = rv.getUint16(at);
        rv.setUint16(at + 2, include(rv.getUint16(at + 2)));
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
        if (!(flags & MORE_COMPONENTS)) break;
      }
    }
    records.push(record);
    layout.push({ gid, length: record.length, copied });
    glyfLength += record.length;
    const metric = Math.min(gid, font.numberOfHMetrics - 1);
    advances.push(view.getUint16(font.hmtxOffset + 4 * metric));
    bearings.push(
      gid < font.numberOfHMetrics
        ? view.getInt16(font.hmtxOffset + 4 * gid + 2)
        : view.getInt16(font.hmtxOffset + 4 * font.numberOfHMetrics + 2 * (gid - font.numberOfHMetrics)),
    );
  }
  const n = records.length;

  const glyf = new Uint8Array(glyfLength);
  const locaOut = new Uint8Array(4 * (n + 1));
  const locaView = new DataView(locaOut.buffer);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const record = records[i] as Uint8Array;
    locaView.setUint32(4 * i, offset);
    glyf.set(record, offset);
    offset += record.length;
  }
  locaView.setUint32(4 * n, offset);

  const hmtx = new Uint8Array(4 * n);
  const hmtxView = new DataView(hmtx.buffer);
  for (let i = 0; i < n; i++) {
    hmtxView.setUint16(4 * i, advances[i] ?? 0);
    hmtxView.setInt16(4 * i + 2, bearings[i] ?? 0);
  }

  const head = copyTable(font, 'head');
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set once the whole file is known
  headView.setInt16(50, 1); // indexToLocFormat: long offsets
  const hhea = copyTable(font, 'hhea');
  new DataView(hhea.buffer).setUint16(34, n);
  const maxp = copyTable(font, 'maxp');
  new DataView(maxp.buffer).setUint16(4, n);

  const out: [string, Uint8Array][] = [
    ['head', head],
    ['hhea', hhea],
    ['loca', locaOut],
    ['maxp', maxp],
  ];
  for (const tag of ['cvt ', 'prep']) if (font.tables.has(tag)) out.push([tag, copyTable(font, tag)]);
  out.push(['glyf', glyf], ['hmtx', hmtx]);
  if (font.tables.has('fpgm')) out.push(['fpgm', copyTable(font, 'fpgm')]);
  const { file, offsets } = writeFontFile(out);
  return { file, glyfStart: offsets.get('glyf') ?? 0, records: layout };
}

function copyTable(font: TrueTypeFont, tag: string): Uint8Array {
  const t = font.tables.get(tag);
  return t ? font.bytes.slice(t.offset, t.offset + t.length) : new Uint8Array(0);
}

/** The sfnt wrapper: table directory with checksums, each table padded to 4 bytes. */
function writeFontFile(tables: readonly [string, Uint8Array][]): { file: Uint8Array; offsets: Map<string, number> } {
  const count = tables.length;
  let size = 12 + 16 * count;
  for (const [, data] of tables) size += (data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= count) {
    searchRange *= 2;
    entrySelector++;
  }
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, searchRange * 16);
  view.setUint16(8, entrySelector);
  view.setUint16(10, count * 16 - searchRange * 16);
  let offset = 12 + 16 * count;
  const offsets = new Map<string, number>();
  tables.forEach(([tag, data], i) => {
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k);
    out.set(data, offset);
    view.setUint32(at + 4, checksum(view, offset, data.length));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, data.length);
    offsets.set(tag, offset);
    offset += (data.length + 3) & ~3;
  });
  // The head table's checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const headOffset = offsets.get('head');
  if (headOffset !== undefined) view.setUint32(headOffset + 8, (0xb1b0afba - checksum(view, 0, size)) >>> 0);
  return { file: out, offsets };
}

function checksum(view: DataView, offset: number, length: number): number {
  let sum = 0;
  const end = offset + ((length + 3) & ~3);
  for (let at = offset; at < end; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}
