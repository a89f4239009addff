/**
 * A small A4 drawing layer over pdfkit for Japanese business documents (請求書, 給与明細).
 *
 * Font bytes come in from the caller (core does no file I/O). The font is embedded as a subset:
 * only the glyphs used are written, so a one-page invoice stays around 40 KB even though the
 * TTF is 5 MB. The parsed font is cached per byte array, because parsing a 5 MB TTF per document
 * would cost more than drawing the whole page.
 *
 * Output is reproducible: the creation date is an argument (the issue date), never "now", so
 * the same data gives the same bytes — which is what lets a batch rerun recognise an invoice it
 * already issued.
 */
import PDFDocument from 'pdfkit';
import {
  addSubsetGlyphs,
  bufferPageContent,
  captureContent,
  collectOutput,
  currentFont,
  type DocumentFont,
  encodeGlyphs,
  encodeSubsetWith,
  endStream,
  type GlyphPosition,
  type GlyphRun,
  isFontOnPage,
  layoutLine,
  lineWidth,
  NO_DEFAULT_FONT,
  objectCount,
  type ParsedFont,
  pageFontOrder,
  parsedFont,
  pdfNumber,
  placeForm,
  putFontOnPage,
  registerFont,
  replaceLayoutCache,
  type StreamObject,
  type SubsetGlyphs,
  subsetGlyphs,
  subsetIsEmpty,
  writeDeflated,
  writeLine,
  writeToPage,
} from './pdfkit-internals.js';
import { encodeSubset, encodeSubsetDeflated, trueTypeFont } from './truetype-subset.js';

/** TTF bytes of the Japanese font (regular; bold optional — regular is used where bold is missing). */
export interface PdfFontBytes {
  readonly regular: Uint8Array;
  readonly bold?: Uint8Array;
}

export interface PdfDocumentOptions {
  readonly fonts: PdfFontBytes;
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  /** Search words (電帳法: date, amount, counterparty) — stored in the document info. */
  readonly keywords?: string;
  /** Written as CreationDate/ModDate. Fixed by the caller so output bytes are reproducible. */
  readonly creationDate: Date;
  /** Page margin in points (default 40 ≈ 14 mm). */
  readonly margin?: number;
  /** Footer "n / N" on every page (default true). */
  readonly pageNumbers?: boolean;
}

export type Align = 'left' | 'right' | 'center';

export interface TextStyle {
  /** Font size in points (default 9). */
  readonly size?: number;
  readonly bold?: boolean;
  /** Box width: the text wraps inside it and `align` applies. Without it, one unwrapped line. */
  readonly width?: number;
  readonly align?: Align;
  /** CSS-like colour, e.g. '#333333'. */
  readonly color?: string;
  readonly lineGap?: number;
}

export interface LineStyle {
  readonly width?: number;
  readonly color?: string;
}

export interface RectStyle {
  readonly fill?: string;
  readonly stroke?: string;
  readonly lineWidth?: number;
}

/** A4 in points (210 × 297 mm). */
export const A4 = { width: 595.28, height: 841.89 } as const;

const parsedFonts = new WeakMap<Uint8Array, ParsedFont>();
/**
 * Word layouts (OpenType shaping) shared by every document using the same parsed font: labels
 * such as 「小計（税抜）」 are shaped once per process, not once per invoice. pdfkit keeps the
 * cache per document and assigns glyphs to the document's own subset later, so sharing is safe.
 * Bounded so a 100,000-invoice batch of distinct names does not grow memory without limit.
 */
const sharedLayouts = new WeakMap<ParsedFont, Record<string, unknown>>();
const LAYOUT_CACHE_LIMIT = 5_000;
let documentsSinceCheck = 0;

/** A layer drawn once (PdfWriter.stamp): its form XObject, and what it put in each font and the page. */
interface Stamp {
  /** The parsed fonts it was drawn with, in the document's order. */
  readonly parsed: readonly (ParsedFont | undefined)[];
  /** The form's content, compressed. */
  readonly stream: Uint8Array;
  /** Per font: the glyphs it added to the subset, in order, with their widths and text. */
  readonly glyphs: readonly SubsetGlyphs[];
  /** Fonts it placed on the page, in order (each font's object is created on first use). */
  readonly fonts: readonly number[];
}
/** The layer last recorded under each key (PdfWriter.stamp). */
const stamps = new WeakMap<object, Stamp>();

const REGULAR = 'jp-regular';
const BOLD = 'jp-bold';

