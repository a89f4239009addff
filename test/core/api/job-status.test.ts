/**
 * core/api/job-status.ts against the statuses the server really writes: an invoice batch and a
 * reconcile job run in-process by the handlers' own functions over a store in memory, each status
 * read as the Excel task pane and the Sheets sidebar read it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_STATE_NAMES, jobProblemLines, jobStateName, readJobStatus } from '../../../core/api/job-status.js';
import { errorsCsv, readErrorsCsv } from '../../../core/csv/errors-csv.js';
import { problem, problemMessage } from '../../../core/errors.js';
import { BATCH_COUNT_NAMES } from '../../../core/invoice/batch-counts.js';
import { handlerFonts } from '../../../functions/fonts.js';
import {
  createInvoiceBatch,
  type InvoiceBatchDeps,
  invoiceBatchStatus,
  renderInvoiceChunk,
  splitInvoiceBatch,
} from '../../../functions/invoice/batch.js';
import { runJobs } from '../../../functions/jobs/runs.js';
import { failJob, loadStatus } from '../../../functions/jobs/status.js';
import { incomingKey } from '../../../functions/keys.js';
import { logger } from '../../../functions/log.js';
import type { RenderChunkMessage, WorkMessage } from '../../../functions/schemas.js';
import { MemoryStore } from '../../helpers/memory-store.js';

logger.setLogLevel('SILENT');

const TENANT = 'tenant-a';
const ISSUER = JSON.parse(readFileSync('examples/invoices/issuer.json', 'utf8')) as Record<string, unknown>;
const HEADER = 'invoice_no,issue_date,due_date,customer_id,customer_name,item,quantity,unit_price,tax_rate';
/** Two good invoices, and B-1 with a quantity that is no number (rejected whole). */
const LINES = `${[
  HEADER,
  'A-1,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10',
  'A-2,2026-05-31,2026-06-30,C1,甲社,品目,1,2000,10',
  'B-1,2026-05-31,2026-06-30,C2,乙社,品目,x,3000,10',
].join('\r\n')}\r\n`;

/** The handlers' own dependencies, with the queue kept in a list and a stand-in renderer (the PDF's bytes do not matter here). */
function batchDeps(store: MemoryStore): InvoiceBatchDeps & { queued: WorkMessage[] } {
  const queued: WorkMessage[] = [];
  return {
    store,
    queued,
    queue: { send: async (m) => void queued.push(...m) },
    fonts: handlerFonts,
    chunkSize: 1,
    renderPdf: async () => new TextEncoder().encode('%PDF-1.7 stand-in'),
  };
}

/** What GET /v1/invoice-batches/{id} answers, through JSON as the client receives it. */
const answered = async (deps: InvoiceBatchDeps, id: string) =>
  JSON.parse(JSON.stringify(await invoiceBatchStatus(deps, TENANT, id))) as Record<string, unknown>;

