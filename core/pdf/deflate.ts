/**
 * zlib streams (RFC 1950/1951) made of one Huffman-coded deflate block, without string matching.
 *
 * Glyph outlines are short runs of coordinates with few repeats: on a 40 KB Noto Sans JP subset,
 * zlib's default level takes about 1 ms for 29 KB, Huffman coding alone about a third of that for
 * 34 KB, and with one code per font and each glyph record coded once per process (HuffmanCode)
 * about a fifth. The font subset is the largest stream of an invoice, so this is where the time
 * went. (pdfkit compresses the page content itself, where string matching does pay.)
 * Pure TypeScript: core runs where no zlib binding exists.
 */

const MAX_BITS = 15;
const MAX_CODE_LENGTH_BITS = 7;
const END_OF_BLOCK = 256;
/** Order in which the code-length code lengths are sent (RFC 1951 3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * Compresses `data` into a zlib stream (PDF FlateDecode) using Huffman coding only.
 * @example inflateSync(huffmanDeflate(new TextEncoder().encode('請求書'))) // the same bytes back
 */
export function huffmanDeflate(data: Uint8Array): Uint8Array {
  const freq = new Uint32Array(END_OF_BLOCK + 1);
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    freq[b] = (freq[b] as number) + 1;
  }
  return new HuffmanCode(freq).stream([data]);
}

/** A piece of data already Huffman-coded, to be placed in a stream at any bit position. */
export interface CodedPiece {
  /** The bits, least significant first, in 16-bit chunks (the last one partly filled). */
  readonly chunks: Uint16Array;
  readonly bits: number;
  /** Length and Adler-32 of the uncoded bytes, for the stream's checksum. */
  readonly length: number;
  readonly adler: number;
}

/**
 * One literal-only Huffman code and the deflate block header that declares it. Built from byte
 * frequencies; when those come from a whole corpus (a font's outlines), the same code serves every
 * document and pieces (glyph records) can be coded once and reused: `code` then `stream`.
 * @example
 * const code = new HuffmanCode(byteFrequencies);
 * const zlibStream = code.stream([header, code.code(glyphRecord), trailer]);
 */
export class HuffmanCode {
  private readonly codes: Uint32Array;
  private readonly lengths: Uint8Array;
  /** The block header (BFINAL, BTYPE, the code lengths) as bits. */
  private readonly header: [number, number][] = [];

  /** `freq`: how often each byte value occurs (256 entries; more are ignored). */
  constructor(freq: Uint32Array) {
    const f = new Uint32Array(END_OF_BLOCK + 1);
    f.set(freq.subarray(0, 256));
    f[END_OF_BLOCK] = 1;
    const litLengths = codeLengths(f, MAX_BITS);
    this.lengths = new Uint8Array(END_OF_BLOCK + 1);
    this.lengths.set(litLengths);
    this.codes = Uint32Array.from(canonicalCodes(Array.from(this.lengths)));
    // Two one-bit distance codes, never used: some inflaters reject a block without a complete
    // distance code, and zlib itself always sends at least two.
    const distLengths = [1, 1];

    // Run-length code the code lengths (symbols 16, 17, 18) as zlib does.
    const all = [...litLengths, ...distLengths];
    const runs: number[] = []; // pairs: symbol, extra bits value
    for (let i = 0; i < all.length; ) {
      const len = all[i] as number;
      let run = 1;
      while (i + run < all.length && all[i + run] === len) run++;
      let left = run;
      if (len === 0) {
        while (left >= 11) {
          const n = Math.min(left, 138);
          runs.push(18, n - 11);
          left -= n;
        }
        if (left >= 3) {
          runs.push(17, left - 3);
          left = 0;
        }
      } else {
        runs.push(len, 0);
        left--;
        while (left >= 3) {
          const n = Math.min(left, 6);
          runs.push(16, n - 3);
          left -= n;
        }
      }
      for (; left > 0; left--) runs.push(len, 0);
      i += run;
    }
    const clFreq = new Uint32Array(19);
    for (let k = 0; k < runs.length; k += 2) {
      const sym = runs[k] as number;
      clFreq[sym] = (clFreq[sym] as number) + 1;
    }
    const clLengths = codeLengths(clFreq, MAX_CODE_LENGTH_BITS);
    const clCodes = canonicalCodes(clLengths);
    let hclen = 19;
    while (hclen > 4 && clLengths[CODE_LENGTH_ORDER[hclen - 1] as number] === 0) hclen--;

    const h = this.header;
    h.push([1, 1]); // final block
    h.push([2, 2]); // dynamic Huffman codes
    h.push([litLengths.length - 257, 5], [distLengths.length - 1, 5], [hclen - 4, 4]);
    for (let k = 0; k < hclen; k++) h.push([clLengths[CODE_LENGTH_ORDER[k] as number] ?? 0, 3]);
    for (let k = 0; k < runs.length; k += 2) {
      const sym = runs[k] as number;
      h.push([clCodes[sym] as number, clLengths[sym] as number]);
      if (sym === 16) h.push([runs[k + 1] as number, 2]);
      else if (sym === 17) h.push([runs[k + 1] as number, 3]);
      else if (sym === 18) h.push([runs[k + 1] as number, 7]);
    }
  }

