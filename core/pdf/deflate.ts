/**
 * zlib streams (RFC 1950/1951) made of one Huffman-coded deflate block, without string matching.
 *
 * Glyph outlines are short runs of coordinates with few repeats: on a 40 KB Noto Sans JP subset,
 * zlib's default level takes about 1 ms for 29 KB, Huffman coding alone about a tenth of that for
 * 34 KB. The font subset is the largest stream of an invoice, so this is where the time went.
 * (pdfkit compresses the small content streams itself, where string matching does pay.)
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
  freq[END_OF_BLOCK] = 1;
  const litLengths = codeLengths(freq, MAX_BITS);
  const litCodes = canonicalCodes(litLengths);
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

  let dataBits = 0;
  for (let s = 0; s <= END_OF_BLOCK; s++) dataBits += (freq[s] as number) * (litLengths[s] as number);
  const out = new BitWriter(2 + 4 + 64 + ((dataBits + 7) >> 3) + 300);
  out.bytes[out.pos++] = 0x78; // deflate, 32 KB window
  out.bytes[out.pos++] = 0x01; // fastest-compression hint; (0x78 × 256 + 0x01) % 31 = 0
  out.write(1, 1); // final block
  out.write(2, 2); // dynamic Huffman codes
  out.write(litLengths.length - 257, 5);
  out.write(distLengths.length - 1, 5);
  out.write(hclen - 4, 4);
  for (let k = 0; k < hclen; k++) out.write(clLengths[CODE_LENGTH_ORDER[k] as number] as number, 3);
  for (let k = 0; k < runs.length; k += 2) {
    const sym = runs[k] as number;
    out.write(clCodes[sym] as number, clLengths[sym] as number);
    if (sym === 16) out.write(runs[k + 1] as number, 2);
    else if (sym === 17) out.write(runs[k + 1] as number, 3);
    else if (sym === 18) out.write(runs[k + 1] as number, 7);
  }
  out.writeCoded(data, Uint32Array.from(litCodes), Uint8Array.from(litLengths));
  out.write(litCodes[END_OF_BLOCK] as number, litLengths[END_OF_BLOCK] as number);
  out.flush();
  const sum = adler32(data);
  out.bytes[out.pos++] = sum >>> 24;
  out.bytes[out.pos++] = (sum >>> 16) & 0xff;
  out.bytes[out.pos++] = (sum >>> 8) & 0xff;
  out.bytes[out.pos++] = sum & 0xff;
  return out.bytes.subarray(0, out.pos);
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

  flush(): void {
    if (this.count > 0) this.bytes[this.pos++] = this.acc & 0xff;
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