/**
 * One PDF being drawn. Coordinates are points from the top-left corner of the page.
 * @example
 * const pdf = new PdfWriter({ fonts: { regular }, title: '請求書', creationDate: new Date('2026-05-31') });
 * pdf.text('請求書', pdf.left, pdf.top, { size: 20, bold: true });
 * const bytes = await pdf.finish();
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly margin: number;
  readonly width = A4.width;
  readonly height = A4.height;
  private readonly chunks: Uint8Array[] = [];
  /** What pdfkit writes after the header: binary strings (one byte per character) and bytes. */
  private readonly tail: (string | Uint8Array)[];
  private readonly done: Promise<void>;
  private readonly pageNumbers: boolean;
  private readonly hasBold: boolean;
  /** The fill colour last set outside save/restore, per page. */
  private readonly fills = new WeakMap<object, string>();
  /** The document's fonts (bold first when given, then regular), as pdfkit embeds them. */
  private readonly fonts: DocumentFont[] = [];

  constructor(options: PdfDocumentOptions) {
    this.margin = options.margin ?? 40;
    this.pageNumbers = options.pageNumbers ?? true;
    const info: PDFKit.DocumentInfo = {
      Title: options.title,
      Producer: 'Urakata',
      Creator: 'Urakata',
      CreationDate: options.creationDate,
      ModDate: options.creationDate,
    };
    if (options.author !== undefined) info.Author = options.author;
    if (options.subject !== undefined) info.Subject = options.subject;
    if (options.keywords !== undefined) info.Keywords = options.keywords;
    this.doc = new PDFDocument({
      size: 'A4',
      margin: this.margin,
      bufferPages: true,
      // No default Helvetica: every glyph comes from the embedded Japanese font.
      font: NO_DEFAULT_FONT,
      info,
      lang: 'ja-JP',
      displayTitle: true,
      pdfVersion: '1.7',
    });
    this.doc.on('data', (chunk: Uint8Array) => this.chunks.push(chunk));
    // Everything after the header is kept here rather than passed through pdfkit's stream: a
    // PDF is a few hundred small writes (each object, each cross-reference line), and each
    // would otherwise become its own byte array and stream event.
    this.tail = collectOutput(this.doc);
    bufferPageContent(this.doc);
    this.doc.on('pageAdded', () => bufferPageContent(this.doc));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    registerFont(this.doc, REGULAR, fontFor(options.fonts.regular));
    this.hasBold = options.fonts.bold !== undefined;
    if (options.fonts.bold) {
      registerFont(this.doc, BOLD, fontFor(options.fonts.bold));
      // Selecting a font parses it; an unused font is never embedded, so this costs no bytes.
      this.selectFont(BOLD, options.fonts.bold);
    }
    this.selectFont(REGULAR, options.fonts.regular);
  }

  /** Selects a registered font for the first time: its parsed font and layouts kept, its subset written from the TTF. */
  private selectFont(name: string, bytes: Uint8Array): void {
    this.doc.font(name);
    const font = currentFont(this.doc);
    if (!font) return;
    cacheParsed(font, bytes);
    shareLayouts(font);
    copyGlyphsIntoSubset(this.doc, font, bytes);
    this.fonts.push(font);
  }

  get left(): number {
    return this.margin;
  }
  get right(): number {
    return this.width - this.margin;
  }
  get top(): number {
    return this.margin;
  }
  /** Lowest y content may reach on a page (the footer with page numbers lies below it). */
  get bottom(): number {
    return this.height - this.margin - (this.pageNumbers ? 14 : 0);
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  /**
   * Selects font, size and (unless only measuring) colour; true when bold must be drawn by
   * stroking the regular face.
   */
  private style(s: TextStyle, paint = true): boolean {
    this.doc.font(s.bold && this.hasBold ? BOLD : REGULAR);
    this.doc.fontSize(s.size ?? 9);
    if (paint) this.fill(s.color ?? '#000000');
    return s.bold === true && !this.hasBold;
  }

  /**
   * Sets the fill colour unless the page already has it. Every other colour change (rules, boxes,
   * bold outlines) sits between save and restore, so the colour set here last is the page's.
   */
  private fill(color: string): void {
    const page = this.doc.page;
    if (this.fills.get(page) === color) return;
    this.doc.fillColor(color);
    this.fills.set(page, color);
  }

  /** Draws text at (x, y) (top of the line box); returns the height used. */
  text(content: string, x: number, y: number, s: TextStyle = {}): number {
    const strokeBold = this.style(s);
    const opts: PDFKit.Mixins.TextOptions = { lineBreak: s.width !== undefined, lineGap: s.lineGap ?? 0 };
    if (strokeBold) {
      // Without a bold face, bold is the regular glyphs filled and outlined (a 4 % stroke): one
      // embedded font instead of two keeps PDFs smaller and faster to write.
      this.doc
        .save()
        .lineWidth((s.size ?? 9) * 0.04)
        .strokeColor(s.color ?? '#000000');
      opts.fill = true;
      opts.stroke = true;
    }
    if (s.width !== undefined) {
      opts.width = s.width;
      opts.align = s.align ?? 'left';
    }
    // pdfkit starts a new page when text crosses the bottom margin; our layout decides pages itself.
    const saved = this.doc.page.margins.bottom;
    this.doc.page.margins.bottom = 0;
    let h = this.doc.currentLineHeight(true) + (s.lineGap ?? 0);
    // One layout serves both measuring and writing a line (pdfkit would lay it out four times).
    const run = content.includes('\n') ? undefined : layoutLine(this.doc, content);
    const oneLine = run ? lineWidth(this.doc, run) : Number.POSITIVE_INFINITY;
    if (run && (s.width === undefined || oneLine <= s.width)) {
      // One line that fits: place it ourselves. pdfkit's line wrapper measures every word again,
      // which costs more than the rest of a one-page invoice.
      const free = s.width === undefined ? 0 : s.width - oneLine;
      const dx = s.align === 'right' ? free : s.align === 'center' ? free / 2 : 0;
      const line: PDFKit.Mixins.TextOptions = { lineBreak: false, lineGap: s.lineGap ?? 0 };
      if (strokeBold) Object.assign(line, { fill: true, stroke: true });
      this.placeLine(content, run, x + dx, y, line);
    } else {
      const wrapped = s.width === undefined ? content : breakLongRuns(this.doc, content, s.width);
      if (s.width !== undefined) h = this.doc.heightOfString(wrapped, opts);
      this.doc.text(wrapped, x, y, opts);
    }
    this.doc.page.margins.bottom = saved;
    if (strokeBold) this.doc.restore();
    return h;
  }

  /**
   * Writes one line of text, laid out once: pdfkit's own path lays each line out four times
   * (measure, place, encode, advance). pdfkit also wraps every text in save, flip, restore; here
   * the text matrix flips the glyphs upright instead (1 0 0 −1 x y Tm in the page's top-down
   * space puts them exactly where pdfkit does). Text whose glyphs need offsets (marks placed by
   * the font) goes through pdfkit.
   */
  private placeLine(content: string, run: GlyphRun, x: number, y: number, fallback: PDFKit.Mixins.TextOptions): void {
    const font = currentFont(this.doc);
    if (content === '' || !font) return;
    const { glyphs, positions } = run;
    if (positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0)) {
      this.doc.text(content, x, y, fallback);
      return;
    }
    // As pdfkit's font.encode: the glyph's id in the document's subset, its width and text.
    const encoded = encodeGlyphs(font, glyphs);
    this.doc.x = x;
    this.doc.y = y;
    const commands: string[] = [];
    let last = 0;
    const segment = (cur: number): void => {
      if (last < cur) {
        const p = positions[cur - 1] as GlyphPosition;
        commands.push(`<${encoded.slice(last, cur).join('')}> ${pdfNumber(-(p.xAdvance - p.advanceWidth))}`);
      }
      last = cur;
    };
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as GlyphPosition;
      if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
    }
    segment(positions.length);
    // Fill and outline: bold drawn from the regular face.
    writeLine(this.doc, font, x, y, commands, fallback.fill === true && fallback.stroke === true);
  }

  /** Width of one unwrapped line of text. */
  widthOf(content: string, s: TextStyle = {}): number {
    this.style(s, false);
    return this.doc.widthOfString(content);
  }

  /** Height of text wrapped into `s.width` (one line height without a width). */
  heightOf(content: string, s: TextStyle = {}): number {
    this.style(s, false);
    if (s.width === undefined) return this.doc.currentLineHeight(true);
    return this.doc.heightOfString(breakLongRuns(this.doc, content, s.width), { width: s.width, lineGap: s.lineGap ?? 0 });
  }

  line(x1: number, y1: number, x2: number, y2: number, s: LineStyle = {}): void {
    this.doc
      .save()
      .moveTo(x1, y1)
      .lineTo(x2, y2)
      .lineWidth(s.width ?? 0.5)
      .strokeColor(s.color ?? '#000000')
      .stroke()
      .restore();
  }

  rect(x: number, y: number, w: number, h: number, s: RectStyle = {}): void {
    this.rects([[x, y, w, h]], s);
  }

  /**
   * Rectangles (x, y, width, height) as one path, painted once: the boxes of a ruled form cost one
   * colour and line-width setting instead of one each.
   */
  rects(boxes: readonly (readonly [number, number, number, number])[], s: RectStyle = {}): void {
    if (boxes.length === 0) return;
    this.doc.save();
    for (const [x, y, w, h] of boxes) this.doc.rect(x, y, w, h);
    this.doc.lineWidth(s.lineWidth ?? 0.5);
    if (s.fill && s.stroke) this.doc.fillAndStroke(s.fill, s.stroke);
    else if (s.fill) this.doc.fill(s.fill);
    else this.doc.stroke(s.stroke ?? '#000000');
    this.doc.restore();
  }

  /**
   * Draws a layer that is the same in every document — a form's rules and labels — once per process
   * and fonts: the layer becomes a form XObject, its compressed content kept and written again in
   * later documents with the same glyphs put into the font subsets in the same order, so the bytes
   * are those the first document got, without laying out, encoding, measuring or compressing the
   * layer again. Glyph ids in a subset follow the order glyphs are first used, so this holds only
   * for a layer drawn first, before any text or colour on the page; drawn later, or when `draw` adds
   * anything but content and fonts (a page, an image), `draw` simply draws on the page. `key` names
   * the layer: under one key `draw` must always draw the same. Colours set in the layer do not
   * outlast it (the XObject has its own graphics state).
   */
  stamp(key: object, draw: () => void): void {
    const doc = this.doc;
    const page = doc.page;
    if (this.fills.has(page) || this.fonts.some((f) => !subsetIsEmpty(f) || isFontOnPage(page, f))) {
      draw();
      return;
    }
    const parsed = this.fonts.map(parsedFont);
    const recorded = stamps.get(key);
    if (recorded && recorded.parsed.length === parsed.length && recorded.parsed.every((p, i) => p === parsed[i])) {
      this.replay(recorded);
      return;
    }
    const objects = objectCount(doc);
    const content = captureContent(doc, draw);
    const fonts = pageFontOrder(page, this.fonts);
    // Each font placed on the page made its font object; anything else drawn (a page, an image, a
    // transparency) made objects a replay would not: then the layer stays on the page as drawn.
    if (doc.page !== page || objectCount(doc) !== objects + fonts.length) {
      writeToPage(page, content);
      return;
    }
    this.fills.delete(page);
    let stream: Uint8Array | undefined;
    this.placeForm(fonts, (form) => {
      stream = endStream(doc, form, content.join('\n'));
    });
    if (!stream) return;
    stamps.set(key, { parsed, stream, glyphs: this.fonts.map(subsetGlyphs), fonts });
  }

  /** Does what a recorded layer did, on a document in the state it was recorded in. */
  private replay(stamp: Stamp): void {
    stamp.glyphs.forEach((g, i) => {
      addSubsetGlyphs(this.fonts[i] as DocumentFont, g);
    });
    for (const i of stamp.fonts) putFontOnPage(this.doc, this.fonts[i] as DocumentFont);
    // The compressed content as it was written the first time: the dictionary's keys in the same order.
    this.placeForm(stamp.fonts, (form) => writeDeflated(form, stamp.stream));
  }

  /** Writes a form XObject over the whole page, using `fonts`, and draws it. */
  private placeForm(fonts: readonly number[], fill: (form: StreamObject) => void): void {
    placeForm(
      this.doc,
      fonts.map((i) => this.fonts[i] as DocumentFont),
      this.width,
      this.height,
      fill,
    );
  }

  addPage(): void {
    this.doc.addPage();
  }

  /** Ends the document (page numbers "n / N" added to every page) and returns the PDF bytes. */
  async finish(): Promise<Uint8Array> {
    if (this.pageNumbers) {
      const { start, count } = this.doc.bufferedPageRange();
      for (let i = start; i < start + count; i++) {
        this.doc.switchToPage(i);
        this.text(`${i - start + 1} / ${count}`, this.left, this.height - this.margin - 8, {
          size: 8,
          width: this.contentWidth,
          align: 'center',
          color: '#555555',
        });
      }
    }
    this.doc.end();
    await this.done;
    return concat([...this.chunks, ...this.tail]);
  }
}

