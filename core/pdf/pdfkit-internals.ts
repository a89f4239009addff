/**
 * Everything core/pdf uses of pdfkit and fontkit beyond their documented API, in one file: the rest of
 * core/pdf goes through these functions for anything not in pdfkit's guide. Each `@relies` tag names
 * one member or behaviour of theirs, with what it is used for and what is expected of it.
 * test/core/pdf/pdfkit-internals.test.ts checks every tag on the installed pdfkit (its Node and its
 * browser build) and fontkit, and says which one changed and where it is used.
 *
 * package.json pins pdfkit to the exact version these were read against (CHECKED_AGAINST). To move to
 * another version: install it, run that test, read each tag below against the new pdfkit (and the
 * fontkit it brings), then update CHECKED_AGAINST with the pin.
 *
 * Nothing here changes pdfkit or fontkit for anyone else in the process: whatever is replaced is
 * replaced on one document's own objects (the document, a page's content stream, a font, its subset)
 * and never on a class or prototype; what is replaced only while a call runs is put back after it.
 */

/** The versions every `@relies` below was read against; package.json pins pdfkit to the first. */
export const CHECKED_AGAINST = { pdfkit: '0.20.2', fontkit: '2.0.4' } as const;

declare const opaque: unique symbol;
/** A document's font as pdfkit keeps it (its EmbeddedFont); read and changed only here. */
export type DocumentFont = { readonly [opaque]: 'EmbeddedFont' };
/** A font as fontkit parsed it; pdfkit takes it back in place of the TTF bytes (registerFont). */
export type ParsedFont = { readonly [opaque]: 'fontkit font' };
/** A PDF stream object (pdfkit's PDFReference) that a form's content is written into. */
export type StreamObject = { readonly [opaque]: 'PDFReference' };

type Doc = PDFKit.PDFDocument;
type Reference = {
  compress: boolean;
  data: Record<string, unknown>;
  write: (chunk: string | Uint8Array) => void;
  end: (chunk?: string | Uint8Array) => void;
};
type Subset = { glyphs?: number[]; includeGlyph?: (gid: number) => number; encode?: () => Uint8Array };
type Embedded = {
  id: string;
  font?: { layout?: unknown };
  ascender: number;
  scale: number;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  subset?: Subset;
  layoutCache?: Record<string, unknown>;
  ref: () => unknown;
  layout: (text: string) => GlyphRun;
  embed?: () => unknown;
};
type Internals = {
  _write: (data: string | Uint8Array) => void;
  _offset: number;
  _offsets: unknown[];
  _font?: Embedded | null;
  _fontSize: number;
  ref: (data?: object) => Reference;
  addContent: (data: string) => unknown;
  page: { content?: Reference; fonts: Record<string, unknown>; xobjects: Record<string, unknown>; write: (data: string) => void };
};
const internals = (doc: Doc): Internals => doc as unknown as Internals;
const pageOf = (page: PDFKit.PDFPage): Internals['page'] => page as unknown as Internals['page'];
const embedded = (font: DocumentFont): Embedded => font as unknown as Embedded;

/**
 * @relies pdfkit options.font — `font: null` leaves the document without a default font: pdfkit loads
 * Helvetica unless the option is falsy, and every glyph here comes from the embedded Japanese font.
 */
export const NO_DEFAULT_FONT = null as unknown as string;

/**
 * @relies pdfkit registerFont — besides TTF bytes, pdfkit takes an already parsed fontkit font (any
 * object with a `layout` method) and uses it as it is, so a 5 MB TTF is parsed once per process.
 */
export function registerFont(doc: Doc, name: string, src: Uint8Array | ParsedFont): void {
  doc.registerFont(name, src as never);
}

/**
 * @relies pdfkit PDFDocument._write — everything pdfkit writes after the header goes through it:
 * strings (one byte per character) get a newline, byte arrays are written as they are.
 * @relies pdfkit PDFDocument._offset — the number of bytes written so far; the cross-reference table
 * is built from it.
 * Replaced on the document: the parts are kept in the returned array (joined once when the PDF is
 * finished) instead of each becoming its own byte array and stream event.
 */
export function collectOutput(doc: Doc): (string | Uint8Array)[] {
  const parts: (string | Uint8Array)[] = [];
  const writer = internals(doc);
  writer._write = (data) => {
    const part = data instanceof Uint8Array ? data : `${data}\n`;
    parts.push(part);
    writer._offset += part.length;
  };
  outputs.set(doc, parts);
  return parts;
}
const outputs = new WeakMap<Doc, (string | Uint8Array)[]>();

