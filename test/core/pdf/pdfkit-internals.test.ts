/**
 * What core/pdf relies on in pdfkit and fontkit beyond their documented API (the `@relies` tags of
 * core/pdf/pdfkit-internals.ts), checked on the installed packages: after an upgrade, a test here names
 * the member that changed and the code that uses it, before any PDF comes out different.
 *
 * Also: core/pdf changes nothing of pdfkit or fontkit for anyone else in the process (no prototype is
 * patched; a document or font made outside PdfWriter behaves exactly as before PdfWriter ran).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import NodePDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../functions/fonts.js';
import { PdfWriter } from '../../../core/pdf/index.js';
import * as pk from '../../../core/pdf/pdfkit-internals.js';

const root = resolve(import.meta.dirname, '../../..');
const INTERNALS = 'core/pdf/pdfkit-internals.ts';
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const pdfkitMain = createRequire(import.meta.url).resolve('pdfkit');
const pdfkitDir = resolve(dirname(pdfkitMain), '..');
/** The fontkit pdfkit itself loads (it may have its own copy under pdfkit/node_modules). */
const fontkitDir = resolve(dirname(createRequire(pdfkitMain).resolve('fontkit')), '..');
const installed = {
  pdfkit: readJson(join(pdfkitDir, 'package.json')).version,
  fontkit: readJson(join(fontkitDir, 'package.json')).version,
};

type Doc = PDFKit.PDFDocument;
type Build = { name: string; PDFDocument: new (options?: PDFKit.PDFDocumentOptions) => Doc };
const builds: Build[] = [
  { name: 'Node build (CLI, Lambda)', PDFDocument: NodePDFDocument as unknown as Build['PDFDocument'] },
  {
    name: 'browser build (Excel add-in, Sheets sidebar)',
    PDFDocument: (await import(pathToFileURL(join(pdfkitDir, 'js/pdfkit.browser.mjs')).href)).default,
  },
];

// ── where each reliance is documented and used ────────────────────────────────────────────────────

const source = readFileSync(join(root, INTERNALS), 'utf8');
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
/** `@relies` tag → the functions of pdfkit-internals.ts whose comment carries it, and the line of the first. */
const relied = new Map<string, { names: string[]; line: number }>();
for (const block of source.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export (?:async )?(?:function|const) (\w+)/g)) {
  for (const tag of (block[1] ?? '').matchAll(/@relies (\w+ [\w.]+)/g)) {
    const key = tag[1] ?? '';
    const entry = relied.get(key) ?? { names: [], line: lineOf(source, (block.index ?? 0) + (tag.index ?? 0) + 3) };
    entry.names.push(block[2] ?? '');
    relied.set(key, entry);
  }
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}
/** Where core/ calls the given functions of pdfkit-internals.ts (file:line). */
function callers(names: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of tsFiles(join(root, 'core'))) {
    const rel = relative(root, file);
    if (rel === INTERNALS) continue;
    // Imports blanked out (line numbers kept): what is left is where the functions are used.
    const code = readFileSync(file, 'utf8').replace(/^import [\s\S]*?;$/gm, (m) => m.replace(/[^\n]/g, ''));
    code.split('\n').forEach((line, i) => {
      if (names.some((n) => new RegExp(`\\b${n}\\b`).test(line))) found.push(`${rel}:${i + 1}`);
    });
  }
  return found;
}
function where(tag: string): string {
  const entry = relied.get(tag);
  if (!entry) return `not documented in ${INTERNALS}`;
  const uses = callers(entry.names);
  return (
    `documented at ${INTERNALS}:${entry.line}, relied on by ${entry.names.map((n) => `${n}()`).join(', ')}` +
    `${uses.length > 0 ? `, used at ${uses.join(', ')}` : ''}`
  );
}

// ── probes ────────────────────────────────────────────────────────────────────────────────────────

const fonts = japaneseFonts();
const info = { Title: 'probe', CreationDate: new Date('2026-05-31T00:00:00Z'), ModDate: new Date('2026-05-31T00:00:00Z') };
/** Private members, read by the checks only. */
type Raw = Record<string, unknown> & {
  _font: Record<string, unknown> & { subset: Record<string, unknown> };
  page: Record<string, unknown> & { content: Record<string, unknown>; resources: { data: Record<string, unknown> } };
};
const raw = (doc: Doc) => doc as unknown as Raw;
const rawFont = (font: pk.DocumentFont | undefined) => font as unknown as Raw['_font'];

