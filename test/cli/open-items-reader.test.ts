/**
 * `urakata reconcile` reads a large open-items file on a worker thread while it reads the
 * statement (cli/open-items-reader.ts). On the worker or not, the same rows and the same problems;
 * a workbook's problems named by its sheet; a file that cannot be read named as readInput names it;
 * a worker that fails leaves the reading to the main thread; and the whole command gives the same
 * bytes from the bundle (worker) as in-process.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDataset, openItemsCsv } from '../../bench/reconcile-data.js';
import { main } from '../../cli/main.js';
import { inInputTerms, isProblem, openInputAt, readInput, readOpened } from '../../cli/io.js';
import { type ChunkedBytes, isChunked, wholeBytes } from '../../core/csv/encoding.js';
import { ASIDE_FROM_BYTES, type OpenItemsRead, openItemsWorkerEntry, readOpenItemsAside } from '../../cli/open-items-reader.js';
import { encodeCp932 } from '../../core/csv/encoding.js';
import { csvAsXlsx } from '../helpers/xlsx.js';

const root = join(import.meta.dirname, '../..');
let dir: string;
const io = () => ({ out: () => {}, err: () => {}, cwd: dir });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-open-aside-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BAD = [
  'invoice_id,customer_id,customer_name,customer_kana,issue_date,due_date,amount,payer_names,fee_burden,status',
  'INV-2,C1,山田商事,ヤマダ,2026-05-01,2026-05-31,"12,000",ﾔﾏﾀﾞ|ｵﾔｶﾞｲｼﾔ,当方,',
  'INV-1,C1,山田商事,ヤマダ,2026/5/2,R8.6.30,5000,,,"一部入金（残2,000円）"',
  'INV-3,C2,株式会社川田,カワダ,2026-05-03,2026-06-30,十二,,,',
  'INV-2,C2,株式会社川田,カワダ,2026-05-04,2026-06-30,3000,,,',
  'INV-4,C2,株式会社川田,カワダ,2026-05-05,2026-06-30,4000,,,消込済',
].join('\r\n');

/** The open items as read, with the rows as objects: what a run sees of them. */
function seen(read: OpenItemsRead) {
  if ('message_ja' in read) return { problem: read };
  return { file: read.file, items: read.items.rows.items(), problems: read.items.problems };
}

/** The thread that read them (a worker that failed leaves the reading to the main thread, silently). */
const thread = (read: OpenItemsRead) => ('message_ja' in read ? undefined : read.readOn);

