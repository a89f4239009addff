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

type FontkitGlyph = { _decode?: () => unknown };
type FontkitFont = { layout: (text: string) => unknown; getGlyph?: (id: number) => FontkitGlyph };
/** pdfkit's per-document font object (EmbeddedFont): the parsed font and its word-layout cache. */
type EmbeddedFont = { font?: FontkitFont; layoutCache?: Record<string, unknown>; subset?: FontkitSubset; embed?: () => unknown };
/** A pdfkit stream object: compressed by pdfkit on output unless `compress` is turned off. */
type StreamRef = { compress: boolean; data: Record<string, unknown> };
/** pdfkit's number format in content streams (PDFObject.number). */
const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;
type GlyphPosition = { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number };
/** A laid-out line (pdfkit's EmbeddedFont.layout): glyphs, their positions, the total advance. */
type GlyphRun = {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: GlyphPosition[];
  advanceWidth: number;
};
/** The parts of pdfkit's document and font that placeLine uses. */
type PdfkitText = {
  x: number;
  y: number;
  _fontSize: number;
  page: { fonts: Record<string, unknown> };
  addContent: (data: string) => unknown;
  _font: {
    id: string;
    ascender: number;
    scale: number;
    widths: (number | undefined)[];
    unicode: (number[] | undefined)[];
    subset: { includeGlyph: (gid: number) => number };
    ref: () => unknown;
    layout: (text: string) => GlyphRun;
  };
};
/** A page's content stream object in pdfkit. */
type ContentRef = { write: (chunk: string | Uint8Array) => void; end: (chunk?: string | Uint8Array) => void };
/** fontkit's subset: original glyph ids in subset order, and the call that adds one. */
type FontkitSubset = { glyphs?: number[]; includeGlyph?: (gid: number) => number; encode?: () => Uint8Array };

const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();
/**
 * Word layouts (OpenType shaping) shared by every document using the same parsed font: labels
 * such as 「小計（税抜）」 are shaped once per process, not once per invoice. pdfkit keeps the
 * cache per document and assigns glyphs to the document's own subset later, so sharing is safe.
 * Bounded so a 100,000-invoice batch of distinct names does not grow memory without limit.
 */
const sharedLayouts = new WeakMap<FontkitFont, Record<string, unknown>>();
const LAYOUT_CACHE_LIMIT = 5_000;
let documentsSinceCheck = 0;