/**
 * @relies pdfkit PDFPage.content — the page's content stream (a PDFReference): pdfkit writes each
 * drawing operator to it as its own string, which `write` turns into bytes with a newline, and calls
 * `end` once when the page ends. Replaced on this page's stream: the strings are kept and converted
 * once, joined with newlines (the same bytes).
 */
export function bufferPageContent(doc: Doc): void {
  const content = internals(doc).page.content;
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
 * @relies pdfkit PDFDocument.addContent — how pdfkit writes an operator to the current page's content
 * (every drawing call ends in it). Used to write text placed without pdfkit's text path.
 */
export function addContent(doc: Doc, operator: string): void {
  internals(doc).addContent(operator);
}

/**
 * The operators drawn on the current page while `draw` runs, kept instead of written (addContent,
 * replaced on the document for the call and put back after it).
 */
export function captureContent(doc: Doc, draw: () => void): string[] {
  const writer = internals(doc);
  const page = writer.page;
  const content: string[] = [];
  const own = Object.hasOwn(writer, 'addContent');
  const addContent = writer.addContent;
  writer.addContent = (data: string) => {
    if (writer.page !== page) return addContent.call(doc, data);
    content.push(data);
    return doc;
  };
  try {
    draw();
  } finally {
    if (own) writer.addContent = addContent;
    else delete (writer as Partial<Internals>).addContent;
  }
  return content;
}

/**
 * @relies pdfkit PDFPage.write — writes a string to that page's content stream (a page other than the
 * current one, after `draw` added a page).
 */
export function writeToPage(page: PDFKit.PDFPage, operators: readonly string[]): void {
  if (operators.length > 0) pageOf(page).write(operators.join('\n'));
}

/**
 * @relies pdfkit PDFDocument._offsets — one entry per PDF object made so far (`ref` adds one): how
 * PdfWriter.stamp sees that drawing made objects other than fonts (an image, a page).
 */
export function objectCount(doc: Doc): number {
  return internals(doc)._offsets.length;
}

/**
 * @relies pdfkit PDFDocument.ref — makes a PDF object with the given dictionary (a PDFReference).
 * @relies pdfkit PDFPage.xobjects — the page's XObject resources, name → object.
 * A form XObject the size of the page, using `fonts`, filled by `fill` (which must end it), named
 * Fm1, Fm2, … on the current page and drawn there.
 */
export function placeForm(
  doc: Doc,
  fonts: readonly DocumentFont[],
  width: number,
  height: number,
  fill: (form: StreamObject) => void,
): void {
  const writer = internals(doc);
  const Font: Record<string, unknown> = {};
  for (const font of fonts) Font[embedded(font).id] = embedded(font).ref();
  const form = writer.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: { Font } });
  fill(form as unknown as StreamObject);
  const name = `Fm${Object.keys(writer.page.xobjects).length + 1}`;
  writer.page.xobjects[name] = form;
  writer.addContent(`/${name} Do`);
}

/**
 * @relies pdfkit PDFReference — `write` keeps the stream's bytes, `data` is its dictionary (written
 * in key order; `write` adds Length, and Filter /FlateDecode when `compress`), `compress` says whether
 * `end` deflates the bytes; `end` writes the object at once through PDFDocument._write, its stream as
 * one byte array.
 * Ends `form` with `content` and returns the stream's bytes as written, deflated — undefined when
 * pdfkit did not compress them (compression off, or no content).
 */
export function endStream(doc: Doc, form: StreamObject, content: string): Uint8Array | undefined {
  const ref = form as unknown as Reference;
  const parts = outputs.get(doc);
  const from = parts?.length ?? 0;
  ref.end(content);
  if (ref.data.Filter !== 'FlateDecode') return undefined;
  return parts?.slice(from).find((part) => part instanceof Uint8Array);
}

/** Writes bytes that are already deflated (an earlier endStream's) as `form`'s stream, and ends it. */
export function writeDeflated(form: StreamObject, stream: Uint8Array): void {
  const ref = form as unknown as Reference;
  ref.compress = false;
  ref.write(stream);
  ref.data.Filter = 'FlateDecode';
  ref.end();
}

/**
 * @relies pdfkit PDFObject.number — how pdfkit writes a number in content streams (rounded to six
 * decimals); text placed here writes its numbers the same way.
 */
export const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * @relies pdfkit PDFDocument._font — the font selected last (doc.font), an EmbeddedFont for a TTF.
 */
export function currentFont(doc: Doc): DocumentFont | undefined {
  return (internals(doc)._font ?? undefined) as DocumentFont | undefined;
}

/**
 * @relies pdfkit EmbeddedFont.font — the fontkit font pdfkit parsed (or was given), kept so the next
 * document can be given it instead of the bytes. Undefined unless it has fontkit's `layout`.
 */