function open(build: Build, options: PDFKit.PDFDocumentOptions = {}): Doc {
  return new build.PDFDocument({ size: 'A4', bufferPages: true, font: pk.NO_DEFAULT_FONT, info, pdfVersion: '1.7', ...options });
}
/** The font parsed once by pdfkit from the TTF bytes, given back to later documents (as PdfWriter does). */
let parsed: pk.ParsedFont | undefined;
/** A document with the regular font selected: parsed from `src` (the TTF bytes unless given). */
function withFont(
  build: Build,
  options: PDFKit.PDFDocumentOptions = {},
  src = parsed ?? fonts.regular,
): { doc: Doc; font: pk.DocumentFont } {
  const doc = open(build, options);
  pk.registerFont(doc, 'jp', src);
  doc.font('jp');
  const font = pk.currentFont(doc) as pk.DocumentFont;
  parsed ??= pk.parsedFont(font);
  return { doc, font };
}
/** Ends the document; its bytes as a binary string (the stream events, then `parts` when collected). */
function finish(doc: Doc, parts: readonly (string | Uint8Array)[] = []): Promise<string> {
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  return new Promise((done, fail) => {
    doc.on('error', fail);
    doc.on('end', () => {
      const tail = parts.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1')));
      done(chunks.map((c) => Buffer.from(c).toString('latin1')).join('') + tail.join(''));
    });
    doc.end();
  });
}
/** The dictionary of object `id` in an output. */
const dictionary = (pdf: string, id: number | string) => new RegExp(`\\n${id} 0 obj\\n(<<[\\s\\S]*?>>)\\n`).exec(pdf)?.[1];
/** Undefined when `ok`, else what was found. */
const need = (ok: boolean, found: string): string | undefined => (ok ? undefined : found);
const isFn = (v: unknown) => typeof v === 'function';
/** A short account of a value: arrays and plain objects spelt out, anything else by its class (a font would be megabytes). */
function show(v: unknown): string {
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) !== Object.prototype) return `a ${v.constructor?.name ?? 'object'}`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}:${show(x)}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? String(v);
}

interface Check {
  /** A `@relies` tag of pdfkit-internals.ts. */
  readonly tag: string;
  /** What core/pdf expects of it. */
  readonly expects: string;
  /** Undefined when it holds, else what was found. */
  readonly check: (build: Build) => string | undefined | Promise<string | undefined>;
}