describe('openInputAt: an input read a megabyte at a time, never whole', () => {
  const openFds = () => readdirSync('/proc/self/fd').length;

  it('gives a CSV file in chunks of the file as it was opened, however often it is read, and lets it go when closed', async () => {
    const bytes = encodeCp932(`${BAD}\r\n`.repeat(8_000));
    expect(bytes.length).toBeGreaterThan(3 * 2 ** 20);
    writeFileSync(join(dir, 'open.csv'), bytes);
    const before = openFds();
    const f = await openInputAt(dir, 'open.csv');
    if ('message_ja' in f) throw new Error(f.message_en);
    expect(isChunked(f.data)).toBe(true);
    const data = f.data as ChunkedBytes;
    expect(data.byteLength).toBe(bytes.length);
    const sizes = [...data.chunks()].map((c) => c.length);
    expect(sizes.slice(0, 3)).toEqual([2 ** 20, 2 ** 20, 2 ** 20]);
    // Another file put at its path meanwhile is not what is read: the file opened is.
    writeFileSync(join(dir, 'other.csv'), 'invoice_id\r\nOTHER\r\n');
    renameSync(join(dir, 'other.csv'), join(dir, 'open.csv'));
    // Compared as bytes (an assertion on arrays of millions of elements walks each as a key).
    const same = (read: Uint8Array) => Buffer.compare(Buffer.from(read), Buffer.from(bytes)) === 0;
    expect(same(wholeBytes(data))).toBe(true);
    expect(same(wholeBytes(data))).toBe(true);
    expect(openFds()).toBe(before + 1);
    f.close();
    f.close();
    expect(openFds()).toBe(before);
    expect(() => [...data.chunks()]).toThrow(/closed/);
    expect({ name: f.name, path: f.path }).toEqual({ name: 'open.csv', path: join(dir, 'open.csv') });
  });

  it('reads a pipe as readInput does (cat open.csv | urakata reconcile --open-items /dev/stdin), not as a file of no size', async () => {
    for (const f of ['bank.csv', 'open-items.csv']) writeFileSync(join(dir, f), readFileSync(join(root, 'examples/reconcile', f)));
    expect(await main(['reconcile', '--bank', 'bank.csv', '--open-items', 'open-items.csv', '--out', 'file.csv'], io())).toBe(0);
    await promisify(execFile)(
      'sh',
      [
        '-c',
        `cat open-items.csv | '${process.execPath}' '${join(root, 'bin/urakata.js')}' reconcile --bank bank.csv --open-items /dev/stdin --out pipe.csv`,
      ],
      { cwd: dir },
    );
    expect(readFileSync(join(dir, 'pipe.csv')).equals(readFileSync(join(dir, 'file.csv')))).toBe(true);
  });

  it('refuses a file written over or cut while it is read, and names a read that fails as readInput does; the file let go each time', async () => {
    const bytes = encodeCp932(`${BAD}\r\n`.repeat(3_000));
    const before = openFds();
    for (const change of ['written over', 'cut'] as const) {
      writeFileSync(join(dir, 'open.csv'), bytes);
      const f = await openInputAt(dir, 'open.csv');
      if (isProblem(f)) throw new Error(f.message_en);
      let passes = 0;
      const read = readOpened(f, (data) => {
        const chunked = data as ChunkedBytes;
        for (const _ of chunked.chunks()) break;
        passes++;
        // In place, as `cat other.csv > open.csv` writes: the same file, other bytes.
        if (change === 'written over') writeFileSync(join(dir, 'open.csv'), bytes.subarray(0, bytes.length - 1000));
        else truncateSync(join(dir, 'open.csv'), 2 ** 20 + 10);
        return [...chunked.chunks()];
      });
      expect(passes, change).toBe(1);
      expect(isProblem(read) && read.message_en, change).toBe(
        'the file was written to while it was read: run again once it is written; nothing was read',
      );
      expect(openFds(), change).toBe(before);
    }
    writeFileSync(join(dir, 'open.csv'), bytes);
    const f = await openInputAt(dir, 'open.csv');
    if (isProblem(f)) throw new Error(f.message_en);
    const failed = readOpened(f, () => {
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'read' });
    });
    expect(failed).toMatchObject({ file: 'open.csv', message_ja: 'ファイルを読めません (EIO)', message_en: 'cannot read file (EIO)' });
    expect(() => readOpened(f, () => JSON.parse('{'))).toThrow(SyntaxError);
    expect(openFds()).toBe(before);
  });

  it('reads a workbook whole as readInput does (its sheet with it), and refuses what readInput refuses, in its words', async () => {
    writeFileSync(join(dir, 'open.xlsx'), csvAsXlsx(BAD, '請求残'));
    const f = await openInputAt(dir, 'open.xlsx', { sheet: '請求残' });
    const expected = await readInput(io(), 'open.xlsx', { sheet: '請求残' });
    if ('message_ja' in f || 'message_ja' in expected) throw new Error('unreadable');
    expect(f.data).toEqual(expected.bytes);
    expect([f.name, f.sheet?.file]).toEqual([expected.name, 'open.xlsx シート「請求残」']);
    writeFileSync(join(dir, 'big.csv'), new Uint8Array(5_000));
    mkdirSync(join(dir, 'folder'));
    const before = openFds();
    for (const [path, maxBytes] of [
      ['big.csv', 4_999],
      ['missing.csv', undefined],
      ['folder', undefined],
    ] as const) {
      const refused = await openInputAt(dir, path, { maxBytes });
      expect(refused, path).toEqual(await readInput(io(), path, { maxBytes }));
      expect('message_ja' in refused, path).toBe(true);
    }
    expect(openFds()).toBe(before);
  });
});

