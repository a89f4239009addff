/**
 * Text encodings Japanese back offices send: UTF-8 (with or without BOM) and Shift_JIS as
 * Windows writes it (CP932). Decoding uses the platform's WHATWG Shift_JIS decoder, then maps
 * the code points where Windows differs (0x817C → U+FF0D, not U+2212, and friends), so that
 * "－" typed in Excel on Windows reads back as the same character.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'shift_jis';

/** WHATWG Shift_JIS → CP932 (Windows) differences for the same bytes. */
const WHATWG_TO_CP932: ReadonlyMap<string, string> = new Map([
  ['\u2212', '\uFF0D'], // 0x817C － MINUS SIGN → FULLWIDTH HYPHEN-MINUS
  ['\u301C', '\uFF5E'], // 0x8160 〜 WAVE DASH → FULLWIDTH TILDE
  ['\u2016', '\u2225'], // 0x8161 ‖ DOUBLE VERTICAL LINE → PARALLEL TO
  ['\u00A2', '\uFFE0'], // 0x8191 ¢
  ['\u00A3', '\uFFE1'], // 0x8192 £
  ['\u00AC', '\uFFE2'], // 0x81CA ¬
]);
const WHATWG_DIFF = /[\u2212\u301C\u2016\u00A2\u00A3\u00AC]/g;

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Decodes Shift_JIS bytes as Windows (CP932) does (decodePieces' way, joined). */
export function decodeCp932(bytes: Uint8Array): string {
  let text = '';
  for (const piece of decodedPieces(bytes, 'shift_jis')) text += piece;
  return text;
}

/** The characters where the platform's Shift_JIS decoder and Windows differ, as Windows reads them. */
function toCp932(text: string): string {
  return text.replace(WHATWG_DIFF, (c) => WHATWG_TO_CP932.get(c) ?? c);
}

/**
 * Bytes a host reads a chunk at a time, from the start again each time `chunks()` is called: a
 * file read from disk into one small buffer instead of into memory whole. On a machine where
 * touching fresh memory is what costs, reading a 50 MB file whole took 0.17 s and in 1 MB chunks
 * 0.02 s. A chunk is valid only until the next one is asked for.
 */
export interface ChunkedBytes {
  /** The size the host found (a file's size as it was opened). */
  readonly byteLength: number;
  chunks(): Iterable<Uint8Array>;
}

/** What a text reader takes: the bytes of a file, whole or in chunks, or text already decoded. */
export type TextInput = Uint8Array | string | ChunkedBytes;

/** Whether `input` comes in chunks (ChunkedBytes). */
export function isChunked(input: TextInput): input is ChunkedBytes {
  return typeof input === 'object' && !(input instanceof Uint8Array);
}

/** Its size: bytes, or UTF-16 units of a text. */
export function inputLength(input: TextInput): number {
  return isChunked(input) ? input.byteLength : input.length;
}

/** The first `n` bytes of an input's bytes (fewer when it is shorter): what a file type is told by. */
export function firstBytes(input: Uint8Array | ChunkedBytes, n: number): Uint8Array {
  if (!isChunked(input)) return input.subarray(0, n);
  const out = new Uint8Array(n);
  let at = 0;
  for (const chunk of input.chunks()) {
    const take = Math.min(n - at, chunk.length);
    out.set(chunk.subarray(0, take), at);
    at += take;
    if (at === n) break;
  }
  return out.subarray(0, at);
}

/** The bytes whole (read once more from a chunked input; for the rare reader that needs them so). */
export function wholeBytes(input: Uint8Array | ChunkedBytes): Uint8Array {
  return isChunked(input) ? joinedBytes(input.chunks()) : input;
}

/**
 * Pieces of bytes as one array, each piece copied as it comes (a piece may be valid only until
 * the next is asked for, as csvPieces' and a file's chunks are).
 * @example joinedBytes([new Uint8Array([1]), new Uint8Array([2, 3])]) // Uint8Array [1, 2, 3]
 */
export function joinedBytes(pieces: Iterable<Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const piece of pieces) {
    parts.push(piece.slice());
    size += piece.length;
  }
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The bytes in pieces of PIECE_BYTES (the last shorter), cut at the same places whatever a host's
 * chunks are: the encoding detector decides between pieces, so pieces cut where chunks end could
 * read a file as Shift_JIS that read whole is UTF-8. A piece across two chunks is gathered into a
 * buffer of its own; each piece is valid until the next is asked for.
 */
function* bytePieces(input: Uint8Array | ChunkedBytes): Generator<Uint8Array> {
  if (!isChunked(input)) {
    for (let at = 0; at < input.length; at += PIECE_BYTES) yield input.subarray(at, at + PIECE_BYTES);
    return;
  }
  let gathered: Uint8Array | undefined;
  let held = 0;
  for (const chunk of input.chunks()) {
    let at = 0;
    if (held > 0 && gathered) {
      const take = Math.min(PIECE_BYTES - held, chunk.length);
      gathered.set(chunk.subarray(0, take), held);
      held += take;
      at = take;
      if (held < PIECE_BYTES) continue;
      yield gathered;
      held = 0;
    }
    for (; chunk.length - at >= PIECE_BYTES; at += PIECE_BYTES) yield chunk.subarray(at, at + PIECE_BYTES);
    if (at < chunk.length) {
      gathered ??= new Uint8Array(PIECE_BYTES);
      gathered.set(chunk.subarray(at), 0);
      held = chunk.length - at;
    }
  }
  if (held > 0 && gathered) yield gathered.subarray(0, held);
}

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

export interface DecodedPieces {
  /** The text, in order; each piece is decoded when asked for. */
  readonly pieces: Iterable<string>;
  readonly encoding: TextEncodingName;
}

/**
 * Bytes decoded at a time by decodePieces: a piece of text is at most 48K UTF-16 units (96 KB),
 * which the platform keeps among short-lived objects. Decoding the 50 MB open-items file whole
 * made 73 MB of text in fresh memory at once, and touching fresh memory is what cost: 0.56 s
 * whole, 0.09–0.10 s in such pieces, with a fortieth of the page faults.
 */
const PIECE_BYTES = 48 * 1024;

/**
 * Detects and decodes: a UTF-8 BOM wins; otherwise valid UTF-8 is UTF-8; otherwise CP932.
 * (Shift_JIS text with kana is almost never valid UTF-8, and pure ASCII reads the same in both.)
 * @example decodeText(new Uint8Array([0x82, 0xa0])).text // 'あ'
 */
export function decodeText(input: TextInput): DecodedText {
  const { pieces, encoding } = decodePieces(input);
  let text = '';
  for (const piece of pieces) text += piece;
  return { text, encoding };
}

/**
 * decodeText's text in pieces of about 48 KB of input, decoded as they are asked for (the
 * encoding is known first: valid UTF-8 is checked in pieces too, its text not kept). `known`: the
 * encoding decodePieces gave for the same bytes before.
 * @example [...decodePieces(bytes).pieces].join('') === decodeText(bytes).text // true
 */
export function decodePieces(input: TextInput, known?: TextEncodingName): DecodedPieces {
  if (typeof input === 'string') return { pieces: [input.replace(/^\uFEFF/, '')], encoding: 'utf-8' };
  // An encoding a reader has already found for these bytes (a first look at the header) is not looked for twice.
  if (known !== undefined) return { pieces: decodedPieces(input, known), encoding: known };
  const detector = new EncodingDetector();
  for (const piece of bytePieces(input)) if (!detector.push(piece)) break;
  const encoding = detector.result();
  return { pieces: decodedPieces(input, encoding), encoding };
}

/**
 * decodeText's rule for a text that arrives in pieces (a file streamed from disk): a UTF-8 BOM
 * wins; valid UTF-8 is UTF-8; and so is UTF-8 with a few bad bytes in it — a cell pasted from a
 * Shift_JIS export into a UTF-8 file. Read as Shift_JIS, such a file turned all its text to
 * mojibake (every header "missing") and the bad cell was never named; read as UTF-8, that cell
 * holds U+FFFD and is refused by its row and column. Otherwise CP932.
 *
 * Telling them apart: in Shift_JIS text nearly every run of non-ASCII bytes is invalid UTF-8 (a
 * pair such as ﾂｱ, C2 B1, is valid by chance, a whole run hardly ever), while a UTF-8 file with
 * a bad cell has one or two bad runs among much valid text. The text is UTF-8 when its valid
 * multi-byte text (counted in continuation bytes) outweighs its bad runs {@link BAD_RUN_WEIGHT}
 * times over. Pieces are checked by the platform's decoder; from the first piece that is not
 * valid, byte by byte.
 *
 * `push` says whether the answer is still open: it is known at a BOM or once bad runs clearly
 * dominate; only the whole text shows that it is UTF-8.
 * @example const d = new EncodingDetector(); for (const b of chunks) if (!d.push(b)) break; d.result() // 'shift_jis'
 */
export class EncodingDetector {
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  /** The first bytes, until there are three to tell a BOM by. */
  private head: Uint8Array | undefined = new Uint8Array(0);
  private decided: TextEncodingName | undefined;
  /** Whether a piece has not been valid UTF-8: from then on bytes are scanned here. */
  private scanning = false;
  /** Continuation bytes of valid multi-byte characters seen. */
  private weight = 0;
  /** Runs of non-ASCII bytes that are not valid UTF-8. */
  private badRuns = 0;
  /** The byte scan's state across pieces: continuation bytes still due, inside a run, the run bad, its weight so far. */
  private need = 0;
  private inRun = false;
  private runBad = false;
  private runWeight = 0;

  push(bytes: Uint8Array): boolean {
    if (this.decided !== undefined) return false;
    let piece = bytes;
    if (this.head !== undefined) {
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      if (joined.length < 3) {
        this.head = joined;
        return true;
      }
      this.head = undefined;
      if (hasUtf8Bom(joined)) {
        this.decided = 'utf-8-bom';
        return false;
      }
      piece = joined;
    }
    if (!this.scanning) {
      try {
        this.weight += piece.length - this.utf8.decode(piece, { stream: true }).length;
        return true;
      } catch {
        this.scanning = true;
      }
    }
    this.scan(piece);
    if (this.badRuns >= 8 && this.badRuns * BAD_RUN_WEIGHT > this.weight) {
      this.decided = 'shift_jis';
      return false;
    }
    return true;
  }

  result(): TextEncodingName {
    if (this.decided !== undefined) return this.decided;
    if (this.head !== undefined) {
      const head = this.head;
      this.head = undefined;
      if (!this.push(head)) return this.result();
    }
    if (!this.scanning) {
      try {
        this.utf8.decode();
        this.decided = 'utf-8';
        return this.decided;
      } catch {
        // A character cut short at the very end: one bad run.
        this.badRuns++;
      }
    }
    if (this.need > 0 || (this.inRun && this.runBad)) this.badRuns++;
    else if (this.inRun) this.weight += this.runWeight;
    this.decided = this.badRuns * BAD_RUN_WEIGHT <= this.weight ? 'utf-8' : 'shift_jis';
    return this.decided;
  }

  /**
   * Counts bad runs, and the continuation bytes of runs that end valid (lead bytes C2–F4 and their
   * continuations; no finer checks). A bad run weighs nothing: in Shift_JIS hiragana (82 C2…) a
   * C2–DF byte and the next 82 look like a UTF-8 pair, and counting those made a long hiragana
   * cell outweigh its own bad run.
   */
  private scan(bytes: Uint8Array): void {
    let { need, inRun, runBad, runWeight, weight, badRuns } = this;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (need > 0) {
        if (b >= 0x80 && b <= 0xbf) {
          need--;
          runWeight++;
          continue;
        }
        runBad = true;
        need = 0;
      }
      if (b < 0x80) {
        if (inRun && runBad) badRuns++;
        else if (inRun) weight += runWeight;
        inRun = false;
        runBad = false;
        runWeight = 0;
        continue;
      }
      inRun = true;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) need = 2;
      else if (b >= 0xf0 && b <= 0xf4) need = 3;
      else runBad = true;
    }
    Object.assign(this, { need, inRun, runBad, runWeight, weight, badRuns });
  }
}

