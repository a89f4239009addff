/**
 * Reconcile jobs, payroll runs and year-end runs: the input files are uploaded to S3 through
 * presigned URLs; when the last one arrives the job runs the same core calls as `urakata
 * reconcile` / `urakata payroll` / `urakata nencho` and writes its results next to its status,
 * the status last, so the results appear all together or not at all. Any input error: errors.csv
 * and `failed`, no results (as the CLI writes nothing) — except a year-end run, which keeps the
 * employees no error touches. A run is a pure function of its inputs, so a redelivered upload
 * event that runs it again writes the same bytes.
 */
import { Readable } from 'node:stream';
import { objectsToRows, writeCsv } from '../../core/csv/write.js';
import { addDays, todayInTokyo } from '../../core/dates/calendar.js';
import { isError, type Problem, problem } from '../../core/errors.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';
import { payrollJournal } from '../../core/journal/payroll.js';
import { journalCustomers, reconcileJournal } from '../../core/journal/reconcile.js';
import { PAYROLL_COLUMNS } from '../../core/payroll/output.js';
import { isLastPayOfYear, payMonthsDue } from '../../core/payroll/pay-date.js';
import { type InputText, runPayroll } from '../../core/payroll/run.js';
import { settlementPayProblems } from '../../core/payroll/year-end/settlement.js';
import { reconcileCsvPieces } from '../../core/reconcile/report.js';
import { readRunStatement, reconcileJsonPieces, runReconcile } from '../../core/reconcile/run.js';
import type { BankLine } from '../../core/reconcile/types.js';
import type { SheetText } from '../../core/xlsx/index.js';
import { createHash } from 'node:crypto';
import { handlerFonts } from '../fonts.js';
import { inUploadedSheets, uploadedTable } from '../workbook.js';
import { incomingKey, isPayrollInputKey, isTenantId, jobKey, newJobId, SCHEDULES, tenantPrefix } from '../keys.js';
import { correlationId, logger } from '../log.js';
import {
  CreatePayrollRunBody,
  CreateReconcileJobBody,
  MAX_JOB_DEPOSITS,
  MAX_UPLOAD_BYTES,
  PayrollSchedule,
  URL_EXPIRY_SECONDS,
} from '../schemas.js';
import type { ObjectStore } from '../store.js';
import type { JobHandlers, Outcome, RunKind, RunRequest, RunSpec } from './handlers.js';
import { journalCsv } from './journal.js';
import {
  failJob,
  type JobStatus,
  loadStatus,
  putErrorsCsv,
  putJson,
  readJson,
  statusKey,
  tooLarge,
  unfinishedStatus,
  uploadTooLarge,
  writeStatus,
} from './status.js';
import { latestYearEnd, YEAR_END_RUNS } from './year-end.js';

/** A kind whose POST body is all it needs: parsed, kept, and a fresh id. */
const parsedBody =
  <R extends RunRequest>(schema: { parse(body: unknown): R }) =>
  async (_store: ObjectStore, _tenant: string, body: unknown) => ({ request: schema.parse(body), id: newJobId() });

const RECONCILE_UPLOADS = { bank: 'bank.csv', open_items: 'open-items.csv' };