export function parsedFont(font: DocumentFont): ParsedFont | undefined {
  const parsed = embedded(font).font;
  return parsed && typeof parsed.layout === 'function' ? (parsed as unknown as ParsedFont) : undefined;
}

/**
 * @relies pdfkit EmbeddedFont.layoutCache — the font's word layouts (text → laid-out run), an object
 * pdfkit reads and fills; replaced on this font by `next(parsed font)` so documents share layouts.
 * Nothing happens when pdfkit keeps no cache (option fontLayoutCache: false).
 */
export function replaceLayoutCache(font: DocumentFont, next: (parsed: ParsedFont) => Record<string, unknown>): void {
  const e = embedded(font);
  if (!e.font || e.layoutCache === undefined) return;
  e.layoutCache = next(e.font as unknown as ParsedFont);
}

/** What encodeSubsetWith's encoder is told of the font file stream. */
export interface FontFileStream {
  /** pdfkit would deflate the bytes returned (the document compresses). */
  readonly compress: boolean;
  /** The bytes returned are deflated already: pdfkit writes them as they are, with these dictionary entries after /Filter. */
  deflated(entries: Record<string, unknown>): void;
}

/**
 * @relies pdfkit EmbeddedFont.embed — when the document ends, makes the font file stream as the first
 * object it creates (PDFDocument.ref) and ends it with `subset.encode()`; wrapped on this font so the
 * encoder learns which object the font file is.
 * @relies fontkit Subset — EmbeddedFont.subset: `glyphs` is the original glyph ids in subset order
 * (.notdef first), `includeGlyph(id)` adds one if new and returns its subset id, `encode()` returns
 * the subset font file; replaced on this subset by `encode`.
 * False, and nothing changed, when the font has none of these.
 */
export function encodeSubsetWith(
  doc: Doc,
  font: DocumentFont,
  encode: (glyphs: readonly number[], include: (gid: number) => number, fontFile: FontFileStream | undefined) => Uint8Array,
): boolean {
  const e = embedded(font);
  const subset = e.subset;
  const glyphs = subset?.glyphs;
  const include = subset?.includeGlyph;
  const embed = e.embed;
  if (!subset || !glyphs || !include || !embed) return false;
  let fontFile: Reference | undefined;
  e.embed = function (this: unknown) {
    const writer = internals(doc);
    const own = Object.hasOwn(writer, 'ref');
    const ref = writer.ref;
    const restore = (): void => {
      if (own) writer.ref = ref;
      else delete (writer as Partial<Internals>).ref;
    };
    writer.ref = (data?: object) => {
      restore();
      fontFile = ref.call(doc, data);
      return fontFile;
    };
    try {
      return embed.call(this);
    } finally {
      restore();
    }
  };
  subset.encode = () => {
    const file = fontFile;
    const stream: FontFileStream | undefined = file && {
      compress: file.compress,
      deflated: (entries) => {
        file.compress = false;
        Object.assign(file.data, { Filter: 'FlateDecode', ...entries });
      },
    };
    return encode(glyphs, (gid) => include.call(subset, gid), stream);
  };
  return true;
}