/**
 * How many continuation bytes of valid UTF-8 text outweigh one bad run: 8, about four kanji. A
 * Shift_JIS file is never near it (nearly all its runs are bad); a UTF-8 file with one bad cell
 * is past it with a header of a few Japanese words.
 */
const BAD_RUN_WEIGHT = 8;

/**
 * A decoder of `encoding`'s text in pieces, as decodeText decodes it whole: one platform decoder
 * across the pieces (a character cut by a piece's end waits for the next; `more: false` ends the
 * text), a UTF-8 BOM left out, Shift_JIS read as Windows reads it.
 * @example const decode = pieceDecoder('shift_jis'); decode(new Uint8Array([0x82]), true) + decode(new Uint8Array([0xa0]), false) // 'あ'
 */
export function pieceDecoder(encoding: TextEncodingName): (bytes: Uint8Array, more: boolean) => string {
  const decoder = new TextDecoder(encoding === 'shift_jis' ? 'shift_jis' : 'utf-8');
  if (encoding === 'shift_jis') return (bytes, more) => toCp932(decoder.decode(bytes, { stream: more }));
  if (encoding === 'utf-8') return (bytes, more) => decoder.decode(bytes, { stream: more });
  // The BOM's three bytes are passed over, however the pieces cut them; then, as decodeText
  // reads it, the platform's decoder leaves out one more leading BOM (ignoreBOM is false).
  let bom = 3;
  return (bytes, more) => {
    const skip = Math.min(bom, bytes.length);
    bom -= skip;
    return decoder.decode(skip > 0 ? bytes.subarray(skip) : bytes, { stream: more });
  };
}