describe('reading the open items on a worker thread', () => {
  it('starts from this module under tsx, and in a bundle only from open-items-worker.mjs beside it or beside its chunks', () => {
    expect(openItemsWorkerEntry('file:///app/cli/open-items-reader.ts')).toEqual({
      url: 'file:///app/cli/open-items-reader.ts',
      tsx: true,
    });
    const bundle = pathToFileURL(join(dir, 'urakata.mjs')).href;
    expect(openItemsWorkerEntry(bundle)).toBeUndefined();
    writeFileSync(join(dir, 'open-items-worker.mjs'), '');
    expect(openItemsWorkerEntry(bundle)).toEqual({ url: pathToFileURL(join(dir, 'open-items-worker.mjs')).href, tsx: false });
    mkdirSync(join(dir, 'chunks'));
    expect(openItemsWorkerEntry(pathToFileURL(join(dir, 'chunks/reconcile-AB12CD.mjs')).href)?.url).toBe(
      pathToFileURL(join(dir, 'open-items-worker.mjs')).href,
    );
  });

  it('reads the same rows and problems on the worker as on this thread, from Shift_JIS CSV and from a workbook sheet', async () => {
    writeFileSync(join(dir, 'open.csv'), encodeCp932(BAD));
    writeFileSync(join(dir, 'open.xlsx'), csvAsXlsx(BAD, '請求残'));
    for (const [file, sheet] of [
      ['open.csv', undefined],
      ['open.xlsx', '請求残'],
    ] as const) {
      const here = io();
      const there = io();
      const a = await readOpenItemsAside(here, file, { sheet, entry: undefined }).result();
      const b = await readOpenItemsAside(there, file, { sheet, fromBytes: 0 }).result();
      expect([thread(a), thread(b)], file).toEqual(['main', 'worker']);
      expect(seen(b)).toEqual(seen(a));
      const { problems } = seen(a);
      expect(problems?.map((p) => [p.row, p.column])).toEqual([
        [4, 'amount'],
        [5, 'invoice_id'],
      ]);
      // The sheet read on the worker is noted as readInput notes it: problems in Excel's terms.
      expect(inInputTerms(there, problems ?? [])).toEqual(inInputTerms(here, problems ?? []));
    }
    const inSheet = io();
    const r = await readOpenItemsAside(inSheet, 'open.xlsx', { fromBytes: 0 }).result();
    expect(inInputTerms(inSheet, seen(r).problems ?? [])[0]?.file).toBe('open.xlsx シート「請求残」');
  });

  it('names a file it cannot read as readInput does, on the worker too', async () => {
    mkdirSync(join(dir, 'folder'));
    for (const path of ['missing.csv', 'folder']) {
      const expected = await readInput(io(), path);
      expect(await readOpenItemsAside(io(), path, { fromBytes: 0 }).result()).toEqual(expected);
    }
  });

  it('reads on this thread when the worker fails or ends without answering, and takes a worker answer as given', async () => {
    writeFileSync(join(dir, 'open.csv'), encodeCp932(BAD));
    const expected = seen(await readOpenItemsAside(io(), 'open.csv', { entry: undefined }).result());
    const workers = {
      throws: 'throw new Error("worker broke");',
      exits: 'process.exit(3);',
      silent: 'import { parentPort } from "node:worker_threads"; parentPort.once("message", () => parentPort.close());',
      answers:
        'import { parentPort } from "node:worker_threads"; parentPort.once("message", () => parentPort.postMessage({ unreadable: { file: "w", row: 0, column: "", value: "", message_ja: "作業スレッド", message_en: "worker" } }));',
    };
    for (const [name, code] of Object.entries(workers)) {
      writeFileSync(join(dir, `${name}.mjs`), code);
      const entry = { url: pathToFileURL(join(dir, `${name}.mjs`)).href, tsx: false };
      const answer = await readOpenItemsAside(io(), 'open.csv', { entry, fromBytes: 0 }).result();
      const read = seen(answer);
      if (name === 'answers') expect(read.problem?.message_en).toBe('worker');
      else {
        expect(read, name).toEqual(expected);
        expect(thread(answer), name).toBe('main');
      }
    }
  });

  it('gives the same result file through the bundle, the open items read on its worker, as in-process', async () => {
    const ds = generateDataset({ seed: 8, customers: 3_000, itemsPerCustomer: 12, deposits: 3_000 });
    const open = encodeCp932(openItemsCsv(ds.items));
    expect(open.length).toBeGreaterThan(ASIDE_FROM_BYTES);
    writeFileSync(join(dir, 'open.csv'), open);
    writeFileSync(join(dir, 'bank.csv'), readFileSync(join(root, 'examples/reconcile/bank.csv')));
    const bankCsv = [
      'date,amount,payer,edi,virtual_account',
      ...ds.lines.slice(0, 3_000).map((l) => `${l.date},${l.amount},"${l.payer}",,`),
    ];
    writeFileSync(join(dir, 'bank.csv'), encodeCp932(bankCsv.join('\r\n')));
    expect(await main(['reconcile', '--bank', 'bank.csv', '--open-items', 'open.csv', '--out', 'here.csv'], io())).toBe(0);
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, 'bin/urakata.js'), 'reconcile', '--bank', 'bank.csv', '--open-items', 'open.csv', '--out', 'bundle.csv'],
      { cwd: dir, maxBuffer: 2 ** 24 },
    );
    expect(stderr).toContain('入金3000件');
    expect(readFileSync(join(dir, 'bundle.csv')).equals(readFileSync(join(dir, 'here.csv')))).toBe(true);
  });
});
