import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run as invoicesCli } from '../../cli/invoices.js';
import { invoiceKey, invoiceNumberKey } from '../../functions/keys.js';
import { sha256Hex } from '../../functions/store.js';
import { extractText } from '../helpers/pdf.js';
import {
  ConditionalWrites,
  CountingStore,
  delegate,
  download,
  HEADER,
  ISSUER,
  invoiceCsv,
  type TestStack,
  testStack,
  unzipStored,
} from './stack.js';

let t: TestStack | undefined;

async function until(f: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await f()); i++) await new Promise((ok) => setTimeout(ok, 10));
}
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** `urakata invoices --journal` on the same lines into an empty folder: the 仕訳 the batch must write, byte for byte. */
async function cliJournal(lines: string | Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'urakata-invoices-journal-'));
  try {
    writeFileSync(join(dir, 'lines.csv'), lines);
    writeFileSync(join(dir, 'issuer.json'), JSON.stringify(ISSUER));
    const args = ['--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'out', '--jobs', '1', '--journal', 'journal.csv'];
    expect(await invoicesCli(args, { out: () => undefined, err: () => undefined, cwd: dir })).toBe(0);
    return new Uint8Array(readFileSync(join(dir, 'journal.csv')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines of a neutral journal CSV (no field of these holds a comma), by header. */
function journalLines(bytes: Uint8Array): Record<string, string>[] {
  const [header, ...rows] = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
  const names = (header ?? '').split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [names[i], v])));
}

/** Σ amount on one side, of the lines on `accounts` (every line when none are named), debits less credits. */
function net(lines: Record<string, string>[], accounts?: string[]): number {
  return lines
    .filter((l) => !accounts || accounts.includes(l.account ?? ''))
    .reduce((sum, l) => sum + (l.side === 'debit' ? 1 : -1) * Number(l.amount), 0);
}

describe('invoice batch over the local S3 store', () => {
  it('issues every invoice of an uploaded CSV and returns a zip of valid PDFs', async () => {
    t = await testStack({ chunkSize: 2 });
    const { status } = await t.runBatch(invoiceCsv(5));
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 5, issued: 5, rejected: 0, conflicts: 0 } });
    const zip = unzipStored(await download(status.zipUrl));
    expect([...zip.keys()]).toEqual(['A-1.pdf', 'A-2.pdf', 'A-3.pdf', 'A-4.pdf', 'A-5.pdf']);
    const pdf = zip.get('A-3.pdf') ?? new Uint8Array();
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    // 3,000 yen at 10% → tax 300, total 3,300.
    const text = extractText(pdf);
    expect(text).toContain('A-3');
    expect(text).toContain('3,300');
    const manifest = JSON.parse(new TextDecoder().decode(await download(status.manifestUrl)));
    expect(manifest.map((e: { invoice_no: string }) => e.invoice_no)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(manifest[2]).toMatchObject({ total: 3300, tax_by_rate: { '10': 300 }, status: 'issued' });
  });

  it('writes journal.csv of the invoices it issued before done: the bytes urakata invoices --journal writes, tied to their totals', async () => {
    t = await testStack({ chunkSize: 2 });
    const lines = readFileSync(new URL('../../examples/invoices/lines.csv', import.meta.url));
    const { status } = await t.runBatch(new Uint8Array(lines));
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 4, issued: 4 } });
    const journal = await download(status.journalUrl);
    expect(journal).toEqual(await cliJournal(lines));
    const manifest = JSON.parse(new TextDecoder().decode(await download(status.manifestUrl))) as { invoice_no: string; total: number }[];
    const booked = journalLines(journal);
    // One entry per invoice, in file order; the credit note (CN-…) is its invoice reversed.
    expect([...new Set(booked.map((l) => l.memo?.split(' ')[1]))]).toEqual(manifest.map((e) => e.invoice_no));
    const total = manifest.reduce((sum, e) => sum + e.total, 0);
    expect(manifest.map((e) => [e.invoice_no, e.total])).toEqual([
      ['INV-2026-05-001', 51_677],
      ['INV-2026-05-002', 168_520],
      ['INV-2026-05-003', 10_999],
      ['CN-2026-05-001', -8_916],
    ]);
    expect(total).toBe(222_280);
    // 売掛金 and the 源泉徴収 the customer keeps (仮払税金) are the invoices' totals; 売上高 the same, credited.
    expect(net(booked, ['売掛金', '仮払税金'])).toBe(total);
    expect(net(booked, ['売上高'])).toBe(-total);
    expect(net(booked)).toBe(0);
  });

  it('books only what the batch issued, in the CLI’s order when an invoice’s rows are interleaved', async () => {
    t = await testStack({ chunkSize: 1 });
    const row = (no: string, price: number) => `${no},2026-05-31,2026-06-30,C1,甲社,品目,1,${price},10`;
    // A-1's last row comes after A-2's: urakata invoices books A-2 first (each invoice as its last row is read).
    const lines = `${[HEADER, row('A-1', 1000), row('A-2', 2000), row('A-1', 500)].join('\r\n')}\r\n`;
    const first = await t.runBatch(lines);
    expect(first.status.counts).toMatchObject({ issued: 2 });
    const journal = await download(first.status.journalUrl);
    expect(journal).toEqual(await cliJournal(lines));
    const booked = journalLines(journal);
    expect(booked.map((l) => [l.entry_no, l.side, l.account, l.amount, l.tax, l.memo])).toEqual([
      ['1', 'debit', '売掛金', '2200', '0', '請求書 A-2 甲社'],
      ['1', 'credit', '売上高', '2200', '200', '請求書 A-2 甲社'],
      ['2', 'debit', '売掛金', '1650', '0', '請求書 A-1 甲社'],
      ['2', 'credit', '売上高', '1650', '150', '請求書 A-1 甲社'],
    ]);

    // Again with A-2 changed (a conflict, not issued) and a new A-3: A-1 is unchanged (booked by the first batch), A-3 alone is booked.
    const second = await t.runBatch(`${[HEADER, row('A-1', 1000), row('A-2', 2500), row('A-1', 500), row('A-3', 3000)].join('\r\n')}\r\n`);
    expect(second.status.counts).toMatchObject({ issued: 1, unchanged: 1, conflicts: 1 });
    const again = journalLines(await download(second.status.journalUrl));
    expect(again.map((l) => [l.entry_no, l.side, l.account, l.amount, l.memo])).toEqual([
      ['1', 'debit', '売掛金', '3300', '請求書 A-3 甲社'],
      ['1', 'credit', '売上高', '3300', '請求書 A-3 甲社'],
    ]);
    // A batch that issues nothing books nothing: the header alone.
    const none = await t.runBatch(lines);
    expect(none.status.counts).toMatchObject({ issued: 0, unchanged: 2 });
    expect(new TextDecoder().decode(await download(none.status.journalUrl))).toBe(
      'entry_no,date,side,account,sub_account,department,tax_category,amount,tax,memo\r\n',
    );
  });

  it('writes JP PINT XML beside each PDF when asked, and zips both; a customer without a Peppol id gets a warning, no XML', async () => {
    t = await testStack();
    // A-1's customer has no Peppol id (customer_endpoint) and no corporate T-number: Peppol would refuse its XML (ibr-080).
    const csv = invoiceCsv(3)
      .split('\r\n')
      .map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'customer_endpoint' : i === 1 ? '' : '0188:6010401765432'}`))
      .join('\r\n');
    const { status } = await t.runBatch(csv, { pint: true });
    const zip = unzipStored(await download(status.zipUrl));
    expect([...zip.keys()]).toEqual(['A-1.pdf', 'A-2.pdf', 'A-2.xml', 'A-3.pdf', 'A-3.xml']);
    const errors = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(status.errorsUrl));
    expect(errors).toContain(',2,customer_endpoint,,"警告 warning: 取引先のPeppol ID');
    const xml = new TextDecoder().decode(zip.get('A-2.xml'));
    expect(xml).toContain('<cbc:CustomizationID>urn:peppol:pint:billing-1@jp-1</cbc:CustomizationID>');
    // 2,000 yen + 10% = 2,200.
    expect(xml).toMatch(/<cbc:PayableAmount currencyID="JPY">2200<\/cbc:PayableAmount>/);
  });

  it('issues the good invoices of a file with bad rows and lists the rest in errors.csv', async () => {
    t = await testStack();
    const csv = `${invoiceCsv(2)}B-1,2026-05-31,2026-06-30,C1,甲社,品目,1,千円,10\r\nB-1,2026-05-31,2026-06-30,C1,甲社,品目2,1,500,10\r\n`;
    const { status } = await t.runBatch(csv);
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 2, issued: 2, rejected: 1 } });
    const errors = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download(status.errorsUrl));
    expect(errors.startsWith('\ufefffile,row,column,value,message\r\n')).toBe(true);
    // Row 4 has the bad price; row 5 is the good row of the same invoice, not issued with it.
    expect(errors).toContain('lines.csv,4,unit_price,千円,');
    expect(errors).toContain('5,,,同じ請求書の他の行にエラーがあるため');
    expect([...unzipStored(await download(status.zipUrl)).keys()]).toEqual(['A-1.pdf', 'A-2.pdf']);
  });

  it('fails a batch whose file lacks a required column, with the reason', async () => {
    t = await testStack();
    const { status } = await t.runBatch('invoice_no,issue_date\r\nA-1,2026-05-31\r\n');
    expect(status.state).toBe('failed');
    expect(status.reasons.length).toBeGreaterThan(0);
    expect(status.zipUrl).toBeUndefined();
  });

  it('fails a batch whose file has a header and no line, saying so (it had finished done with nothing issued)', async () => {
    t = await testStack();
    const header = invoiceCsv(1).split('\r\n')[0] ?? '';
    const { status } = await t.runBatch(`${header}\r\n`);
    expect(status.state).toBe('failed');
    expect(status.reasons).toEqual([
      { message_ja: '請求明細の行がありません（見出しの行だけです）', message_en: 'no invoice lines (only the header)' },
    ]);
  });

  it('never issues an invoice twice when the upload event and every chunk are delivered twice', async () => {
    const counter = new CountingStore();
    t = await testStack({ chunkSize: 2, wrapStore: counter.wrap });
    const { batchId, status } = await t.runBatch(invoiceCsv(4));
    expect(status.counts.issued).toBe(4);
    const upload = `incoming/tenant-a/invoice-batches/${batchId}/lines.csv`;
    await t.stack.deps.queue.send([
      { type: 'upload', key: upload },
      { type: 'render-chunk', tenant: 'tenant-a', batchId, chunk: 0 },
      { type: 'render-chunk', tenant: 'tenant-a', batchId, chunk: 1 },
    ]);
    await t.stack.idle();
    expect(counter.invoiceWrites()).toEqual([1, 1, 1, 1]);
    const again = await t.call('GET', `/v1/invoice-batches/${batchId}`);
    expect(again.body.counts).toEqual(status.counts);
  });

  it('renders a chunk again after a failed delivery and issues each invoice once', async () => {
    const counter = new CountingStore();
    const { invoicePdf } = await import('../../core/invoice/index.js');
    let failures = 0;
    t = await testStack({
      chunkSize: 2,
      wrapStore: counter.wrap,
      // The second invoice of the first chunk fails once, after the first one was written.
      renderPdf: async (inv, fonts) => {
        if (inv.invoice_no === 'A-2' && failures++ === 0) throw new Error('renderer crashed');
        return invoicePdf(inv, fonts);
      },
    });
    const { status } = await t.runBatch(invoiceCsv(4));
    expect(failures).toBe(2);
    expect(status).toMatchObject({ state: 'done', counts: { issued: 4, unchanged: 0, conflicts: 0 } });
    expect(counter.invoiceWrites()).toEqual([1, 1, 1, 1]);
  });

  it('fails the batch with a reason when a chunk fails on every delivery (dead letter)', async () => {
    // The second chunk's result can never be stored. (A renderer that throws fails its invoice
    // alone: test/abuse/04-control-character.test.ts.)
    t = await testStack({
      chunkSize: 2,
      queue: { retryDelayMs: 10, maxAttempts: 3 },
      wrapStore: (inner) => ({
        ...delegate(inner),
        put: (k, b, o) => (k.endsWith('/results/1.json') ? Promise.reject(new Error('store refused')) : inner.put(k, b, o)),
      }),
    });
    const { status } = await t.runBatch(invoiceCsv(4));
    expect(status.state).toBe('failed');
    expect(status.reasons[0].message_en).toContain('failed on every retry');
    expect(status.zipUrl).toBeUndefined();
    // The first chunk's invoices were issued and stay valid (and searchable).
    const found = await t.call('GET', '/v1/invoices');
    expect(found.body.invoices.map((i: { invoice_no: string }) => i.invoice_no)).toEqual(expect.arrayContaining(['A-1', 'A-2']));
    // What the batch issued is written down all the same: the second chunk issued its invoices
    // before its result failed, so all four are in the manifest and booked in the journal once —
    // a batch uploaded again finds them `unchanged` and books none of them.
    const manifest = JSON.parse(new TextDecoder().decode(await download(status.manifestUrl))) as { invoice_no: string; status: string }[];
    expect(manifest.map((e) => [e.invoice_no, e.status])).toEqual([
      ['A-1', 'issued'],
      ['A-2', 'issued'],
      ['A-3', 'issued'],
      ['A-4', 'issued'],
    ]);
    expect(status.counts).toMatchObject({ issued: 4 });
    const booked = journalLines(await download(status.journalUrl));
    // 売掛金 of 1,000 + 2,000 + 3,000 + 4,000 yen with 10 % tax, each invoice once.
    expect(net(booked, ['売掛金'])).toBe(11_000);
    expect(net(booked)).toBe(0);
  });

  it.each([
    ['as it ends', 'ends'],
    ['when it is delivered again after stopping between its result and the record', 'stops'],
    ['when it then fails itself, its result never stored', 'fails'],
  ] as const)(
    'a chunk still issuing when its batch fails is recorded %s: every invoice it issued is in the manifest and booked once',
    async (_, how) => {
      const stops = how === 'stops';
      // The first chunk's result can never be stored, so the batch is dead-lettered while the second
      // chunk waits to store A-3's PDF (A-4, beside it, is issued). Recorded then, A-3 is "not
      // issued"; the chunk goes on and issues it. Left so, a re-upload would find it unchanged and
      // book it never. With `stops`, the chunk's process dies once just after it stores its result:
      // the delivery again finds the batch failed, and must still record it. With `fails`, its result
      // can never be stored: what it issued is found by its PDFs when it is delivered again.
      let release = () => {};
      const gate = new Promise<void>((ok) => {
        release = ok;
      });
      let waiting = false;
      let stored = false;
      let stopped = !stops;
      t = await testStack({
        chunkSize: 2,
        queue: { retryDelayMs: 10, maxAttempts: 3 },
        wrapStore: (inner) => ({
          ...delegate(inner),
          put: async (k, b, o) => {
            if (k.endsWith('/results/0.json') || (how === 'fails' && k.endsWith('/results/1.json'))) throw new Error('store refused');
            await inner.put(k, b, o);
            if (k.endsWith('/results/1.json')) stored = true;
          },
          get: (k) => {
            if (stored && !stopped && k.endsWith('/plan.json')) {
              stopped = true;
              return Promise.reject(new Error('process died'));
            }
            return inner.get(k);
          },
          putIfAbsent: async (k, b, o) => {
            if (k.endsWith('/A-3.pdf')) {
              waiting = true;
              await gate;
            }
            return inner.putIfAbsent(k, b, o);
          },
        }),
      });
      const bytes = new TextEncoder().encode(invoiceCsv(4));
      const created = await t.call('POST', '/v1/invoice-batches', { size: bytes.length, issuer: ISSUER });
      expect((await fetch(created.body.uploadUrl, { method: 'PUT', body: bytes })).ok).toBe(true);
      const path = `/v1/invoice-batches/${created.body.batchId}`;
      await until(async () => waiting && (await t?.call('GET', path))?.body.state === 'failed');
      const before = (await t.call('GET', path)).body;
      expect(before.state).toBe('failed');
      expect(before.counts).toMatchObject({ issued: 3, rejected: 1 });
      release();
      await t.stack.idle();
      expect(stopped).toBe(true);
      const after = (await t.call('GET', path)).body;
      expect(after.state).toBe('failed');
      expect(after.reasons[0].message_en).toContain('failed on every retry');
      expect(after.counts).toMatchObject({ issued: 4, rejected: 0 });
      const manifest = JSON.parse(new TextDecoder().decode(await download(after.manifestUrl))) as { invoice_no: string; status: string }[];
      expect(manifest.map((e) => [e.invoice_no, e.status])).toEqual([
        ['A-1', 'issued'],
        ['A-2', 'issued'],
        ['A-3', 'issued'],
        ['A-4', 'issued'],
      ]);
      expect(net(journalLines(await download(after.journalUrl)), ['売掛金'])).toBe(11_000);
      const errors = new TextDecoder().decode(await download(after.errorsUrl));
      expect(errors).toContain('failed on every retry');
      expect(errors).not.toContain('発行していません');
    },
  );

  it('a failed batch lists the invoices of chunks that never started without looking up their PDFs one by one', async () => {
    // One worker, no retry: the first chunk's result fails, the batch is dead-lettered before the
    // other two start. Their four invoices are "not issued", known from their missing leases.
    const looked: string[] = [];
    t = await testStack({
      chunkSize: 2,
      queue: { concurrency: 1, retryDelayMs: 10, maxAttempts: 1 },
      wrapStore: (inner) => ({
        ...delegate(inner),
        put: (k, b, o) => (k.endsWith('/results/0.json') ? Promise.reject(new Error('store refused')) : inner.put(k, b, o)),
        head: (k) => {
          looked.push(k);
          return inner.head(k);
        },
      }),
    });
    const { status } = await t.runBatch(invoiceCsv(6));
    expect(status.state).toBe('failed');
    expect(status.counts).toMatchObject({ issued: 2, rejected: 4 });
    const errors = new TextDecoder().decode(await download(status.errorsUrl));
    for (const no of ['A-3', 'A-4', 'A-5', 'A-6']) expect(errors).toMatch(new RegExp(`invoice_no,${no},.*発行していません`));
    expect(looked.filter((k) => /\/A-[3-6]\.pdf$/.test(k))).toEqual([]);
  });

  it('a chunk that fails ends only when all its invoices in flight have ended: a redelivery never writes beside them', async () => {
    // A-1's claim always fails at once; A-2's PDF takes a while to store. Had the chunk failed with
    // A-1 while A-2 was still being written, the redelivery would write A-2 beside it.
    const inFlight = new Map<string, number>();
    let most = 0;
    t = await testStack({
      chunkSize: 2,
      queue: { retryDelayMs: 10, maxAttempts: 3 },
      wrapStore: (inner) => ({
        ...delegate(inner),
        putIfAbsent: async (k, b, o) => {
          if (k.endsWith('/A-1')) throw new Error('store refused');
          const now = (inFlight.get(k) ?? 0) + 1;
          inFlight.set(k, now);
          most = Math.max(most, now);
          try {
            if (k.endsWith('/A-2.pdf')) await new Promise((ok) => setTimeout(ok, 150));
            return await inner.putIfAbsent(k, b, o);
          } finally {
            inFlight.set(k, (inFlight.get(k) ?? 1) - 1);
          }
        },
      }),
    });
    const { status } = await t.runBatch(invoiceCsv(2));
    expect(status.state).toBe('failed');
    expect(most).toBe(1);
  });

  it('a failed batch lists the invoices it did not issue by their rows, and books only those it did', async () => {
    // A-4's PDF can never be stored: the second chunk fails on every delivery after issuing A-3.
    t = await testStack({
      chunkSize: 2,
      queue: { retryDelayMs: 10, maxAttempts: 3 },
      wrapStore: (inner) => ({
        ...delegate(inner),
        putIfAbsent: (k, b, o) => (k.endsWith('/A-4.pdf') ? Promise.reject(new Error('store refused')) : inner.putIfAbsent(k, b, o)),
      }),
    });
    const { status } = await t.runBatch(invoiceCsv(4));
    expect(status.state).toBe('failed');
    expect(status.counts).toMatchObject({ issued: 3, rejected: 1 });
    const manifest = JSON.parse(new TextDecoder().decode(await download(status.manifestUrl))) as { invoice_no: string }[];
    expect(manifest.map((e) => e.invoice_no)).toEqual(['A-1', 'A-2', 'A-3']);
    const journal = new TextDecoder().decode(await download(status.journalUrl));
    expect(journal).toContain('A-3');
    expect(journal).not.toContain('A-4');
    const errors = new TextDecoder().decode(await download(status.errorsUrl));
    expect(errors).toContain('failed on every retry');
    expect(errors).toMatch(/lines\.csv,5,invoice_no,A-4,.*発行していません/);
  });

  it('finishes the batch when the zip upload fails once, issuing nothing again', async () => {
    const counter = new CountingStore();
    let zipFailures = 0;
    t = await testStack({
      chunkSize: 2,
      wrapStore: (inner) => {
        const counted = counter.wrap(inner);
        return {
          ...counted,
          putStream: async (k, body, o) => {
            if (k.endsWith('invoices.zip') && zipFailures++ === 0) {
              body.destroy(new Error('connection reset'));
              throw new Error('connection reset');
            }
            return counted.putStream(k, body, o);
          },
        };
      },
    });
    const { status } = await t.runBatch(invoiceCsv(3));
    expect(zipFailures).toBe(2);
    expect(status).toMatchObject({ state: 'done', counts: { issued: 3 } });
    expect(counter.invoiceWrites()).toEqual([1, 1, 1]);
    expect([...unzipStored(await download(status.zipUrl)).keys()]).toEqual(['A-1.pdf', 'A-2.pdf', 'A-3.pdf']);
  });

  it('finishes a batch when the store goes away mid-batch and comes back, nothing lost or duplicated', async () => {
    const counter = new CountingStore();
    let stack: TestStack['stack'] | undefined;
    let outage: Promise<void> | undefined;
    t = await testStack({
      chunkSize: 2,
      maxAttempts: 1,
      queue: { retryDelayMs: 100, maxAttempts: 20 },
      wrapStore: (inner) => {
        const counted = counter.wrap(inner);
        return {
          ...counted,
          putIfAbsent: async (k, b, o) => {
            const r = await counted.putIfAbsent(k, b, o);
            // Right after the third invoice is written (inside the second chunk), the store stops for 400 ms.
            if (k.endsWith('/A-3.pdf') && !outage && stack) {
              const s = stack;
              outage = s.stopStore().then(() => new Promise<void>((ok) => setTimeout(() => void s.startStore().then(ok), 400)));
              await outage;
            }
            return r;
          },
        };
      },
    });
    stack = t.stack;
    const { status } = await t.runBatch(invoiceCsv(6));
    expect(outage).toBeDefined();
    expect(status).toMatchObject({ state: 'done', counts: { invoices: 6, issued: 6, conflicts: 0 } });
    // A PUT cut off by the outage may have been stored without its answer arriving: the retry then
    // finds it (same batch, same SHA-256) instead of writing again. So: no key written twice…
    expect(counter.invoiceWrites().every((n) => n === 1)).toBe(true);
    const stored: string[] = [];
    for await (const k of t.stack.store.list('tenants/tenant-a/invoices/')) stored.push(k);
    expect(stored).toHaveLength(6);
    // …and every PDF in the zip is whole: its bytes hash to the manifest's SHA-256.
    const manifest = JSON.parse(new TextDecoder().decode(await download(status.manifestUrl))) as { file: string; sha256: string }[];
    const zip = unzipStored(await download(status.zipUrl));
    expect([...zip.keys()]).toEqual(manifest.map((e) => e.file));
    for (const e of manifest) expect(sha256Hex(zip.get(e.file) ?? new Uint8Array())).toBe(e.sha256);
  });

  it('issues an invoice number once across months: the same number dated in another month is a conflict', async () => {
    t = await testStack();
    await t.runBatch(invoiceCsv(1, 'DUP'));
    const other = await t.runBatch(
      invoiceCsv(1, 'DUP').replace('DUP-1,2026-05-31,', 'DUP-1,2026-06-01,').replace('品目,1,1000,10', '品目,1,99999,10'),
    );
    expect(other.status.counts).toMatchObject({ issued: 0, conflicts: 1 });
    const found = (await t.call('GET', '/v1/invoices?counterparty=C1')).body.invoices.filter(
      (i: { invoice_no: string }) => i.invoice_no === 'DUP-1',
    );
    expect(found.map((i: { issue_date: string }) => i.issue_date)).toEqual(['2026-05-31']);
    // The same invoice again (same date and content) is not a conflict: unchanged.
    const again = await t.runBatch(invoiceCsv(1, 'DUP'));
    expect(again.status.counts).toMatchObject({ issued: 0, unchanged: 1, conflicts: 0 });
  });

  it('issues an invoice number once when its claim meets S3’s 409 (another conditional write in progress): the number dated in another month is then a conflict', async () => {
    const writes = new ConditionalWrites();
    t = await testStack({ wrapStore: writes.wrap });
    const claim = invoiceNumberKey('tenant-a', 'DUP-1');
    writes.plan(claim, 409);
    const first = await t.runBatch(invoiceCsv(1, 'DUP'));
    expect(first.status.counts).toMatchObject({ issued: 1, conflicts: 0 });
    const other = await t.runBatch(invoiceCsv(1, 'DUP').replace('DUP-1,2026-05-31,', 'DUP-1,2026-06-01,'));
    expect(other.status.counts).toMatchObject({ issued: 0, conflicts: 1 });
    expect(await t.stack.store.head(invoiceKey('tenant-a', '2026-06-01', 'DUP-1', 'pdf'))).toBeUndefined();
    // The 409 was tried again and the claim written; the second batch found it (412).
    expect(writes.statuses(claim)).toEqual([409, 200, 412]);
  });

  it('a chunk delivered again issues its own invoice when the PDF’s write meets S3’s 409, not a conflict', async () => {
    const writes = new ConditionalWrites();
    t = await testStack({ maxAttempts: 1, wrapStore: writes.wrap });
    const pdf = invoiceKey('tenant-a', '2026-05-31', 'A-1', 'pdf');
    // The first delivery's PDF write fails (500); the redelivery's meets 409, as when the first is still in progress at S3.
    writes.plan(pdf, 500, 409);
    const { status } = await t.runBatch(invoiceCsv(1));
    expect(status).toMatchObject({ state: 'done', counts: { issued: 1, unchanged: 0, conflicts: 0 } });
    expect(writes.statuses(pdf)).toEqual([500, 409, 200]);
    expect([...unzipStored(await download(status.zipUrl)).keys()]).toEqual(['A-1.pdf']);
  });

  it('tries an invoice again when the store says its number or PDF exists but then has none: never issued unclaimed, never a conflict', async () => {
    const claim = invoiceNumberKey('tenant-a', 'A-1');
    const pdf = invoiceKey('tenant-a', '2026-05-31', 'A-2', 'pdf');
    const answered = new Set<string>();
    t = await testStack({
      chunkSize: 1,
      wrapStore: (inner) => ({
        ...delegate(inner),
        // Once for each of these keys: "exists", though the store holds nothing under it.
        putIfAbsent: async (k, b, o) => {
          if ((k !== claim && k !== pdf) || answered.has(k)) return inner.putIfAbsent(k, b, o);
          answered.add(k);
          return 'exists';
        },
      }),
    });
    const { status } = await t.runBatch(invoiceCsv(2));
    expect(answered.size).toBe(2);
    expect(status).toMatchObject({ state: 'done', counts: { issued: 2, unchanged: 0, conflicts: 0 } });
    expect(await t.stack.store.head(claim)).toBeDefined();
    expect(await t.stack.store.head(pdf)).toBeDefined();
  });

  it('reports an invoice number issued before with other content as a conflict and keeps the first PDF', async () => {
    t = await testStack();
    const first = await t.runBatch(invoiceCsv(2));
    const before = unzipStored(await download(first.status.zipUrl)).get('A-1.pdf');
    const second = await t.runBatch(invoiceCsv(2).replace('品目,1,1000,10', '品目,1,1500,10'));
    expect(second.status.counts).toMatchObject({ issued: 0, unchanged: 1, conflicts: 1 });
    const errors = new TextDecoder().decode(await download(second.status.errorsUrl));
    expect(errors).toContain('2,invoice_no,A-1,この請求書番号は発行済みで、内容が異なります');
    const search = await t.call('GET', '/v1/invoices?counterparty=C1');
    const a1 = search.body.invoices.find((i: { invoice_no: string }) => i.invoice_no === 'A-1');
    expect(await download(a1.url)).toEqual(before);
  });

  it('refuses a batch of more invoices than one batch finishes in time, before issuing any, and says to split it', async () => {
    // One finalize call zips every PDF of the batch: past the limit it would time out on every
    // delivery, after every invoice had been issued and locked.
    t = await testStack({ chunkSize: 2, maxBatchInvoices: 3 });
    const { status } = await t.runBatch(invoiceCsv(4));
    expect(status.state).toBe('failed');
    expect(status.reasons[0].message_ja).toContain('3件まで');
    expect(status.reasons[0].message_en).toBe('one batch issues at most 3 invoices; this file has 4: split it (by month or by customer)');
    expect((await t.call('GET', '/v1/invoices')).body.invoices).toEqual([]);
    expect((await t.runBatch(invoiceCsv(3))).status.state).toBe('done');
  });

  it('refuses to create a batch larger than the upload limit', async () => {
    t = await testStack({ maxUploadBytes: 1000 });
    const r = await t.call('POST', '/v1/invoice-batches', { size: 1001, issuer: {} });
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('too_large');
  });

  it('refuses an upload of more bytes than the URL was signed for', async () => {
    t = await testStack();
    const created = await t.call('POST', '/v1/invoice-batches', { size: 10, issuer: ISSUER });
    // The store refuses a body whose length differs from the signed Content-Length, as S3 does…
    expect(new URL(created.body.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    const put = await fetch(created.body.uploadUrl, { method: 'PUT', body: invoiceCsv(3) });
    expect(put.status).toBe(403);
    const key = `incoming/tenant-a/invoice-batches/${created.body.batchId}/lines.csv`;
    expect(await t.stack.store.head(key)).toBeUndefined();
    // …and the batch's own size check refuses a larger file that reaches the store another way.
    await t.stack.store.put(key, invoiceCsv(3));
    await until(async () => (await t?.call('GET', `/v1/invoice-batches/${created.body.batchId}`))?.body.state === 'failed');
    const status = await t.call('GET', `/v1/invoice-batches/${created.body.batchId}`);
    expect(status.body).toMatchObject({ state: 'failed', reasons: [{ message_en: 'file too large (limit 10 bytes)' }] });
    expect(await t.stack.store.head(key)).toBeUndefined();
  });

  it('refuses a bad issuer before any upload, naming the field', async () => {
    t = await testStack();
    const r = await t.call('POST', '/v1/invoice-batches', { size: 100, issuer: { ...ISSUER, registration_number: 'T1234' } });
    expect(r.status).toBe(400);
    expect(r.body.problems[0].column).toBe('registration_number');
  });
});