/** The text of `bytes` in pieces, one decoder across them (a character cut by a piece's end is kept whole). */
function* decodedPieces(bytes: Uint8Array | ChunkedBytes, encoding: TextEncodingName): Generator<string> {
  const decode = pieceDecoder(encoding);
  for (const bytePiece of bytePieces(bytes)) {
    const piece = decode(bytePiece, true);
    if (piece !== '') yield piece;
  }
  const last = decode(new Uint8Array(0), false);
  if (last !== '') yield last;
}

let encodeTable: Map<number, number> | undefined;

/** Unicode code point → CP932 two-byte code, built once from the platform decoder. */
function cp932EncodeTable(): Map<number, number> {
  if (encodeTable) return encodeTable;
  const table = new Map<number, number>();
  const decoder = new TextDecoder('shift_jis');
  const pair = new Uint8Array(2);
  // NEC-selected IBM extensions (0xED, 0xEE) last: Windows encodes those characters as 0xFA–0xFC.
  const leads = [...range(0x81, 0x9f), ...range(0xe0, 0xec), ...range(0xef, 0xfc), 0xed, 0xee];
  for (const lead of leads) {
    for (const trail of [...range(0x40, 0x7e), ...range(0x80, 0xfc)]) {
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length !== 1 || ch === '\uFFFD') continue;
      const code = (lead << 8) | trail;
      const cp = ch.codePointAt(0) ?? 0;
      // NEC/IBM duplicates: keep the first (NEC row 13 before IBM extensions), as Windows does.
      if (!table.has(cp)) table.set(cp, code);
    }
  }
  // Platforms differ on which of each pair their decoder yields (WHATWG: U+2212, ICU/Windows:
  // U+FF0D for 0x817C); encode both forms to the same bytes.
  for (const [whatwg, windows] of WHATWG_TO_CP932) {
    const a = whatwg.codePointAt(0) ?? 0;
    const b = windows.codePointAt(0) ?? 0;
    const code = table.get(b) ?? table.get(a);
    if (code !== undefined) {
      table.set(a, code);
      table.set(b, code);
    }
  }
  encodeTable = table;
  return table;
}