const RECONCILE_JOBS: RunSpec = {
  uploads: RECONCILE_UPLOADS,
  results: { 'reconcile.csv': 'resultUrl', 'reconcile.json': 'resultJsonUrl', 'journal.csv': 'journalUrl' },
  prepare: parsedBody(CreateReconcileJobBody),
  run({ files, today }): Outcome {
    const statement = readRunStatement({ data: files.bank ?? '', file: RECONCILE_UPLOADS.bank }, today);
    const tooMany = tooManyDeposits(statement.lines);
    if (tooMany) return { problems: [tooMany], outputs: {}, counts: {} };
    const run = runReconcile(statement, { data: files.open_items ?? '', file: RECONCILE_UPLOADS.open_items }, { today });
    if (!run.ok) return { problems: [...run.problems], outputs: {}, counts: {} };
    const { summary } = run;

    // Each result is made as it is written, one after another, and streamed in pieces: made whole
    // and held together (55 MB of CSV, 160 MB of JSON, 80 MB of journal for 200,000 deposits),
    // they had a job at 1.6 GB of a worker's 1,769 MB.
    return {
      problems: [...run.problems],
      outputs: {
        'reconcile.csv': (store, key) => store.putStream(key, Readable.from(copied(reconcileCsvPieces(run.decisions)))),
        // The JSON `urakata reconcile --out x.json` writes: each row with its allocations and alternatives.
        'reconcile.json': (store, key) => store.putStream(key, Readable.from(reconcileJsonPieces(run))),
        'journal.csv': (store, key) => store.put(key, journalCsv(reconcileJournal(run.decisions, journalCustomers(run.openItems)))),
      },
      counts: { deposits: summary.deposits, auto: summary.auto, suggested: summary.suggested, unmatched: summary.unmatched },
    };
  },
};

/** A statement of more deposits than a worker's memory matches (MAX_JOB_DEPOSITS). */
function tooManyDeposits(lines: readonly BankLine[]): Problem | undefined {
  let deposits = 0;
  for (const line of lines) if (line.direction === 'in') deposits++;
  if (deposits <= MAX_JOB_DEPOSITS) return undefined;
  const limit = MAX_JOB_DEPOSITS.toLocaleString('en-US');
  return problem(
    RECONCILE_UPLOADS.bank,
    0,
    '',
    '',
    `入金が${deposits.toLocaleString('en-US')}件あります。クラウドの消込は1回${limit}件までです（明細を分けるか、urakata reconcile を使ってください）`,
    `${deposits} deposits: a reconcile job matches at most ${limit} (split the statement, or use urakata reconcile)`,
  );
}

/** Pieces of a writer that reuses its buffer (csvPieces), each copied so a stream may hold it. */
function* copied(pieces: Iterable<Uint8Array>): Generator<Uint8Array> {
  for (const piece of pieces) yield piece.slice();
}

const PAYROLL_UPLOADS = { employees: 'employees.csv', attendance: 'attendance.csv' };

/** One month's payroll; with `yearEnd` (a year-end run's result.csv), the settlement carried into it. */
function payroll(files: Readonly<Record<string, Uint8Array>>, payDate: string, yearEnd?: InputText): Outcome {
  const run = runPayroll(
    { data: files.employees ?? '', file: PAYROLL_UPLOADS.employees },
    { data: files.attendance ?? '', file: PAYROLL_UPLOADS.attendance },
    { payDate, ...(yearEnd ? { yearEnd } : {}) },
  );
  if (run.rejected) return { problems: run.problems, outputs: {}, counts: {} };
  const rows = run.results.map((r) => r.result.row);
  const settled = rows.filter((r) => r.year_end_adjustment !== 0).length;
  return {
    problems: run.problems,
    outputs: { 'payroll.csv': writeCsv(objectsToRows(PAYROLL_COLUMNS, rows)), 'journal.csv': journalCsv(payrollJournal(rows, 'salary')) },
    counts: {
      employees: rows.length,
      net_pay_total: rows.reduce((s, r) => s + r.net_pay, 0),
      ...(yearEnd ? { year_end_settled: settled } : {}),
    },
  };
}

const PAYROLL_RUNS: RunSpec<RunRequest & { pay_date: string }> = {
  uploads: PAYROLL_UPLOADS,
  results: { 'payroll.csv': 'resultUrl', 'journal.csv': 'journalUrl' },
  prepare: parsedBody(CreatePayrollRunBody),
  run: ({ files, request }) => payroll(files, request.pay_date),
};

const SPECS: Readonly<Record<RunKind, RunSpec>> = {
  'reconcile-jobs': RECONCILE_JOBS,
  'payroll-runs': PAYROLL_RUNS as unknown as RunSpec,
  'year-end-runs': YEAR_END_RUNS as unknown as RunSpec,
};