/**
 * A run without a space this long is no word anyone wrote: longer than any field's limit (the
 * longest, a note, is 500 characters), so text within the limits is laid out by pdfkit as before.
 */
const LONG_RUN = 1_000;
const LONG_RUN_PATTERN = new RegExp(`\\S{${LONG_RUN},}`, 'g');

/**
 * Text with every run of LONG_RUN or more characters without a space cut by line breaks into
 * pieces that each fit `width`, measured from one layout of the run. pdfkit's line wrapper, given
 * a word wider than its line, measures the whole rest of the word again for every line it cuts
 * off — time growing with the square of the word (30,000 characters: 41 s and 2.8 GB) — while each
 * piece here is measured once. Each piece starts a line of its own.
 * @example breakLongRuns(doc, 'A'.repeat(2000), 200) // 'AAAA…\nAAAA…\n…' (about 36 a line at 9 pt)
 */
function breakLongRuns(doc: PDFKit.PDFDocument, content: string, width: number): string {
  if (content.length < LONG_RUN || !LONG_RUN_PATTERN.test(content)) return content;
  LONG_RUN_PATTERN.lastIndex = 0;
  return content.replace(LONG_RUN_PATTERN, (run) => {
    const { glyphs, positions } = layoutLine(doc, run);
    const perUnit = lineWidth(doc, { glyphs: [], positions: [], advanceWidth: 1 });
    // pdfkit measures a piece with the line break that ends it: that must fit too.
    const fits = width - doc.widthOfString('\n');
    const pieces: string[] = [];
    let from = 0;
    let at = 0;
    let used = 0;
    for (let i = 0; i < glyphs.length; i++) {
      const w = ((positions[i] as GlyphPosition).xAdvance ?? 0) * perUnit;
      const chars = String.fromCodePoint(...((glyphs[i] as GlyphRun['glyphs'][number]).codePoints ?? [])).length || 1;
      if (used + w > fits && at > from) {
        pieces.push(run.slice(from, at));
        from = at;
        used = 0;
      }
      used += w;
      at += chars;
    }
    pieces.push(run.slice(from));
    return pieces.join('\n');
  });
}