  /**
   * Codes `data` once for use in any number of streams.
   * @example code.code(glyphRecord).bits // e.g. 1630
   */
  code(data: Uint8Array): CodedPiece {
    let bits = 0;
    for (let i = 0; i < data.length; i++) bits += this.lengths[data[i] as number] as number;
    const out = new BitWriter(((bits + 15) >> 4) * 2 + 4);
    out.writeCoded(data, this.codes, this.lengths);
    out.flush();
    const chunks = new Uint16Array((bits + 15) >> 4);
    for (let k = 0; k < chunks.length; k++) chunks[k] = (out.bytes[2 * k] as number) | ((out.bytes[2 * k + 1] as number) << 8);
    return { chunks, bits, length: data.length, adler: adler32(data) };
  }

  /**
   * One zlib stream of the pieces in order: raw bytes are coded now, coded pieces copied.
   * @example inflateSync(code.stream([bytes, code.code(more)])) // bytes followed by more
   */
  stream(pieces: readonly (Uint8Array | CodedPiece)[]): Uint8Array {
    let capacity = 2 + 4 + 4 + 300;
    for (const p of pieces) capacity += p instanceof Uint8Array ? 2 * p.length : 2 * p.chunks.length;
    const out = new BitWriter(capacity);
    out.bytes[out.pos++] = 0x78; // deflate, 32 KB window
    out.bytes[out.pos++] = 0x01; // fastest-compression hint; (0x78 × 256 + 0x01) % 31 = 0
    for (const [value, bits] of this.header) out.write(value, bits);
    let sum = 1;
    for (const p of pieces) {
      if (p instanceof Uint8Array) {
        out.writeCoded(p, this.codes, this.lengths);
        sum = adler32Combine(sum, adler32(p), p.length);
      } else {
        out.writeChunks(p.chunks, p.bits);
        sum = adler32Combine(sum, p.adler, p.length);
      }
    }
    out.write(this.codes[END_OF_BLOCK] as number, this.lengths[END_OF_BLOCK] as number);
    out.flush();
    out.bytes[out.pos++] = sum >>> 24;
    out.bytes[out.pos++] = (sum >>> 16) & 0xff;
    out.bytes[out.pos++] = (sum >>> 8) & 0xff;
    out.bytes[out.pos++] = sum & 0xff;
    return out.bytes.subarray(0, out.pos);
  }
}