/** What PdfWriter.stamp reads and sets of a document's font (pdfkit's EmbeddedFont). */
type StampFont = {
  id: string;
  font: unknown;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  subset: { glyphs: number[]; includeGlyph: (gid: number) => number };
  ref: () => unknown;
};
/** A layer drawn once (PdfWriter.stamp): its form XObject, and what it put in each font and the page. */
interface Stamp {
  /** The parsed fonts it was drawn with, in the document's order. */
  readonly parsed: readonly unknown[];
  /** The form's content, compressed. */
  readonly stream: Uint8Array;
  /** Per font: the glyphs it added to the subset, in order, with their widths and text. */
  readonly glyphs: readonly {
    readonly ids: readonly number[];
    readonly widths: readonly (number | undefined)[];
    readonly unicode: readonly (number[] | undefined)[];
  }[];
  /** Fonts it placed on the page, in order (each font's object is created on first use). */
  readonly fonts: readonly number[];
}
/** The parts of pdfkit's document that PdfWriter.stamp uses. */
type StampDocument = {
  page: { fonts: Record<string, unknown>; xobjects: Record<string, unknown>; write: (data: string) => void };
  addContent: (data: string) => unknown;
  ref: (data: object) => StreamRef & ContentRef;
  _offsets: unknown[];
};
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
  private readonly tail: (string | Uint8Array)[] = [];
  private readonly done: Promise<void>;
  private readonly pageNumbers: boolean;
  private readonly hasBold: boolean;
  /** The fill colour last set outside save/restore, per page. */
  private readonly fills = new WeakMap<object, string>();
  /** The document's fonts (bold first when given, then regular), as pdfkit embeds them. */
  private readonly fonts: StampFont[] = [];

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
      font: null as unknown as string,
      info,
      lang: 'ja-JP',
      displayTitle: true,
      pdfVersion: '1.7',
    });
    this.doc.on('data', (chunk: Uint8Array) => this.chunks.push(chunk));
    // Everything after the header is kept here rather than passed through pdfkit's stream: a
    // PDF is a few hundred small writes (each object, each cross-reference line), and each
    // would otherwise become its own byte array and stream event.
    const writer = this.doc as unknown as { _write: (data: string | Uint8Array) => void; _offset: number };
    writer._write = (data) => {
      const part = data instanceof Uint8Array ? data : `${data}\n`;
      this.tail.push(part);
      writer._offset += part.length;
    };
    bufferContent(this.doc.page);
    this.doc.on('pageAdded', () => bufferContent(this.doc.page));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.registerFont(REGULAR, fontFor(options.fonts.regular) as never);
    this.hasBold = options.fonts.bold !== undefined;
    if (options.fonts.bold) {
      this.doc.registerFont(BOLD, fontFor(options.fonts.bold) as never);
      // Selecting a font parses it; an unused font is never embedded, so this costs no bytes.
      this.doc.font(BOLD);
      cacheParsed(this.doc, options.fonts.bold);
      shareLayouts(this.doc);
      copyGlyphsIntoSubset(this.doc, options.fonts.bold);
      this.fonts.push(currentFont(this.doc) as unknown as StampFont);
    }
    this.doc.font(REGULAR);
    cacheParsed(this.doc, options.fonts.regular);
    shareLayouts(this.doc);
    copyGlyphsIntoSubset(this.doc, options.fonts.regular);
    this.fonts.push(currentFont(this.doc) as unknown as StampFont);
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
    const internals = this.doc as unknown as PdfkitText;
    const run = content.includes('\n') ? undefined : internals._font.layout(content);
    // pdfkit's widthOfString, operation for operation (no character spacing, 100 % scaling).
    const oneLine = run ? ((run.advanceWidth * (internals._fontSize / 1000) + 0) * 100) / 100 : Number.POSITIVE_INFINITY;
    if (run && (s.width === undefined || oneLine <= s.width)) {
      // One line that fits: place it ourselves. pdfkit's line wrapper measures every word again,
      // which costs more than the rest of a one-page invoice.
      const free = s.width === undefined ? 0 : s.width - oneLine;
      const dx = s.align === 'right' ? free : s.align === 'center' ? free / 2 : 0;
      const line: PDFKit.Mixins.TextOptions = { lineBreak: false, lineGap: s.lineGap ?? 0 };
      if (strokeBold) Object.assign(line, { fill: true, stroke: true });
      this.placeLine(content, run, x + dx, y, line);
    } else {
      if (s.width !== undefined) h = this.doc.heightOfString(content, opts);
      this.doc.text(content, x, y, opts);
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
    const doc = this.doc as unknown as PdfkitText;
    const font = doc._font;
    if (content === '') return;
    const { glyphs, positions } = run;
    if (positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0)) {
      this.doc.text(content, x, y, fallback);
      return;
    }
    // As pdfkit's font.encode: the glyph's id in the document's subset, its width and text.
    const encoded: string[] = [];
    for (const g of glyphs) {
      const gid = font.subset.includeGlyph(g.id);
      encoded.push(`0000${gid.toString(16)}`.slice(-4));
      if (font.widths[gid] == null) font.widths[gid] = g.advanceWidth * font.scale;
      if (font.unicode[gid] == null) font.unicode[gid] = g.codePoints;
    }
    doc.x = x;
    doc.y = y;
    const size = doc._fontSize;
    const dy = (font.ascender / 1000) * size;
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
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
    doc.addContent('BT');
    doc.addContent(`1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(y + dy)} Tm`);
    doc.addContent(`/${font.id} ${pdfNumber(size)} Tf`);
    // Fill and outline (bold drawn from the regular face). The render mode outlives ET; the
    // caller's save/restore around bold text ends it.
    if (fallback.fill && fallback.stroke) doc.addContent('2 Tr');
    if (commands.length > 0) doc.addContent(`[${commands.join(' ')}] TJ`);
    doc.addContent('ET');
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
    return this.doc.heightOfString(content, { width: s.width, lineGap: s.lineGap ?? 0 });
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
    const doc = this.doc as unknown as StampDocument;
    const page = doc.page;
    if (this.fills.has(page) || this.fonts.some((f) => f.subset.glyphs.length !== 1 || f.id in page.fonts)) {
      draw();
      return;
    }
    const parsed = this.fonts.map((f) => f.font);
    const recorded = stamps.get(key);
    if (recorded && recorded.parsed.length === parsed.length && recorded.parsed.every((p, i) => p === parsed[i])) {
      this.replay(recorded);
      return;
    }
    const content: string[] = [];
    const objects = doc._offsets.length;
    const addContent = doc.addContent;
    doc.addContent = (data: string) => {
      if (doc.page !== page) return addContent.call(doc, data);
      content.push(data);
      return doc;
    };
    try {
      draw();
    } finally {
      doc.addContent = addContent;
    }
    const order = Object.keys(page.fonts);
    const fonts = this.fonts.flatMap((f, i) => (f.id in page.fonts ? [i] : []));
    fonts.sort((a, b) => order.indexOf(this.fonts[a]?.id ?? '') - order.indexOf(this.fonts[b]?.id ?? ''));
    // Each font placed on the page made its font object; anything else drawn (a page, an image, a
    // transparency) made objects a replay would not: then the layer stays on the page as drawn.
    if (doc.page !== page || doc._offsets.length !== objects + fonts.length) {
      if (content.length > 0) page.write(content.join('\n'));
      return;
    }
    this.fills.delete(page);
    const from = this.tail.length;
    let compressed = false;
    this.placeForm(fonts, (form) => {
      form.end(content.join('\n'));
      compressed = form.data.Filter === 'FlateDecode';
    });
    const stream = this.tail.slice(from).find((part) => part instanceof Uint8Array);
    if (!stream || !compressed) return;
    stamps.set(key, {
      parsed,
      stream,
      glyphs: this.fonts.map((f) => ({ ids: f.subset.glyphs.slice(1), widths: f.widths.slice(1), unicode: f.unicode.slice(1) })),
      fonts,
    });
  }

  /** Does what a recorded layer did, on a document in the state it was recorded in. */
  private replay(stamp: Stamp): void {
    const doc = this.doc as unknown as StampDocument;
    stamp.glyphs.forEach((g, i) => {
      const font = this.fonts[i] as StampFont;
      g.ids.forEach((id, k) => {
        const gid = font.subset.includeGlyph(id);
        font.widths[gid] = g.widths[k];
        font.unicode[gid] = g.unicode[k];
      });
    });
    for (const i of stamp.fonts) {
      const font = this.fonts[i] as StampFont;
      doc.page.fonts[font.id] = font.ref();
    }
    this.placeForm(stamp.fonts, (form) => {
      // The compressed content as it was written the first time: the dictionary's keys in the same order.
      form.compress = false;
      form.write(stamp.stream);
      form.data.Filter = 'FlateDecode';
      form.end();
    });
  }

  /** Writes a form XObject over the whole page, using `fonts`, and draws it. */
  private placeForm(fonts: readonly number[], write: (form: StreamRef & ContentRef) => void): void {
    const doc = this.doc as unknown as StampDocument;
    const Font: Record<string, unknown> = {};
    for (const i of fonts) {
      const font = this.fonts[i] as StampFont;
      Font[font.id] = font.ref();
    }
    const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, this.width, this.height], Resources: { Font } });
    write(form);
    const name = `Fm${Object.keys(doc.page.xobjects).length + 1}`;
    doc.page.xobjects[name] = form;
    doc.addContent(`/${name} Do`);
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