const checks: Check[] = [
  {
    tag: 'pdfkit options.font',
    expects: 'font: null gives a document without a default font',
    check: async (build) => {
      const doc = open(build);
      return (
        need(raw(doc)._font == null, `_font is ${show(raw(doc)._font)}`) ??
        need(!(await finish(doc)).includes('Helvetica'), 'Helvetica embedded')
      );
    },
  },
  {
    tag: 'pdfkit registerFont',
    expects: 'a parsed fontkit font (an object with layout()) is taken as the font source and used as it is',
    check: (build) => {
      const font = pk.parsedFont(withFont(build, {}, fonts.regular).font);
      const second = withFont(build, {}, font);
      return need(font !== undefined && rawFont(second.font).font === font, 'the second document parsed the font again');
    },
  },
  {
    tag: 'pdfkit PDFDocument._write',
    expects: '_write(data) writes everything after the header: strings with a newline added, byte arrays as they are',
    check: async (build) => {
      const { doc } = withFont(build);
      const parts = pk.collectOutput(doc);
      doc.text('あ', 50, 50);
      const pdf = await finish(doc, parts);
      const header = pdf.slice(0, pdf.length - parts.reduce((n, p) => n + p.length, 0));
      return (
        need(isFn(raw(open(build))._write), '_write is not a method') ??
        need(header === '%PDF-1.7\n%\xFF\xFF\xFF\xFF\n', `the stream carried ${JSON.stringify(header.slice(0, 40))} besides the header`) ??
        need(
          parts.includes('1 0 obj\n') && parts.at(-1) === '%%EOF\n',
          `the collected output is ${show(parts.slice(0, 3))} … ${show(parts.at(-1))}`,
        ) ??
        need(
          parts.some((p) => p instanceof Uint8Array),
          'no stream came as a byte array',
        )
      );
    },
  },
  {
    tag: 'pdfkit PDFDocument._offset',
    expects: '_offset is the byte count written so far, and startxref is taken from it',
    check: async (build) => {
      const { doc } = withFont(build);
      const before = raw(doc)._offset;
      const parts = pk.collectOutput(doc);
      doc.text('あ', 50, 50);
      const pdf = await finish(doc, parts);
      const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
      return (
        need(before === 15, `_offset after the header is ${show(before)}, not 15`) ??
        need(xref === pdf.lastIndexOf('\nxref\n') + 1, `startxref ${xref} is not where the cross-reference table is`)
      );
    },
  },
  {
    tag: 'pdfkit PDFPage.content',
    expects: 'page.content is the page stream: each operator written as its own string, end() called once when the page ends',
    check: async (build) => {
      const draw = (doc: Doc) => doc.rect(10, 20, 30, 40).fill('#336699').moveTo(0, 0).lineTo(5, 5).stroke();
      const plain = open(build, { compress: false });
      const content = raw(plain).page.content;
      const writes: unknown[] = [];
      let ends = 0;
      const write = content.write as (chunk: unknown) => void;
      const end = content.end as () => void;
      content.write = (chunk: unknown) => {
        writes.push(chunk);
        write.call(content, chunk);
      };
      content.end = () => {
        ends++;
        end.call(content);
      };
      draw(plain);
      const buffered = open(build, { compress: false });
      pk.bufferPageContent(buffered);
      draw(buffered);
      const [a, b] = [await finish(plain), await finish(buffered)];
      return (
        need(writes.length > 1 && writes.every((w) => typeof w === 'string'), `the page got ${show(writes.slice(0, 3))}`) ??
        need(ends === 1, `end() was called ${ends} times`) ??
        need(a === b, 'buffering the page content changed the bytes')
      );
    },
  },
  {
    tag: 'pdfkit PDFDocument.addContent',
    expects: "every drawing call writes its operators through the document's addContent",
    check: (build) => {
      const doc = open(build);
      const ops = pk.captureContent(doc, () => doc.rect(1, 2, 3, 4).fill('#000000'));
      const own = Object.hasOwn(doc, 'addContent');
      return (
        need(ops.includes('1 2 3 4 re') && ops.includes('f'), `captured ${show(ops)}`) ?? need(!own, 'addContent was left on the document')
      );
    },
  },
  {
    tag: 'pdfkit PDFPage.write',
    expects: "page.write(string) adds to that page's content stream",
    check: async (build) => {
      const doc = open(build, { compress: false });
      const first = doc.page;
      doc.addPage();
      pk.writeToPage(first, ['0 0 m', '9 9 l S']);
      return need((await finish(doc)).includes('\n0 0 m\n9 9 l S\n'), 'the operators are not in the first page');
    },
  },
  {
    tag: 'pdfkit PDFDocument._offsets',
    expects: '_offsets has one entry per object made; ref() adds one',
    check: (build) => {
      const doc = open(build);
      const before = pk.objectCount(doc);
      doc.ref({});
      return need(Array.isArray(raw(doc)._offsets) && pk.objectCount(doc) === before + 1, `_offsets is ${show(raw(doc)._offsets)}`);
    },
  },
  {
    tag: 'pdfkit PDFDocument.ref',
    expects: 'ref(dictionary) makes a stream object keeping that dictionary as its data',
    check: (build) => {
      const doc = open(build);
      const data = { Type: 'XObject' };
      const ref = doc.ref(data) as unknown as Record<string, unknown>;
      return need(
        ref.data === data && isFn(ref.write) && isFn(ref.end) && typeof ref.compress === 'boolean',
        `ref() gave ${show(Object.keys(ref))}`,
      );
    },
  },
  {
    tag: 'pdfkit PDFPage.xobjects',
    expects: "page.xobjects is the page's XObject resources (name → object)",
    check: async (build) => {
      const { doc, font } = withFont(build);
      const parts = pk.collectOutput(doc);
      pk.placeForm(doc, [font], 100, 200, (form) => pk.endStream(doc, form, '0 0 m'));
      const xobjects = raw(doc).page.resources.data.XObject as Record<string, unknown> | undefined;
      const pdf = await finish(doc, parts);
      return (
        need(xobjects?.Fm1 !== undefined, `XObject resources are ${show(xobjects)}`) ??
        need(/\/XObject <<\n\/Fm1 \d+ 0 R\n>>/.test(pdf), 'the page does not list Fm1')
      );
    },
  },
  {
    tag: 'pdfkit PDFReference',
    expects:
      'write() keeps bytes and adds Length (and Filter when compress), end() writes the object at once with its stream as one byte array; compress: false writes the bytes as given',
    check: async (build) => {
      const doc = open(build);
      const parts = pk.collectOutput(doc);
      const first = doc.ref({ Type: 'XObject' }) as unknown as pk.StreamObject;
      const stream = pk.endStream(doc, first, 'q 1 0 0 1 0 0 cm Q');
      const inflated = stream && inflateSync(stream).toString('latin1');
      const again = doc.ref({ Type: 'XObject' }) as unknown as pk.StreamObject;
      pk.writeDeflated(again, stream ?? new Uint8Array());
      const pdf = await finish(doc, parts);
      const [a, b] = [dictionary(pdf, (first as unknown as { id: number }).id), dictionary(pdf, (again as unknown as { id: number }).id)];
      return (
        need(inflated === 'q 1 0 0 1 0 0 cm Q\n', `the stream written was ${show(inflated)}`) ??
        need(a !== undefined && a === b, `the dictionaries differ: ${show(a)} / ${show(b)}`) ??
        need(pdf.split(Buffer.from(stream ?? []).toString('latin1')).length === 3, 'the deflated bytes were not written as given')
      );
    },
  },
  {
    tag: 'pdfkit PDFObject.number',
    expects: 'numbers in content streams are rounded to six decimals',
    check: (build) => {
      const doc = open(build);
      const ops = pk.captureContent(doc, () => doc.moveTo(1 / 3, 123.4567891));
      return need(ops[0] === `${pk.pdfNumber(1 / 3)} ${pk.pdfNumber(123.4567891)} m`, `pdfkit wrote ${show(ops[0])}`);
    },
  },
  {
    tag: 'pdfkit PDFDocument._font',
    expects: '_font is the font selected last, an EmbeddedFont for a TTF',
    check: (build) => {
      const { font } = withFont(build);
      const f = rawFont(font);
      return need(f !== undefined && isFn(f.layout) && isFn(f.encode) && isFn(f.embed), `_font is ${show(f && Object.keys(f))}`);
    },
  },
  {
    tag: 'pdfkit EmbeddedFont.font',
    expects: 'font is the fontkit font, with layout()',
    check: (build) => {
      const { doc } = withFont(build, {}, fonts.regular);
      const f = rawFont(pk.currentFont(doc)).font as Record<string, unknown> | undefined;
      return need(
        f !== undefined && isFn(f.layout) && pk.parsedFont(pk.currentFont(doc) as pk.DocumentFont) === f,
        `font is ${show(f && typeof f)}`,
      );
    },
  },
  {
    tag: 'pdfkit EmbeddedFont.layoutCache',
    expects: 'layoutCache is an object of word layouts that layout() reads and fills, and may be replaced',
    check: (build) => {
      const { doc, font } = withFont(build);
      const initial = rawFont(font).layoutCache;
      const mine: Record<string, unknown> = Object.create(null);
      pk.replaceLayoutCache(font, () => mine);
      pk.layoutLine(doc, '請求 書');
      return (
        need(typeof initial === 'object' && initial !== null, `layoutCache is ${show(initial)}`) ??
        need(Object.keys(mine).join('|') === '請求 |書', `the replaced cache holds ${show(Object.keys(mine))}`)
      );
    },
  },
  {
    tag: 'pdfkit EmbeddedFont.embed',
    expects: 'embed() makes the font file stream as its first object and ends it with subset.encode(), once',
    check: async (build) => {
      const { doc, font } = withFont(build);
      const parts = pk.collectOutput(doc);
      const program = deflateSync(Buffer.from('font program'));
      const calls: (pk.FontFileStream | undefined)[] = [];
      const wrapped = pk.encodeSubsetWith(doc, font, (_glyphs, _include, file) => {
        calls.push(file);
        file?.deflated({ Length1: 12 });
        return program;
      });
      doc.text('あ', 50, 50);
      const pdf = await finish(doc, parts);
      const id = /\/FontFile2 (\d+) 0 R/.exec(pdf)?.[1] ?? '';
      return (
        need(
          wrapped && calls.length === 1 && calls[0]?.compress === true,
          `the encoder was called ${calls.length} times, told ${show(calls[0])}`,
        ) ??
        need(
          dictionary(pdf, id) === `<<\n/Filter /FlateDecode\n/Length1 12\n/Length ${program.length}\n>>`,
          `the font file object is ${show(dictionary(pdf, id))}`,
        ) ??
        need(pdf.includes(`stream\n${program.toString('latin1')}\nendstream`), 'the font program was not written as returned') ??
        need(!Object.hasOwn(doc, 'ref'), 'ref was left on the document')
      );
    },
  },
  {
    tag: 'fontkit Subset',
    expects:
      'subset.glyphs lists original glyph ids in subset order from .notdef; includeGlyph(id) adds a new one and returns its subset id; encode() is a method',
    check: (build) => {
      const { doc, font } = withFont(build);
      const subset = rawFont(font).subset as { glyphs?: unknown; includeGlyph?: (id: number) => number; encode?: unknown };
      const before = Array.isArray(subset.glyphs) ? [...subset.glyphs] : subset.glyphs;
      const id = pk.layoutLine(doc, 'あ').glyphs[0]?.id ?? 0;
      const got = [subset.includeGlyph?.(id), subset.includeGlyph?.(id)];
      return (
        need(show(before) === '[0]', `a new subset's glyphs are ${show(before)}`) ??
        need(
          show(got) === '[1,1]' && show(subset.glyphs) === `[0,${id}]`,
          `includeGlyph gave ${show(got)}, glyphs ${show(subset.glyphs)}`,
        ) ??
        need(isFn(subset.encode) && !Object.hasOwn(subset, 'encode'), 'encode is not a method of the subset') ??
        need(show(pk.subsetGlyphs(font).ids) === `[${id}]` && !pk.subsetIsEmpty(font), 'subsetGlyphs does not see it')
      );
    },
  },
  {
    tag: 'pdfkit EmbeddedFont.layout',
    expects: 'layout(text) gives fontkit glyphs (id, advanceWidth, codePoints), positions scaled to 1/1000 em, and the advanceWidth',
    check: (build) => {
      const { doc, font } = withFont(build);
      const run = pk.layoutLine(doc, '請求書 No.1');
      const scale = rawFont(font).scale as number;
      const g = run.glyphs[0];
      const p = run.positions[0];
      const sum = run.positions.reduce((n, q) => n + q.xAdvance, 0);
      return (
        need(
          run.glyphs.length === 8 && run.positions.length === 8,
          `${run.glyphs?.length} glyphs, ${run.positions?.length} positions for 8 characters`,
        ) ??
        need(
          typeof g?.id === 'number' && typeof g.advanceWidth === 'number' && show(g.codePoints) === '[35531]',
          `a glyph is ${show({ id: g?.id, advanceWidth: g?.advanceWidth, codePoints: g?.codePoints })}`,
        ) ??
        need(
          p !== undefined &&
            p.advanceWidth === (g?.advanceWidth ?? 0) * scale &&
            p.xAdvance === p.advanceWidth &&
            p.xOffset === 0 &&
            p.yOffset === 0,
          `a position is ${show(p)}`,
        ) ??
        need(Math.abs(run.advanceWidth - sum) < 1e-9, `advanceWidth ${run.advanceWidth} is not the sum ${sum}`)
      );
    },
  },
  {
    tag: 'pdfkit PDFDocument._fontSize',
    expects: '_fontSize is the size set last, in points',
    check: (build) => {
      const { doc } = withFont(build);
      doc.fontSize(13.5);
      return need(raw(doc)._fontSize === 13.5, `_fontSize is ${show(raw(doc)._fontSize)}`);
    },
  },
  {
    tag: 'pdfkit PDFDocument.widthOfString',
    expects: 'widthOfString(text) is computed as lineWidth() repeats it, to the last bit',
    check: (build) => {
      const { doc } = withFont(build);
      const wrong: string[] = [];
      for (const size of [7, 8.5, 9, 10.3, 20]) {
        doc.fontSize(size);
        for (const text of ['請求書', '株式会社サンプル商事 御中', '¥1,234,567', 'INV-2026-00001 ※', ' 空白 ']) {
          const ours = pk.lineWidth(doc, pk.layoutLine(doc, text));
          if (ours !== doc.widthOfString(text)) wrong.push(`${text} at ${size}: ${doc.widthOfString(text)} ≠ ${ours}`);
        }
      }
      return need(wrong.length === 0, wrong.join('; '));
    },
  },
  ...(
    [
      ['widths', 'widths[id] is the advance width in 1/1000 em (advanceWidth × scale), recorded the first time the glyph is written'],
      ['unicode', "unicode[id] is the glyph's code points, recorded the first time it is written"],
      ['scale', 'scale is 1000 / units per em'],
      ['encode', 'encode(text) puts each glyph in the subset and writes its subset id in four hex digits, as encodeGlyphs() does'],
    ] as const
  ).map(
    ([member, expects]): Check => ({
      tag: `pdfkit EmbeddedFont.${member}`,
      expects,
      check: (build) => {
        // The same text written by pdfkit's encode in one document and by encodeGlyphs in another.
        const text = 'ご請求書 ＡＢＣ 123 ご';
        const [ours, theirs] = [withFont(build), withFont(build)];
        const written = {
          ours: pk.encodeGlyphs(ours.font, pk.layoutLine(ours.doc, text).glyphs),
          theirs: (rawFont(theirs.font).encode as (t: string) => [string[], unknown])(text)[0],
        };
        const [a, b] = [rawFont(ours.font), rawFont(theirs.font)];
        switch (member) {
          case 'scale':
            return need(a.scale === 1000 / (a.font as { unitsPerEm: number }).unitsPerEm, `scale is ${show(a.scale)}`);
          case 'encode':
            return need(
              show(written.ours) === show(written.theirs),
              `encode wrote ${show(written.theirs)}, encodeGlyphs ${show(written.ours)}`,
            );
          default:
            return need(
              Array.isArray(b[member]) && show(a[member]) === show(b[member]),
              `after encode ${member} is ${show(b[member])}, after encodeGlyphs ${show(a[member])}`,
            );
        }
      },
    }),
  ),
  {
    tag: 'pdfkit PDFPage.fonts',
    expects: "page.fonts is the page's font resources (resource name → font object), in the order of first use",
    check: (build) => {
      const { doc, font } = withFont(build);
      doc.registerFont('second', fonts.bold as Uint8Array);
      doc.font('second');
      const second = pk.currentFont(doc) as pk.DocumentFont;
      doc.text('あ', 10, 10);
      doc.font('jp');
      pk.putFontOnPage(doc, font);
      const fontsOnPage = raw(doc).page.resources.data.Font as Record<string, unknown> | undefined;
      return (
        need(
          fontsOnPage?.[rawFont(second).id as string] === (rawFont(second).ref as () => unknown)(),
          `Font resources are ${show(fontsOnPage && Object.keys(fontsOnPage))}`,
        ) ??
        need(
          show(pk.pageFontOrder(doc.page, [font, second])) === '[1,0]',
          `the order of use is ${show(pk.pageFontOrder(doc.page, [font, second]))}`,
        ) ??
        need(pk.isFontOnPage(doc.page, font), 'isFontOnPage does not see it')
      );
    },
  },
  {
    tag: 'pdfkit EmbeddedFont.ref',
    expects: "ref() makes the font's object on first use and returns the same one after",
    check: (build) => {
      const { doc, font } = withFont(build);
      const ref = rawFont(font).ref as () => unknown;
      const before = pk.objectCount(doc);
      const [a, b] = [ref.call(font), ref.call(font)];
      return need(
        a !== undefined && a === b && pk.objectCount(doc) === before + 1,
        `ref() gave ${show(a)}, then ${a === b ? 'the same' : 'another'}`,
      );
    },
  },
  {
    tag: 'pdfkit EmbeddedFont.id',
    expects: "id is the font's resource name (F1, F2, …) that pdfkit's text selects with Tf",
    check: (build) => {
      const { doc, font } = withFont(build);
      const id = rawFont(font).id;
      const ops = pk.captureContent(doc, () => doc.fontSize(9).text('あ', 10, 10, { lineBreak: false }));
      return need(
        typeof id === 'string' && /^F\d+$/.test(id) && ops.includes(`/${id} 9 Tf`),
        `id is ${show(id)}, pdfkit wrote ${show(ops)}`,
      );
    },
  },
  ...(['ascender', 'matrix'] as const).map(
    (member): Check => ({
      tag: member === 'matrix' ? 'pdfkit PDFPage.matrix' : 'pdfkit EmbeddedFont.ascender',
      expects:
        "each page starts with 1 0 0 -1 0 height cm, and pdfkit's text at (x, y) has its baseline ascender / 1000 × size below y: writeLine() puts text where pdfkit does",
      check: async (build) => {
        const { doc, font } = withFont(build, { compress: false });
        const ascender = rawFont(font).ascender as number;
        const ops = pk.captureContent(doc, () => doc.fontSize(12).text('あ', 50, 100, { lineBreak: false }));
        const baseline = pk.pdfNumber(doc.page.height - 100 - (ascender / 1000) * 12);
        const ours = pk.captureContent(doc, () => pk.writeLine(doc, font, 50, 100, ['<0001> 0'], false));
        const pdf = await finish(doc);
        return (
          need(typeof ascender === 'number' && ascender > 0, `ascender is ${show(ascender)}`) ??
          need(
            pdf.includes(`stream\n1 0 0 -1 0 ${doc.page.height} cm\n`),
            'the page does not start with the flip to top-down coordinates',
          ) ??
          need(
            ops.includes(`1 0 0 1 50 ${baseline} Tm`),
            `pdfkit placed the text with ${show(ops.filter((o) => o.endsWith('Tm')))}, not at ${baseline}`,
          ) ??
          need(ours[1] === `1 0 0 -1 50 ${pk.pdfNumber(100 + (ascender / 1000) * 12)} Tm`, `writeLine wrote ${show(ours[1])}`)
        );
      },
    }),
  ),
];