describe('an invoice batch read at each state the server writes', () => {
  const store = new MemoryStore();
  const deps = batchDeps(store);
  const seen: Record<string, unknown>[] = [];
  let batchId = '';

  beforeAll(async () => {
    const created = await createInvoiceBatch(deps, TENANT, { size: Buffer.byteLength(LINES), issuer: ISSUER });
    batchId = created.batchId;
    seen.push(await answered(deps, batchId));
    await store.put(incomingKey(TENANT, 'invoice-batches', batchId, 'lines.csv'), LINES);
    await splitInvoiceBatch(deps, TENANT, batchId);
    seen.push(await answered(deps, batchId));
    for (const m of deps.queued) {
      await renderInvoiceChunk(deps, m as RenderChunkMessage);
      seen.push(await answered(deps, batchId));
    }
  });

  it('awaiting the upload: nothing done yet, no counts, no links', () => {
    expect(readJobStatus(seen[0] ?? {})).toEqual({
      state: 'awaiting_upload',
      done: false,
      counts: {},
      progress: 0,
      reasons: [],
      zipUrl: '',
      errorsUrl: '',
      resultUrl: '',
    });
  });

  it('running: the planned counts and the share of chunks rendered', () => {
    expect(deps.queued).toHaveLength(2);
    expect(readJobStatus(seen[1] ?? {})).toMatchObject({
      state: 'running',
      done: false,
      counts: { invoices: 2, rejected: 1 },
      progress: 0,
    });
    expect(readJobStatus(seen[2] ?? {})).toMatchObject({ state: 'running', done: false, progress: 0.5 });
  });

  it('done: every count finalize writes, each with a name, the links, progress 1', () => {
    const done = readJobStatus(seen[3] ?? {});
    expect(done).toEqual({
      state: 'done',
      done: true,
      counts: { invoices: 2, issued: 2, unchanged: 0, rejected: 1, conflicts: 0, warnings: 0 },
      progress: 1,
      reasons: [],
      zipUrl: `memory:///tenants/${TENANT}/invoice-batches/${batchId}/invoices.zip`,
      errorsUrl: `memory:///tenants/${TENANT}/invoice-batches/${batchId}/errors.csv`,
      resultUrl: '',
    });
    expect(Object.keys(done.counts).filter((k) => !(k in BATCH_COUNT_NAMES))).toEqual([]);
  });

  it('failed: the reasons as errors.csv words them, said once beside the rows', async () => {
    const s2 = new MemoryStore();
    const d2 = batchDeps(s2);
    const { batchId: id } = await createInvoiceBatch(d2, TENANT, { size: 100, issuer: ISSUER });
    const fatal = [problem('lines.csv', 1, 'invoice_no', '', '列がありません', 'column missing')];
    await failJob(s2, TENANT, await loadStatus(s2, TENANT, 'invoice-batches', id), fatal);
    const failed = readJobStatus(await answered(d2, id));
    expect(failed).toMatchObject({ state: 'failed', done: true, progress: 0, reasons: ['列がありません / column missing'] });
    expect(failed.errorsUrl).toBe(`memory:///tenants/${TENANT}/invoice-batches/${id}/errors.csv`);
    const rows = readErrorsCsv(new TextDecoder().decode(await s2.get(`tenants/${TENANT}/invoice-batches/${id}/errors.csv`)));
    expect(jobProblemLines(failed.reasons, rows)).toEqual([
      'lines.csv 1行目 / row 1 列「invoice_no」/ column invoice_no: 列がありません / column missing',
    ]);
  });
});

describe('a reconcile job read as the server writes it', () => {
  const bank = readFileSync('examples/reconcile/bank.csv');
  const open = readFileSync('examples/reconcile/open-items.csv');

  async function run(bankBytes: Uint8Array) {
    const store = new MemoryStore();
    const jobs = runJobs(store);
    const created = (await jobs.create('reconcile-jobs', TENANT, {
      files: { bank: bankBytes.byteLength, open_items: open.byteLength },
    })) as {
      jobId: string;
    };
    await store.put(incomingKey(TENANT, 'reconcile-jobs', created.jobId, 'bank.csv'), bankBytes);
    await store.put(incomingKey(TENANT, 'reconcile-jobs', created.jobId, 'open-items.csv'), open);
    await jobs.onUpload('reconcile-jobs', TENANT, created.jobId);
    const status = JSON.parse(JSON.stringify(await jobs.status('reconcile-jobs', TENANT, created.jobId))) as Record<string, unknown>;
    const errors = new TextDecoder().decode(await store.get(`tenants/${TENANT}/reconcile-jobs/${created.jobId}/errors.csv`));
    return { id: created.jobId, status: readJobStatus(status), rows: readErrorsCsv(errors) };
  }

  it('done: its counts and the result link', async () => {
    const { id, status } = await run(bank);
    expect(status).toMatchObject({ state: 'done', done: true, progress: 1, reasons: [], zipUrl: '' });
    expect(status.resultUrl).toBe(`memory:///tenants/${TENANT}/reconcile-jobs/${id}/reconcile.csv`);
    expect(Object.keys(status.counts)).toEqual(['deposits', 'auto', 'suggested', 'unmatched']);
    // examples/reconcile/bank.csv: 11 lines, 9 of them deposits, each auto, suggested or unmatched.
    const { deposits, auto, suggested, unmatched } = status.counts;
    expect(deposits).toBe(9);
    expect((auto ?? 0) + (suggested ?? 0) + (unmatched ?? 0)).toBe(9);
  });

  it('failed: the general reason first, then each rejected row', async () => {
    const { status, rows } = await run(new TextEncoder().encode('日付,入金\n2026-05-01,abc\n'));
    expect(status).toMatchObject({
      state: 'failed',
      done: true,
      reasons: ['入力に誤りがあります（errors.csv） / input rejected (see errors.csv)'],
    });
    const lines = jobProblemLines(status.reasons, rows);
    expect(lines[0]).toBe('入力に誤りがあります（errors.csv） / input rejected (see errors.csv)');
    expect(lines.slice(1)).toHaveLength(rows.length);
    expect(lines[1]).toMatch(/^bank\.csv /);
  });
});