function fontFor(bytes: Uint8Array): Uint8Array | FontkitFont {
  return parsedFonts.get(bytes) ?? bytes;
}

const currentFont = (doc: PDFKit.PDFDocument): EmbeddedFont | undefined => (doc as unknown as { _font?: EmbeddedFont })._font;

/** Remembers pdfkit's parsed font (fontkit object) so the next document skips parsing the TTF. */
function cacheParsed(doc: PDFKit.PDFDocument, bytes: Uint8Array): void {
  if (parsedFonts.has(bytes)) return;
  const parsed = currentFont(doc)?.font;
  if (parsed && typeof parsed.layout === 'function') {
    parsedFonts.set(bytes, parsed);
    memoiseGlyphOutlines(parsed);
  }
}

function shareLayouts(doc: PDFKit.PDFDocument): void {
  const embedded = currentFont(doc);
  const font = embedded?.font;
  if (!embedded || !font || embedded.layoutCache === undefined) return;
  let shared = sharedLayouts.get(font);
  if (!shared || (++documentsSinceCheck % 200 === 0 && Object.keys(shared).length > LAYOUT_CACHE_LIMIT)) {
    shared = Object.create(null) as Record<string, unknown>;
    sharedLayouts.set(font, shared);
  }
  embedded.layoutCache = shared;
}