// ── the tests ─────────────────────────────────────────────────────────────────────────────────────

describe('core/pdf leaves pdfkit and fontkit as they are for everyone else in the process', () => {
  /** Every own property of every prototype on the chain: name → its value (or getter/setter). */
  const snapshot = (...objects: object[]) => {
    const seen = new Map<string, unknown>();
    for (const o of objects) {
      let proto = Object.getPrototypeOf(o);
      for (let depth = 0; proto && proto !== Object.prototype; depth++, proto = Object.getPrototypeOf(proto)) {
        for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
          const key = `${o.constructor.name}[${depth}].${name}`;
          if ('value' in d) seen.set(key, d.value);
          else seen.set(`${key} get`, d.get).set(`${key} set`, d.set);
        }
        for (const s of Object.getOwnPropertySymbols(proto)) seen.set(`${o.constructor.name}[${depth}].${String(s)}`, proto[s]);
      }
    }
    return seen;
  };
  /** A plain pdfkit document with the font, as any other code would make one. */
  const plain = async () => {
    const doc = new NodePDFDocument({ info, font: pk.NO_DEFAULT_FONT });
    doc.registerFont('jp', fonts.regular);
    doc.font('jp').fontSize(12).text('請求書 ご請求金額 ¥1,234', 50, 50);
    const font = pk.currentFont(doc) as pk.DocumentFont;
    const objects = [doc, doc.page, raw(doc).page.content, font, rawFont(font).font as object, rawFont(font).subset];
    const glyph = (rawFont(font).font as { getGlyph(id: number): object }).getGlyph(1);
    return { doc, font, objects: [...objects, glyph], pdf: await finish(doc) };
  };
  const writerDocuments = async () => {
    const layer = {};
    for (const withBold of [true, false, true]) {
      const pdf = new PdfWriter({ fonts: withBold ? fonts : { regular: fonts.regular }, title: '試験', creationDate: info.CreationDate });
      pdf.stamp(layer, () => pdf.text('固定の見出し', pdf.left, pdf.top, { bold: true }));
      pdf.text('請求書 ご請求金額 ¥1,234', pdf.left, pdf.top + 40, { size: 12, width: 200, align: 'right' });
      pdf.text('長い文章は折り返して書かれる。'.repeat(5), pdf.left, pdf.top + 80, { width: 120 });
      await pdf.finish();
    }
  };

  it('patches no prototype, and a pdfkit document made after PdfWriter ran gives the same bytes as one made before', async () => {
    // First in this file: no PdfWriter has run in this process yet.
    const before = await plain();
    const prototypes = snapshot(...before.objects);
    await writerDocuments();
    const after = await plain();
    const now = snapshot(...after.objects);
    const changed = [...new Set([...prototypes.keys(), ...now.keys()])].filter((k) => now.get(k) !== prototypes.get(k));
    expect(changed, 'prototype members added, removed or replaced while PdfWriter ran').toEqual([]);
    expect(after.pdf).toBe(before.pdf);
    for (const [name, object] of [
      ['document', after.doc],
      ['page stream', raw(after.doc).page.content],
      ['font', after.font],
      ['subset', rawFont(after.font).subset],
    ] as const) {
      expect(
        Object.keys(object).filter((k) => ['_write', 'addContent', 'ref', 'write', 'end', 'embed', 'encode'].includes(k)),
        name,
      ).toEqual([]);
    }
    // Its own word layouts: the same as the first plain document's, none of PdfWriter's.
    expect(Object.keys(rawFont(after.font).layoutCache ?? {})).toEqual(Object.keys(rawFont(before.font).layoutCache ?? {}));
  });

  it('a fontkit font made outside PdfWriter behaves as unpatched (same fontkit classes as the writer uses)', async () => {
    await writerDocuments();
    const FONTKIT = 'fontkit';
    const fontkit = (await import(FONTKIT)) as { create(bytes: Uint8Array): Record<string, unknown> };
    const fresh = fontkit.create(fonts.regular) as {
      getGlyph(id: number): { _decode(): unknown };
      createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
      glyphsForString(text: string): { id: number }[];
    };
    const { font } = withFont(builds[0] as Build);
    const writerGlyph = (rawFont(font).font as typeof fresh).getGlyph(1);
    const glyph = fresh.getGlyph(fresh.glyphsForString('請')[0]?.id ?? 1);
    // The same classes the writer's fonts are made of, so this looks at what the writer could have touched.
    expect(Object.getPrototypeOf(glyph)).toBe(Object.getPrototypeOf(writerGlyph));
    // fontkit decodes an outline afresh on each call (the writer memoises nothing on its classes).
    expect(glyph._decode(), "fontkit's glyph class memoises outlines: something patched it").not.toBe(glyph._decode());
    expect(glyph._decode()).toEqual(glyph._decode());
    const subset = fresh.createSubset();
    subset.includeGlyph(fresh.glyphsForString('書')[0]?.id ?? 1);
    expect(Object.hasOwn(subset, 'encode')).toBe(false);
    // fontkit's own subset: a font file with .notdef and the one glyph.
    expect((fontkit.create(subset.encode()) as { numGlyphs: number }).numGlyphs).toBe(2);
  });
});