/** errors.csv, the results, then the status: a reader that sees `done` finds every result. */
async function finish(store: ObjectStore, tenant: string, status: JobStatus, outcome: Outcome, extra: Partial<JobStatus> = {}) {
  const k = (f: string) => jobKey(tenant, status.kind, status.id, f);
  await putErrorsCsv(store, tenant, status, outcome.problems);
  const failed = outcome.failed ?? outcome.problems.some(isError);
  for (const [name, data] of Object.entries(outcome.outputs)) {
    if (typeof data === 'function') await data(store, k(name));
    else await store.put(k(name), data);
  }
  const errors = outcome.problems.some(isError);
  await writeStatus(store, tenant, status, {
    ...extra,
    state: failed ? 'failed' : 'done',
    counts: outcome.counts,
    ...(failed
      ? { reasons: [{ message_ja: '入力に誤りがあります（errors.csv）', message_en: 'input rejected (see errors.csv)' }] }
      : errors
        ? {
            reasons: [
              {
                message_ja: '入力に誤りのある社員を除いて計算しました（errors.csv）',
                message_en: 'employees with input errors were left out (see errors.csv)',
              },
            ],
          }
        : {}),
  });
}

/**
 * @example const jobs = runJobs(store); await jobs.create('reconcile-jobs', 'acme', { files: { bank: 1200, open_items: 800 } })
 */
export function runJobs(store: ObjectStore, maxUploadBytes = MAX_UPLOAD_BYTES, fonts: () => PdfFontBytes = handlerFonts): JobHandlers {
  return {
    async create(kind, tenant, body) {
      const spec = SPECS[kind];
      const { request, id, answer } = await spec.prepare(store, tenant, body, { maxUploadBytes });
      for (const size of Object.values(request.files)) if (size > maxUploadBytes) throw tooLarge(maxUploadBytes);
      const now = new Date().toISOString();
      // The creating request's id, for the worker to log the upload's work under.
      await putJson(store, jobKey(tenant, kind, id, 'request.json'), { ...request, correlation_id: correlationId() });
      await putJson(store, statusKey(tenant, kind, id), { id, kind, state: 'awaiting_upload', created_at: now, updated_at: now });
      const uploadUrls: Record<string, string> = {};
      for (const [field, name] of Object.entries(spec.uploads)) {
        const size = request.files[field];
        if (size !== undefined) uploadUrls[field] = await store.uploadUrl(incomingKey(tenant, kind, id, name), size, URL_EXPIRY_SECONDS);
      }
      return {
        [spec.idField ?? 'jobId']: id,
        ...answer,
        uploadUrls,
        method: 'PUT',
        expiresAt: new Date(Date.now() + URL_EXPIRY_SECONDS * 1000).toISOString(),
      };
    },

    async status(kind, tenant, id) {
      const status = await loadStatus(store, tenant, kind, id);
      if (status.state !== 'done' && status.state !== 'failed') return status;
      const results = SPECS[kind].results;
      const links: Record<string, string> = {};
      const names = status.state === 'done' ? [...Object.keys(results), 'errors.csv'] : ['errors.csv'];
      for (const name of names) {
        links[results[name] ?? 'errorsUrl'] = await store.downloadUrl(jobKey(tenant, kind, id, name), URL_EXPIRY_SECONDS, name);
      }
      return { ...status, ...links };
    },

    async onUpload(kind, tenant, id) {
      const status = await unfinishedStatus(store, tenant, kind, id);
      const request = await readJson<RunRequest>(store, jobKey(tenant, kind, id, 'request.json'));
      if (!status || !request) return;
      const files: Record<string, Uint8Array> = {};
      // A workbook uploaded in a CSV's place is read as its first sheet's CSV; problems name the sheet.
      const sheets = new Map<string, SheetText>();
      for (const [field, name] of Object.entries(SPECS[kind].uploads)) {
        const expected = request.files[field];
        if (expected === undefined) continue;
        const key = incomingKey(tenant, kind, id, name);
        const head = await store.head(key);
        if (!head) return; // another file has not arrived yet
        if (head.size > Math.min(expected, maxUploadBytes)) {
          const tooBig = uploadTooLarge(name, head.size, Math.min(expected, maxUploadBytes));
          return finish(store, tenant, status, { problems: [tooBig], outputs: {}, counts: {} });
        }
        const table = uploadedTable((await store.get(key)) ?? new Uint8Array(), name);
        if ('message_ja' in table) return finish(store, tenant, status, { problems: [table], outputs: {}, counts: {} });
        files[field] = table.data;
        if (table.sheet) sheets.set(name, table.sheet);
      }
      logger.info('job running', { tenant, kind, id });
      const today = todayInTokyo(new Date());
      const outcome = await SPECS[kind].run({ files, request, store, tenant, fonts, today });
      await finish(store, tenant, status, { ...outcome, problems: inUploadedSheets(outcome.problems, sheets) });
    },

    async fail(kind, tenant, id) {
      const status = await unfinishedStatus(store, tenant, kind, id);
      if (!status) return;
      // The status of a failed job links its errors.csv: it must exist, saying what happened.
      await failJob(store, tenant, status, [problem('', 0, '', '', '再試行しても処理できませんでした', 'failed on every retry')]);
    },
  };
}