/**
 * pdfkit turns every drawing operator into its own byte array as it is written (a few hundred per
 * invoice); the operators of a page are kept as strings instead and converted once when the page
 * ends. pdfkit ends each string with a newline, so joining them with newlines gives the same bytes.
 */
function bufferContent(page: PDFKit.PDFPage): void {
  const content = (page as unknown as { content?: ContentRef }).content;
  if (!content) return;
  const write = content.write;
  const end = content.end;
  const parts: string[] = [];
  const flush = (): void => {
    if (parts.length > 0) write.call(content, parts.join('\n'));
    parts.length = 0;
  };
  content.write = (chunk: string | Uint8Array) => {
    if (typeof chunk === 'string') parts.push(chunk);
    else {
      flush();
      write.call(content, chunk);
    }
  };
  content.end = (chunk?: string | Uint8Array) => {
    if (chunk !== undefined) content.write(chunk);
    flush();
    end.call(content);
  };
}

/**
 * The subset font file is written by copying glyph records from the TTF (truetype-subset.ts)
 * instead of fontkit decoding and re-encoding every glyph. fontkit still assigns the subset's
 * glyph ids, so the content stream, widths and ToUnicode map are unchanged.
 *
 * The font file stream is compressed here with Huffman coding only (deflate.ts) rather than by
 * pdfkit at zlib's default level: ≈ 5 KB larger, about 1 ms less per document. pdfkit creates
 * the stream object just before asking the subset for its bytes, so the first object made while
 * the font embeds itself is the font file; it is marked as already compressed.
 */
function copyGlyphsIntoSubset(doc: PDFKit.PDFDocument, bytes: Uint8Array): void {
  const embedded = currentFont(doc);
  const subset = embedded?.subset;
  const font = trueTypeFont(bytes);
  const glyphs = subset?.glyphs;
  const include = subset?.includeGlyph;
  const embed = embedded?.embed;
  if (!embedded || !subset || !font || !glyphs || !include || !embed) return;
  let fontFile: StreamRef | undefined;
  embedded.embed = function (this: unknown) {
    const writer = doc as unknown as { ref: (data?: object) => StreamRef };
    const ref = writer.ref;
    writer.ref = (data?: object) => {
      writer.ref = ref;
      fontFile = ref.call(doc, data);
      return fontFile;
    };
    try {
      return embed.call(this);
    } finally {
      writer.ref = ref;
    }
  };
  subset.encode = () => {
    if (!fontFile?.compress) return encodeSubset(font, glyphs, (gid) => include.call(subset, gid));
    const { stream, length } = encodeSubsetDeflated(font, glyphs, (gid) => include.call(subset, gid));
    fontFile.compress = false;
    // Length1: the length of the font program before compression (ISO 32000-1 Table 127).
    Object.assign(fontFile.data, { Filter: 'FlateDecode', Length1: length });
    return stream;
  };
}

/**
 * Every document's subset re-reads the outline (glyf entry) of each glyph it embeds. The outlines
 * of a static TTF never change, so each is decoded once per process. (A variable font transforms
 * decoded points in place; the fonts used here are static.)
 */
function memoiseGlyphOutlines(font: FontkitFont): void {
  const glyph = font.getGlyph?.(0);
  const proto = glyph ? (Object.getPrototypeOf(glyph) as FontkitGlyph & { __memoised?: boolean }) : undefined;
  const decode = proto?._decode;
  if (!proto || !decode || proto.__memoised) return;
  const memo = new WeakMap<object, unknown>();
  proto._decode = function (this: object) {
    if (!memo.has(this)) memo.set(this, decode.call(this));
    return memo.get(this);
  };
  proto.__memoised = true;
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