function fontFor(bytes: Uint8Array): Uint8Array | ParsedFont {
  return parsedFonts.get(bytes) ?? bytes;
}

/** Remembers pdfkit's parsed font (fontkit object) so the next document skips parsing the TTF. */
function cacheParsed(font: DocumentFont, bytes: Uint8Array): void {
  if (parsedFonts.has(bytes)) return;
  const parsed = parsedFont(font);
  if (parsed) parsedFonts.set(bytes, parsed);
}

function shareLayouts(font: DocumentFont): void {
  replaceLayoutCache(font, (parsed) => {
    let shared = sharedLayouts.get(parsed);
    if (!shared || (++documentsSinceCheck % 200 === 0 && Object.keys(shared).length > LAYOUT_CACHE_LIMIT)) {
      shared = Object.create(null) as Record<string, unknown>;
      sharedLayouts.set(parsed, shared);
    }
    return shared;
  });
}

/**
 * The subset font file is written by copying glyph records from the TTF (truetype-subset.ts)
 * instead of fontkit decoding and re-encoding every glyph. fontkit still assigns the subset's
 * glyph ids, so the content stream, widths and ToUnicode map are unchanged.
 *
 * The font file stream is compressed here with Huffman coding only (deflate.ts) rather than by
 * pdfkit at zlib's default level: ≈ 5 KB larger, about 1 ms less per document.
 */
function copyGlyphsIntoSubset(doc: PDFKit.PDFDocument, embedded: DocumentFont, bytes: Uint8Array): void {
  const font = trueTypeFont(bytes);
  if (!font) return;
  encodeSubsetWith(doc, embedded, (glyphs, include, fontFile) => {
    if (!fontFile?.compress) return encodeSubset(font, glyphs, include);
    const { stream, length } = encodeSubsetDeflated(font, glyphs, include);
    // Length1: the length of the font program before compression (ISO 32000-1 Table 127).
    fontFile.deflated({ Length1: length });
    return stream;
  });
}

/** Joins byte arrays and binary strings (pdfkit's strings hold one byte per character). */
function concat(parts: readonly (string | Uint8Array)[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    if (typeof p === 'string') {
      for (let i = 0; i < p.length; i++) out[offset + i] = p.charCodeAt(i) & 0xff;
    } else {
      out.set(p, offset);
    }
    offset += p.length;
  }
  return out;
}
