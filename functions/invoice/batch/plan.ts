/**
 * The upload event of an invoice batch: the uploaded lines are planned by core (an invoice with
 * any bad row rejected whole), written as `chunks/{n}.json` and queued, one message per chunk.
 */
import { type Problem, problem } from '../../../core/errors.js';
import { type InvoicePlan, parseIssuer, planInvoices } from '../../../core/invoice/index.js';
import { inSheetTerms, isXlsx, type SheetText } from '../../../core/xlsx/index.js';
import { type UploadedTable, uploadedTable } from '../../workbook.js';
import { failJob, putJson, readJson, uploadTooLarge, writeStatus } from '../../jobs/status.js';
import { incomingKey } from '../../keys.js';
import { MAX_UPLOAD_BYTES, type RenderChunkMessage } from '../../schemas.js';
import { finalizeInvoiceBatch } from './finalize.js';
import {
  type BatchPlan,
  type BatchRequest,
  type ChunkFile,
  type InvoiceBatchDeps,
  KIND,
  key,
  MAX_BATCH_INVOICES,
  UPLOAD_NAME,
  unfinished,
} from './files.js';

/**
 * The upload event: checks the file, plans the invoices and queues one message per chunk.
 * A redelivered event finds the plan and only requeues chunks that have no result yet.
 * @example await splitInvoiceBatch(deps, 'acme', batchId)
 */
export async function splitInvoiceBatch(deps: InvoiceBatchDeps, tenant: string, id: string): Promise<void> {
  const status = await unfinished(deps.store, tenant, id);
  if (!status) return;
  const planned = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
  if (planned) {
    await queueChunks(deps, tenant, id, planned, true);
    if (planned.chunks === 0) await finalizeInvoiceBatch(deps, tenant, id, -1);
    return;
  }
  const request = await readJson<BatchRequest>(deps.store, key(tenant, id, 'request.json'));
  const upload = incomingKey(tenant, KIND, id, UPLOAD_NAME);
  const head = await deps.store.head(upload);
  if (!request || !head) return;
  const max = Math.min(request.size, deps.maxUploadBytes ?? MAX_UPLOAD_BYTES);
  if (head.size > max) {
    // S3 refuses a body that differs from the signed Content-Length; this catches anything else.
    await deps.store.delete(upload);
    return failJob(deps.store, tenant, status, [uploadTooLarge(UPLOAD_NAME, head.size, max)]);
  }
  const bytes = await deps.store.get(upload);
  const issuer = parseIssuer(request.issuer, 'issuer').issuer;
  if (!bytes || !issuer) return;
  const lines = uploadedLines(bytes);
  if ('message_ja' in lines) return failJob(deps.store, tenant, status, [lines]);
  const fromLines = planInvoices(lines.data, issuer, lines.file);
  const plan = lines.sheet ? inSheet(fromLines, lines.sheet) : fromLines;
  if (plan.fatal.length > 0) return failJob(deps.store, tenant, status, plan.fatal);
  const most = deps.maxBatchInvoices ?? MAX_BATCH_INVOICES;
  if (plan.invoices.length > most) return failJob(deps.store, tenant, status, [tooManyInvoices(plan.invoices.length, most)]);

  const size = deps.chunkSize ?? 100;
  const chunks = Math.ceil(plan.invoices.length / size);
  for (let n = 0; n < chunks; n++) {
    const chunk: ChunkFile = {
      invoices: plan.invoices.slice(n * size, (n + 1) * size),
      firstRows: plan.firstRows.slice(n * size, (n + 1) * size),
    };
    await putJson(deps.store, key(tenant, id, `chunks/${n}.json`), chunk);
  }
  await putJson(deps.store, key(tenant, id, 'plan-problems.json'), plan.problems);
  const summary: BatchPlan = { chunks, invoices: plan.invoices.length, rejected: plan.rejected };
  await putJson(deps.store, key(tenant, id, 'plan.json'), summary);
  await writeStatus(deps.store, tenant, status, { state: 'running', counts: { invoices: summary.invoices, rejected: summary.rejected } });
  await queueChunks(deps, tenant, id, summary, false);
  if (chunks === 0) await finalizeInvoiceBatch(deps, tenant, id, -1);
}

const tooManyInvoices = (count: number, most: number): Problem => {
  const n = (x: number) => x.toLocaleString('en');
  return problem(
    UPLOAD_NAME,
    0,
    '',
    '',
    `1回のバッチで発行できる請求書は${n(most)}件までです（このファイルは${n(count)}件）。月や取引先で分けてアップロードしてください`,
    `one batch issues at most ${n(most)} invoices; this file has ${n(count)}: split it (by month or by customer)`,
  );
};

/**
 * The uploaded lines as CSV: a CSV upload as it is; an Excel workbook (known by its bytes) as the
 * CSV of its first visible sheet, problems named `lines.xlsx シート「…」` with the Excel row.
 */
function uploadedLines(bytes: Uint8Array): UploadedTable | Problem {
  return uploadedTable(bytes, isXlsx(bytes) ? 'lines.xlsx' : UPLOAD_NAME);
}

/** A plan of a sheet's CSV with its rows and columns as Excel names them. */
function inSheet(plan: InvoicePlan, sheet: SheetText): InvoicePlan {
  return {
    ...plan,
    firstRows: plan.firstRows.map((row) => sheet.rowOfLine(row)),
    problems: inSheetTerms(plan.problems, sheet),
    fatal: inSheetTerms(plan.fatal, sheet),
  };
}

async function queueChunks(deps: InvoiceBatchDeps, tenant: string, id: string, plan: BatchPlan, onlyMissing: boolean) {
  const done = new Set<string>();
  if (onlyMissing) for await (const k of deps.store.list(key(tenant, id, 'results/'))) done.add(k);
  const messages: RenderChunkMessage[] = [];
  for (let n = 0; n < plan.chunks; n++) {
    if (!done.has(key(tenant, id, `results/${n}.json`))) messages.push({ type: 'render-chunk', tenant, batchId: id, chunk: n });
  }
  await deps.queue.send(messages);
}
