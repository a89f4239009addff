/**
 * Load test of `urakata serve` (not part of npm test): B concurrent invoice batches of N invoices
 * each, created, uploaded and finished over HTTP, then checked — every invoice issued exactly
 * once, none missing, each zip complete.
 *
 *   npx tsx bench/serve-load.ts [--batches 20] [--invoices 500] [--chunk 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServe } from '../cli/serve.js';
import { logger } from '../functions/log.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '20' },
    invoices: { type: 'string', default: '500' },
    chunk: { type: 'string', default: '100' },
  },
});
const batches = Number(values.batches);
const perBatch = Number(values.invoices);
logger.setLogLevel('ERROR');

const ISSUER = {
  name: '株式会社サンプル商事',
  registration_number: 'T5010001234566',
  address: '東京都千代田区千代田1-1',
  phone: '03-1234-5678',
};

function csv(b: number): string {
  const rows = ['invoice_no,issue_date,due_date,customer_id,customer_name,item,quantity,unit_price,tax_rate'];
  for (let i = 1; i <= perBatch; i++) {
    rows.push(`L${b}-${i},2026-05-31,2026-06-30,C${i % 50},取引先${i % 50},品目,${1 + (i % 3)},${1000 + i},${i % 4 === 0 ? 8 : 10}`);
  }
  return `${rows.join('\r\n')}\r\n`;
}

// Any rejection nobody handled is a defect: counted and reported, not a crash mid-run.
const unhandled: unknown[] = [];
process.on('unhandledRejection', (e) => {
  unhandled.push(e);
  console.error('unhandled rejection:', e);
});
process.on('uncaughtException', (e, origin) => {
  unhandled.push(e);
  console.error(`uncaught exception (${origin}):`, e);
});

const dir = mkdtempSync(join(tmpdir(), 'urakata-load-'));
const serving = await startServe({ port: 0, dataDir: dir, addinDir: join(dir, 'none'), chunkSize: Number(values.chunk) });
const headers = { authorization: `Bearer ${serving.token}`, 'content-type': 'application/json' };
const api = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${serving.url}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  return (await r.json()) as Record<string, unknown>;
};

async function measure(): Promise<boolean> {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: batches }, async (_, b) => {
      const text = csv(b);
      const created = await api('POST', '/v1/invoice-batches', { size: Buffer.byteLength(text), issuer: ISSUER });
      const put = await fetch(String(created.uploadUrl), { method: 'PUT', body: text });
      if (!put.ok) throw new Error(`upload ${b}: ${put.status}`);
      for (;;) {
        const s = await api('GET', `/v1/invoice-batches/${String(created.batchId)}`);
        if (s.state === 'done' || s.state === 'failed') return { b, status: s, done: performance.now() };
        await new Promise((ok) => setTimeout(ok, 250));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Checks: every batch done, its manifest complete and unique, and in the store exactly one PDF per number.
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { b, status } of results) {
    if (status.state !== 'done') problems.push(`batch ${b}: ${String(status.state)}`);
    const manifest = (await (await fetch(String(status.manifestUrl))).json()) as { invoice_no: string }[];
    const numbers = new Set(manifest.map((e) => e.invoice_no));
    if (manifest.length !== perBatch || numbers.size !== perBatch) problems.push(`batch ${b}: manifest ${manifest.length}/${numbers.size}`);
    for (const n of numbers) {
      if (seen.has(n)) problems.push(`duplicate ${n}`);
      seen.add(n);
    }
    const zip = new Uint8Array(await (await fetch(String(status.zipUrl))).arrayBuffer());
    const eocd = Buffer.from(zip).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const entries = Buffer.from(zip).readUInt16LE(eocd + 10);
    if (entries !== perBatch) problems.push(`batch ${b}: zip has ${entries}`);
  }
  let stored = 0;
  for await (const _ of serving.stack.store.list('tenants/dev/invoices/')) stored++;
  const total = batches * perBatch;
  if (stored !== total) problems.push(`store holds ${stored} PDFs, expected ${total}`);
  if (unhandled.length > 0) problems.push(`${unhandled.length} unhandled rejection(s)`);
  if (seen.size !== total) problems.push(`${seen.size} distinct invoice numbers, expected ${total}`);

  console.log(`${batches} concurrent batches × ${perBatch} invoices = ${total} invoices in ${seconds.toFixed(1)} s`);
  console.log(`throughput: ${(total / seconds).toFixed(1)} invoices/s end to end (create → upload → PDFs → manifest, errors.csv, zip)`);
  console.log(`stored PDFs: ${stored}, distinct numbers in manifests: ${seen.size}`);
  console.log(problems.length === 0 ? 'OK: none missing, none duplicated' : `PROBLEMS:\n  ${problems.slice(0, 20).join('\n  ')}`);
  return problems.length === 0;
}

// A failure anywhere (a request, the final listing) ends the run with the reason, never a hang.
let passed = false;
try {
  passed = await measure();
} catch (e) {
  console.error('load test failed:', e);
} finally {
  await serving.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = passed ? 0 : 1;