/** Deflate packs bits from the least significant end; Huffman codes go in bit-reversed. */
class BitWriter {
  readonly bytes: Uint8Array;
  pos = 0;
  private acc = 0;
  private count = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }
  write(value: number, bits: number): void {
    this.acc |= value << this.count;
    this.count += bits;
    while (this.count >= 8) {
      this.bytes[this.pos++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.count -= 8;
    }
  }
  /** The hot loop: every byte of the data through its code, with the accumulator kept local. */
  writeCoded(data: Uint8Array, codes: Uint32Array, lengths: Uint8Array): void {
    const bytes = this.bytes;
    let pos = this.pos;
    let acc = this.acc;
    let count = this.count;
    for (let i = 0; i < data.length; i++) {
      const b = data[i] as number;
      acc |= (codes[b] as number) << count;
      count += lengths[b] as number;
      // Fewer than 16 + 15 bits are ever pending, so the accumulator stays within 31 bits.
      if (count >= 16) {
        bytes[pos++] = acc & 0xff;
        bytes[pos++] = (acc >>> 8) & 0xff;
        acc >>>= 16;
        count -= 16;
      }
    }
    this.pos = pos;
    this.acc = acc;
    this.count = count;
  }

  /** Appends bits kept in 16-bit chunks (a coded piece) at the current bit position. */
  writeChunks(chunks: Uint16Array, bits: number): void {
    const bytes = this.bytes;
    let pos = this.pos;
    let acc = this.acc;
    const count = this.count;
    const full = bits >> 4;
    for (let k = 0; k < full; k++) {
      acc |= (chunks[k] as number) << count;
      // Fewer than 16 bits were pending, so at most 31 are now.
      bytes[pos++] = acc & 0xff;
      bytes[pos++] = (acc >>> 8) & 0xff;
      acc >>>= 16;
    }
    this.pos = pos;
    this.acc = acc;
    this.count = count;
    const rest = bits & 15;
    if (rest > 0) this.write((chunks[full] as number) & ((1 << rest) - 1), rest);
  }

  /** Writes out the pending bits (up to 15 after writeCoded), the last byte padded with zeros. */
  flush(): void {
    while (this.count > 0) {
      this.bytes[this.pos++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.count -= 8;
    }
    this.acc = 0;
    this.count = 0;
  }
}

/**
 * Huffman code lengths no longer than `limit`. Ties are broken by symbol so the same data always
 * gives the same code (reproducible PDFs). When the tree is too deep, frequencies are halved
 * (keeping every used symbol at 1 or more) until it fits. At least two symbols get a code.
 */
function codeLengths(freq: Uint32Array, limit: number): number[] {
  const f = Array.from(freq);
  let used = 0;
  for (const x of f) if (x > 0) used++;
  for (let s = 0; used < 2; s++) {
    if (f[s] === 0) {
      f[s] = 1;
      used++;
    }
  }
  for (;;) {
    const lengths = huffmanLengths(f);
    if (Math.max(...lengths) <= limit) {
      // Trim trailing unused symbols of the literal/length alphabet down to its minimum of 257.
      let n = lengths.length;
      while (n > Math.min(257, lengths.length) && lengths[n - 1] === 0) n--;
      return lengths.slice(0, n);
    }
    for (let s = 0; s < f.length; s++) if ((f[s] as number) > 0) f[s] = ((f[s] as number) >> 1) | 1;
  }
}

/** Plain Huffman tree by the two-queue method over symbols sorted by (frequency, symbol). */
function huffmanLengths(f: readonly number[]): number[] {
  const leaves = f.map((w, s) => ({ w, s })).filter((x) => x.w > 0);
  leaves.sort((a, b) => a.w - b.w || a.s - b.s);
  const parent: number[] = [];
  const weight: number[] = [];
  for (const leaf of leaves) {
    weight.push(leaf.w);
    parent.push(-1);
  }
  let leaf = 0;
  let inner = leaves.length;
  const take = (): number => {
    if (leaf < leaves.length && (inner >= weight.length || (weight[leaf] as number) <= (weight[inner] as number))) return leaf++;
    return inner++;
  };
  while (weight.length - inner + (leaves.length - leaf) > 1) {
    const a = take();
    const b = take();
    weight.push((weight[a] as number) + (weight[b] as number));
    parent.push(-1);
    parent[a] = weight.length - 1;
    parent[b] = weight.length - 1;
  }
  const depth = new Array<number>(weight.length).fill(0);
  for (let n = weight.length - 2; n >= 0; n--) depth[n] = (depth[parent[n] as number] as number) + 1;
  const lengths = new Array<number>(f.length).fill(0);
  leaves.forEach((x, i) => {
    lengths[x.s] = depth[i] as number;
  });
  return lengths;
}

/** Canonical Huffman codes (RFC 1951 3.2.2), already bit-reversed for the LSB-first writer. */
function canonicalCodes(lengths: readonly number[]): number[] {
  const count = new Array<number>(MAX_BITS + 1).fill(0);
  for (const l of lengths) if (l > 0) count[l] = (count[l] as number) + 1;
  const next = new Array<number>(MAX_BITS + 1).fill(0);
  let code = 0;
  for (let bits = 1; bits <= MAX_BITS; bits++) {
    code = (code + (count[bits - 1] as number)) << 1;
    next[bits] = code;
  }
  return lengths.map((l) => {
    if (l === 0) return 0;
    const c = next[l] as number;
    next[l] = c + 1;
    let reversed = 0;
    for (let k = 0; k < l; k++) reversed |= ((c >> k) & 1) << (l - 1 - k);
    return reversed;
  });
}

/** Adler-32 of two pieces joined, from their own checksums (zlib's adler32_combine). */
function adler32Combine(first: number, second: number, secondLength: number): number {
  const BASE = 65521;
  const rem = secondLength % BASE;
  let sum1 = first & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (second & 0xffff) + BASE - 1;
  sum2 += (first >>> 16) + (second >>> 16) + BASE - rem;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum2 >= 2 * BASE) sum2 -= 2 * BASE;
  if (sum2 >= BASE) sum2 -= BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/** Adler-32 of the uncompressed data (RFC 1950), summed in blocks short enough not to overflow. */
function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