/** The same id for the same tenant and month, so a schedule that fires twice runs once. */
function runIdFor(tenant: string, yearMonth: string): string {
  const h = createHash('sha256').update(`payroll-run:${tenant}:${yearMonth}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The EventBridge schedule (daily): for every schedule config in `system/payroll-schedules/`
 * whose pay date is at most `days_before` calendar days after `today` (and not past), runs that
 * month's payroll from the input files named in the config (inside the tenant's prefix). The
 * run id is the pay month's, so the days after the first find it done and skip it; a day the
 * schedule did not fire is caught up the next day.
 * @example await runScheduledPayrolls(store, '2026-05-20') // [{ tenant: 'acme', id: '…', state: 'done' }]
 */
export async function runScheduledPayrolls(store: ObjectStore, today: string, daysBefore = 3) {
  const started: { tenant: string; id: string; state: string }[] = [];
  for await (const key of store.list(SCHEDULES)) {
    // `system/payroll-schedules/{tenant}.json`: the tenant the file is for.
    const named = key.slice(SCHEDULES.length).replace(/\.json$/, '');
    try {
      const s = await readSchedule(store, key, named);
      if (s === undefined) continue; // deleted since it was listed
      if (typeof s === 'string') {
        // A file that is no schedule of its tenant is that tenant's failure (the alarm fires), and stops no other.
        logger.error('invalid payroll schedule refused', { key, reason: s });
        started.push({ tenant: named, id: '', state: 'failed' });
        continue;
      }
      for (const { month, payDate } of payMonthsDue(s.pay_day, today, addDays(today, daysBefore))) {
        const run = await runScheduled(store, s, month, payDate);
        if (run) started.push(run);
      }
    } catch (e) {
      // One tenant's failure (e.g. a year the holiday table does not cover yet) stops no other.
      logger.error('scheduled payroll failed', { key, error: e as Error });
      started.push({ tenant: named, id: '', state: 'failed' });
    }
  }
  return started;
}

/**
 * A schedule file's config; why it is refused (not JSON, not a {@link PayrollSchedule}, a tenant
 * that is no tenant id or not the one the file is named for — a file must not run another
 * tenant's payroll); undefined when the file is gone.
 */
async function readSchedule(store: ObjectStore, key: string, named: string): Promise<PayrollSchedule | string | undefined> {
  let json: unknown;
  try {
    json = await readJson<unknown>(store, key);
  } catch (e) {
    if (e instanceof SyntaxError) return `not JSON: ${e.message}`;
    throw e;
  }
  if (json === undefined) return undefined;
  const parsed = PayrollSchedule.safeParse(json);
  if (!parsed.success) return `not a payroll schedule: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  const { tenant } = parsed.data;
  if (!isTenantId(tenant)) return `tenant ${JSON.stringify(tenant)} is not a tenant id`;
  if (tenant !== named) return `tenant ${tenant} is not the one the file is named for (${named})`;
  // Its inputs are the tenant's payroll inputs, as a year-end run's payroll_files are: not another
  // tenant's (through ..), not the tenant's other data.
  for (const field of ['employees', 'attendance'] as const) {
    if (!isPayrollInputKey(parsed.data[field]))
      return `${field} ${JSON.stringify(parsed.data[field])} is not a file under the tenant's payroll/`;
  }
  return parsed.data;
}

/**
 * One pay month's scheduled run, unless it is done already. The last pay of a year carries the
 * settlement of the tenant's latest finished year-end run of that year, if there is one.
 */
async function runScheduled(
  store: ObjectStore,
  s: PayrollSchedule,
  month: string,
  payDate: string,
): Promise<{ tenant: string; id: string; state: string } | undefined> {
  const id = runIdFor(s.tenant, month);
  const existing = await readJson<JobStatus>(store, statusKey(s.tenant, 'payroll-runs', id));
  if (existing?.state === 'done') return undefined;
  const now = new Date().toISOString();
  const status: JobStatus = existing ?? { id, kind: 'payroll-runs', state: 'running', created_at: now, updated_at: now };
  const read = async (k: string) => (await store.get(`${tenantPrefix(s.tenant)}${k}`)) ?? new Uint8Array();
  const latest = isLastPayOfYear(s.pay_day, month, payDate) ? await latestYearEnd(store, s.tenant, Number(payDate.slice(0, 4))) : undefined;
  // A year-end run that did not sum this pay (made before it was computed ahead) would pay
  // refunds overstated by the pay's own withholding: the pay goes out without it, and says why.
  // So does one core refuses for any other reason (an older result without its 年分).
  const unfit = latest ? settlementPayProblems(payDate, latest.result) : [];
  const yearEnd = unfit.length === 0 ? latest : undefined;
  if (yearEnd) logger.info('year-end settlement carried', { tenant: s.tenant, id, yearEndRun: yearEnd.id });
  if (latest && !yearEnd)
    logger.warn('year-end settlement not carried', { tenant: s.tenant, id, yearEndRun: latest.id, reason: unfit[0]?.message_en });
  const paid = payroll({ employees: await read(s.employees), attendance: await read(s.attendance) }, payDate, yearEnd?.result);
  const outcome = { ...paid, problems: [...paid.problems, ...unfit.map((p) => ({ ...p, severity: 'warning' as const }))] };
  // Its inputs, as a posted run keeps them: the year-end run sums the year's runs by this pay date.
  await putJson(store, jobKey(s.tenant, 'payroll-runs', id, 'request.json'), {
    pay_date: payDate,
    ...(yearEnd ? { year_end_run: yearEnd.id } : {}),
  });
  // An earlier failed attempt's year-end run is not kept if this one carries none.
  await finish(store, s.tenant, status, outcome, {
    year_end_run: yearEnd?.id,
    ...(latest && !yearEnd
      ? {
          reasons: [
            {
              // Why, in the words of the check that refused it (another year, a pay it did not sum, an older result's missing 年分).
              message_ja: `年末調整の実行 ${latest.id} の精算は載せていません（errors.csv）: ${unfit[0]?.message_ja ?? ''}`,
              message_en: `the 年末調整 settlement of year-end run ${latest.id} is not carried (see errors.csv): ${unfit[0]?.message_en ?? ''}`,
            },
          ],
        }
      : {}),
  });
  return { tenant: s.tenant, id, state: outcome.problems.some(isError) ? 'failed' : 'done' };
}