/** A laid-out line (EmbeddedFont.layout): glyphs, their positions in 1/1000 em, the total advance. */
export interface GlyphRun {
  readonly glyphs: readonly { readonly id: number; readonly advanceWidth: number; readonly codePoints: number[] }[];
  readonly positions: readonly GlyphPosition[];
  readonly advanceWidth: number;
}
export interface GlyphPosition {
  readonly xAdvance: number;
  readonly advanceWidth: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

/**
 * @relies pdfkit EmbeddedFont.layout — `layout(text)` shapes text word by word (through layoutCache):
 * fontkit glyphs (id, advanceWidth in font units, codePoints) and positions already scaled to
 * 1/1000 em, and the run's advanceWidth in 1/1000 em. Laid out in the current font.
 */
export function layoutLine(doc: Doc, text: string): GlyphRun {
  return (internals(doc)._font as Embedded).layout(text);
}

/**
 * @relies pdfkit PDFDocument._fontSize — the size set last (doc.fontSize), in points.
 * @relies pdfkit PDFDocument.widthOfString — its arithmetic, repeated here operation for operation
 * (no character spacing, 100 % horizontal scaling), so a line fits exactly when pdfkit says it does.
 * The width of a laid-out line at the current size.
 */
export function lineWidth(doc: Doc, run: GlyphRun): number {
  return ((run.advanceWidth * (internals(doc)._fontSize / 1000) + 0) * 100) / 100;
}

/**
 * @relies pdfkit EmbeddedFont.widths — advance width per subset glyph id (1/1000 em), written as /W.
 * @relies pdfkit EmbeddedFont.unicode — code points per subset glyph id, written as the ToUnicode map.
 * @relies pdfkit EmbeddedFont.scale — 1000 / units per em.
 * @relies pdfkit EmbeddedFont.encode — repeated here for glyphs already laid out: each glyph put in
 * the subset, written as its subset id in four hex digits, its width and text recorded the first time.
 */
export function encodeGlyphs(font: DocumentFont, glyphs: GlyphRun['glyphs']): string[] {
  const e = embedded(font);
  const subset = e.subset as Required<Subset>;
  const encoded: string[] = [];
  for (const g of glyphs) {
    const gid = subset.includeGlyph(g.id);
    encoded.push(`0000${gid.toString(16)}`.slice(-4));
    if (e.widths[gid] == null) e.widths[gid] = g.advanceWidth * e.scale;
    if (e.unicode[gid] == null) e.unicode[gid] = g.codePoints;
  }
  return encoded;
}

/** The glyphs a font's subset holds besides .notdef, in order, with their widths and text. */
export interface SubsetGlyphs {
  readonly ids: readonly number[];
  readonly widths: readonly (number | undefined)[];
  readonly unicode: readonly (number[] | undefined)[];
}

/** True when the font's subset holds only .notdef (nothing has been written in it). */
export function subsetIsEmpty(font: DocumentFont): boolean {
  return embedded(font).subset?.glyphs?.length === 1;
}

/** What the font's subset holds (for putting the same glyphs into another document's subset). */
export function subsetGlyphs(font: DocumentFont): SubsetGlyphs {
  const e = embedded(font);
  return { ids: (e.subset?.glyphs ?? []).slice(1), widths: e.widths.slice(1), unicode: e.unicode.slice(1) };
}

/** Puts glyphs recorded by subsetGlyphs into the font's subset, in the same order. */
export function addSubsetGlyphs(font: DocumentFont, glyphs: SubsetGlyphs): void {
  const e = embedded(font);
  const subset = e.subset as Required<Subset>;
  glyphs.ids.forEach((id, k) => {
    const gid = subset.includeGlyph(id);
    e.widths[gid] = glyphs.widths[k];
    e.unicode[gid] = glyphs.unicode[k];
  });
}

/**
 * @relies pdfkit PDFPage.fonts — the page's font resources, resource name → the font's object, in the
 * order the page first used them.
 * @relies pdfkit EmbeddedFont.ref — the font's object (made on first use; the font is embedded into
 * it when the document ends).
 */
export function putFontOnPage(doc: Doc, font: DocumentFont): void {
  const fonts = internals(doc).page.fonts;
  const e = embedded(font);
  if (fonts[e.id] == null) fonts[e.id] = e.ref();
}

export function isFontOnPage(page: PDFKit.PDFPage, font: DocumentFont): boolean {
  return embedded(font).id in pageOf(page).fonts;
}

/** The indexes of those of `fonts` that `page` uses, in the order the page first used them. */
export function pageFontOrder(page: PDFKit.PDFPage, fonts: readonly DocumentFont[]): number[] {
  const onPage = Object.keys(pageOf(page).fonts);
  const at = fonts.map((f) => onPage.indexOf(embedded(f).id));
  const used = fonts.flatMap((_, i) => ((at[i] ?? -1) >= 0 ? [i] : []));
  return used.sort((a, b) => (at[a] ?? -1) - (at[b] ?? -1));
}

/**
 * @relies pdfkit EmbeddedFont.id — the font's resource name on pages (F1, F2, …).
 * @relies pdfkit EmbeddedFont.ascender — in 1/1000 em: how far below the top of the line pdfkit puts
 * the baseline.
 * @relies pdfkit PDFPage.matrix — pdfkit starts every page with the matrix 1 0 0 -1 0 height (y runs
 * down the page), so the text matrix 1 0 0 -1 x y turns glyphs upright again with their origin at (x, y).
 * Writes one line in `font` at the current size, (x, y) the top left of the line, where pdfkit's text
 * would put it: `tj` the operands of TJ, `outline` filled and stroked (bold drawn from the regular face;
 * the render mode outlives ET, the caller's save/restore ends it).
 */
export function writeLine(doc: Doc, font: DocumentFont, x: number, y: number, tj: readonly string[], outline: boolean): void {
  const e = embedded(font);
  const size = internals(doc)._fontSize;
  const dy = (e.ascender / 1000) * size;
  putFontOnPage(doc, font);
  addContent(doc, 'BT');
  addContent(doc, `1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(y + dy)} Tm`);
  addContent(doc, `/${e.id} ${pdfNumber(size)} Tf`);
  if (outline) addContent(doc, '2 Tr');
  if (tj.length > 0) addContent(doc, `[${tj.join(' ')}] TJ`);
  addContent(doc, 'ET');
}