function* range(from: number, to: number): Generator<number> {
  for (let i = from; i <= to; i++) yield i;
}

/** True when every character can be written in CP932. */
export function isCp932Encodable(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // The two-byte table is built only when a character needs it: ASCII and half-width kana
    // (全銀 files) encode without it, also where the platform has no TextDecoder (Apps Script).
    if (cp < 0x80 || (cp >= 0xff61 && cp <= 0xff9f) || cp932EncodeTable().has(cp)) continue;
    return false;
  }
  return true;
}

/**
 * Encodes text as CP932. A character with no CP932 code throws a RangeError naming it
 * (callers turn it into a row/column problem): a transfer file must never be silently mangled.
 */
export function encodeCp932(text: string): Uint8Array {
  // At most two bytes a UTF-16 unit; written in place rather than pushed one by one.
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out[n++] = cp;
    else if (cp >= 0xff61 && cp <= 0xff9f) out[n++] = cp - 0xff61 + 0xa1;
    else {
      const code = cp932EncodeTable().get(cp);
      if (code === undefined) {
        throw new RangeError(
          `「${ch}」(U+${cp.toString(16).toUpperCase().padStart(4, '0')}) はShift_JISで表せません / cannot be encoded in Shift_JIS`,
        );
      }
      out[n++] = code >> 8;
      out[n++] = code & 0xff;
    }
  }
  return out.slice(0, n);
}

export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  if (encoding === 'shift_jis') return encodeCp932(text);
  // The BOM is U+FEFF encoded (EF BB BF) with the text, not copied in front of it afterwards.
  return new TextEncoder().encode(encoding === 'utf-8' ? text : `\uFEFF${text}`);
}