describe('pdfkit is pinned to the version core/pdf was checked against', () => {
  const pkg = readJson(join(root, 'package.json'));
  const lock = readJson(join(root, 'package-lock.json'));

  it('package.json and package-lock.json pin pdfkit exactly, to the installed version', () => {
    const pin = pkg.dependencies.pdfkit;
    expect(pin, 'package.json must pin pdfkit to an exact version (no ^ or ~): an upgrade is checked first').toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages[''].dependencies.pdfkit, 'package-lock.json records another pdfkit range: run npm install').toBe(pin);
    expect(lock.packages['node_modules/pdfkit'].version, 'package-lock.json locks another pdfkit').toBe(pin);
    expect(installed.pdfkit, `pdfkit ${installed.pdfkit} is installed, package.json pins ${pin}: run npm ci`).toBe(pin);
  });

  it.each(['pdfkit', 'fontkit'] as const)('the installed %s is the one the internals were checked against', (name) => {
    expect(
      installed[name],
      `${name} ${installed[name]} is installed but ${INTERNALS} was checked against ${pk.CHECKED_AGAINST[name]}: run the checks below, read every @relies tag of ${INTERNALS} against the new source, then update CHECKED_AGAINST (and the pdfkit pin in package.json)`,
    ).toBe(pk.CHECKED_AGAINST[name]);
  });
});

describe.each(builds)("what core/pdf relies on in pdfkit's $name and fontkit", (build) => {
  it('checks every @relies tag of pdfkit-internals.ts, and only those', () => {
    expect([...new Set(checks.map((c) => c.tag))].sort()).toEqual([...relied.keys()].sort());
  });

  it.each(checks.map((c) => [c.tag, c] as const))('%s', async (_tag, c) => {
    let found: string | undefined;
    try {
      found = await c.check(build);
    } catch (e) {
      found = `it threw ${(e as Error).stack ?? e}`;
    }
    expect(
      found,
      `${c.tag} changed in the installed pdfkit ${installed.pdfkit} / fontkit ${installed.fontkit} (${build.name}). Expected: ${c.expects}. ` +
        `It is ${where(c.tag)}.`,
    ).toBeUndefined();
  });
});