describe('reading what is not the API’s shape', () => {
  it('takes no state it does not know, no count that is not a number, no progress past the end', () => {
    expect(
      readJobStatus({
        status: 'done',
        counts: { issued: '3', rejected: 1 },
        progress: { chunks: 2, chunks_done: 5 },
        reasons: [{ message_ja: 'x' }],
      }),
    ).toEqual({
      state: 'unknown',
      done: false,
      counts: { rejected: 1 },
      progress: 1,
      reasons: [],
      zipUrl: '',
      errorsUrl: '',
      resultUrl: '',
    });
    expect(readJobStatus({ state: 'running', progress: { chunks: 0, chunks_done: 0 } }).progress).toBe(0);
  });

  it('takes a link only as a web address: a javascript: or data: link from an endpoint is left out, not made a link the user clicks', () => {
    const read = readJobStatus({
      state: 'done',
      zipUrl: 'javascript:alert(document.cookie)',
      errorsUrl: ' Java\tScript:void(0)',
      resultUrl: 'data:text/html,<script>1</script>',
    });
    expect([read.zipUrl, read.errorsUrl, read.resultUrl]).toEqual(['', '', '']);
    // As far past spaces, controls and tabs as a browser reads a scheme.
    const far = readJobStatus({
      state: 'done',
      zipUrl: `${' '.repeat(64)}javascript:alert(1)`,
      errorsUrl: `java${'\t'.repeat(61)}script:x`,
    });
    expect([far.zipUrl, far.errorsUrl]).toEqual(['', '']);
    const ok = readJobStatus({ state: 'done', zipUrl: 'https://s3.example/b/invoices.zip?sig', resultUrl: 'http://127.0.0.1:4568/r.csv' });
    expect([ok.zipUrl, ok.resultUrl]).toEqual(['https://s3.example/b/invoices.zip?sig', 'http://127.0.0.1:4568/r.csv']);
  });
});

describe('names and lines', () => {
  it('names each state the server writes, and gives an unknown one as it came', () => {
    expect(Object.keys(JOB_STATE_NAMES)).toEqual(['awaiting_upload', 'running', 'done', 'failed']);
    expect(jobStateName('awaiting_upload', 'ja')).toBe('アップロード待ち');
    expect(jobStateName('failed', 'en')).toBe('failed');
    expect(jobStateName('paused', 'ja')).toBe('paused');
  });

  it('lists a warning row with its tag, and a reason no row says', () => {
    const rows = readErrorsCsv(
      errorsCsv([problem('lines.csv', 4, 'customer_endpoint', '', 'PeppolIDがありません', 'no Peppol id', 'warning')]),
    );
    const reason = problemMessage(problem('', 0, '', '', '一部を除いて計算しました', 'some left out'));
    expect(jobProblemLines([reason], rows)).toEqual([
      '一部を除いて計算しました / some left out',
      'lines.csv 4行目 / row 4 列「customer_endpoint」/ column customer_endpoint: 警告 warning: PeppolIDがありません / no Peppol id',
    ]);
  });
});
