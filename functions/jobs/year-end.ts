/**
 * Year-end runs (年末調整, `POST /v1/year-end-runs`): the employees and declarations are uploaded;
 * the year's pay is an uploaded totals file or, by default, the tenant's own finished payroll runs
 * paid in the year (and any payroll or bonus outputs kept under its `payroll/`), summed by pay
 * date as `urakata nencho --payroll` sums them. The run writes result.csv (the columns of
 * `urakata nencho`), slips.zip (one 源泉徴収票 per employee, streamed), journal.csv (the
 * settlement's 仕訳, as `urakata nencho --journal` writes it) and errors.csv under
 * `tenants/{tenant}/year-end/{yyyy}/{id}/`. An employee an input error touches is left out and
 * listed; the others are kept. The latest finished run of a year is what the schedule carries into
 * that year's last pay.
 */
import { uniqueFileNames } from '../../core/files/file-names.js';
import { decodeText } from '../../core/csv/encoding.js';
import { writeCsv } from '../../core/csv/write.js';
import { InputError, isError, type Problem, problem } from '../../core/errors.js';
import { yearEndJournal } from '../../core/journal/year-end.js';
import { nothingLeft, yearEndForPane } from '../../core/sheet-functions/nencho.js';
import type { InputText } from '../../core/payroll/run.js';
import { yearEndTableFor } from '../../core/payroll/year-end/compute.js';
import { yearEndTable, yearEndTotals } from '../../core/payroll/year-end/output.js';
import { parsePayer } from '../../core/payroll/year-end/payer.js';
import type { YearEndEmployee } from '../../core/payroll/year-end/run.js';
import { renderWithholdingSlip, type WithholdingSlipOptions } from '../../core/payroll/year-end/slip.js';
import { ApiError } from '../errors.js';
import { isJobId, isPayrollInputKey, jobKey, newYearEndRunId, payrollRunsPrefix, tenantPrefix, yearEndPrefix } from '../keys.js';
import { CreateYearEndRunBody } from '../schemas.js';
import type { ObjectStore } from '../store.js';
import { inLanes } from '../lanes.js';
import { type ZipEntry, zipToStore } from '../zip.js';
import type { Outcome, RunRequest, RunSpec } from './handlers.js';
import { journalCsv } from './journal.js';
import { type JobStatus, readJson, statusKey } from './status.js';

const KIND = 'year-end-runs' as const;

interface YearEndRequest extends RunRequest {
  readonly year: number;
  readonly payer?: Record<string, unknown>;
  /** Payroll runs of the tenant whose payroll.csv is summed (none with a totals file). */
  readonly payroll_runs: readonly string[];
  /** Payroll or bonus outputs under the tenant's `payroll/`, summed with them. */
  readonly payroll_files: readonly string[];
  /**
   * The version (ETag) each of those was in when the run was created, by its key: the run sums
   * them as they were then, or refuses (one written again meanwhile would sum other figures than
   * the run said it would).
   */
  readonly pins?: Readonly<Record<string, string>>;
}

const UPLOADS = { employees: 'employees.csv', declarations: 'declarations.csv', totals: 'totals.csv' };

/** The year's table must exist: a year the engine does not know is refused before any upload. */
function checkYear(year: number): void {
  try {
    yearEndTableFor(year);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const p = e.problems[0];
    throw new ApiError(400, 'invalid_year', p?.message_ja ?? '年分に誤りがあります', p?.message_en ?? 'invalid year', e.problems, {
      cause: e,
    });
  }
}

const refused = (code: string, ja: string, en: string, problems: readonly Problem[]) => new ApiError(400, code, ja, en, problems);

async function checkPayrollFiles(
  store: ObjectStore,
  tenant: string,
  keys: readonly string[],
  max: number,
): Promise<{ keys: string[]; bytes: number; pins: Record<string, string> }> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const pins: Record<string, string> = {};
  const size = (n: number) => n.toLocaleString('en');
  let total = 0;
  for (const k of keys) {
    const plain = isPayrollInputKey(k);
    const head = plain && !seen.has(k) ? await store.head(`${tenantPrefix(tenant)}${k}`) : undefined;
    // A run reads its payroll files whole into one worker: each within an upload's limit, and all together too.
    if (head && head.size > max) {
      problems.push(
        problem(
          'payroll_files',
          0,
          '',
          k,
          `アップロードの上限より大きいファイルです（${size(head.size)} バイト。上限 ${size(max)} バイト）`,
          `larger than an upload may be (${size(head.size)} bytes; at most ${size(max)})`,
        ),
      );
    }
    total += head?.size ?? 0;
    if (head?.etag !== undefined) pins[`${tenantPrefix(tenant)}${k}`] = head.etag;
    if (!head) {
      problems.push(
        problem(
          'payroll_files',
          0,
          '',
          k,
          seen.has(k) ? '同じファイルが2回指定されています' : 'payroll/ の下にこのファイルはありません',
          seen.has(k) ? 'the same file is named twice' : 'no such file under payroll/',
        ),
      );
    }
    seen.add(k);
  }
  if (problems.length === 0 && total > max) {
    problems.push(
      problem(
        'payroll_files',
        0,
        '',
        '',
        `給与のファイルの合計が1回の実行で読める量を超えます（${size(total)} バイト。上限 ${size(max)} バイト）。事業所などで分けて実行してください`,
        `the payroll files together are larger than one run reads (${size(total)} bytes; at most ${size(max)}): split the run`,
      ),
    );
  }
  if (problems.length > 0)
    throw refused('invalid_payroll_files', '給与のファイルの指定に誤りがあります', 'invalid payroll_files', problems);
  return { keys: [...keys], bytes: total, pins };
}

/**
 * The payroll runs' payroll.csv are read whole into the same worker as the payroll files: each
 * within an upload's limit, and all of them with the files too. A run refused so names the
 * runs (and the bytes) to leave out or split by.
 */
async function checkRunSizes(
  store: ObjectStore,
  tenant: string,
  runs: readonly string[],
  fileBytes: number,
  max: number,
): Promise<Record<string, string>> {
  const problems: Problem[] = [];
  const size = (n: number) => n.toLocaleString('en');
  const pins: Record<string, string> = {};
  let total = fileBytes;
  for (const id of runs) {
    const key = jobKey(tenant, 'payroll-runs', id, 'payroll.csv');
    const head = await store.head(key);
    if (head?.etag !== undefined) pins[key] = head.etag;
    const bytes = head?.size ?? 0;
    total += bytes;
    if (bytes > max) {
      problems.push(
        problem(
          'payroll_runs',
          0,
          '',
          id,
          `この実行の payroll.csv は1回の実行で読める量より大きいファイルです（${size(bytes)} バイト。上限 ${size(max)} バイト）`,
          `this run's payroll.csv is larger than one run reads (${size(bytes)} bytes; at most ${size(max)})`,
        ),
      );
    }
  }
  if (problems.length === 0 && total > max) {
    problems.push(
      problem(
        'payroll_runs',
        0,
        '',
        '',
        `合計する給与計算の実行とファイルが1回の実行で読める量を超えます（${size(total)} バイト。上限 ${size(max)} バイト）。事業所などで分けて実行してください`,
        `the payroll runs and files to sum are larger than one run reads (${size(total)} bytes; at most ${size(max)}): split the run`,
      ),
    );
  }
  if (problems.length > 0) throw refused('payroll_too_large', '合計する給与が大きすぎます', 'too much payroll for one run', problems);
  return pins;
}

/** A finished payroll run of the tenant: its pay date, or undefined. */
async function finishedPayDate(store: ObjectStore, tenant: string, id: string): Promise<string | undefined> {
  if (!isJobId(id, 'payroll-runs')) return undefined;
  const status = await readJson<JobStatus>(store, statusKey(tenant, 'payroll-runs', id));
  if (status?.state !== 'done') return undefined;
  return (await readJson<{ pay_date?: string }>(store, jobKey(tenant, 'payroll-runs', id, 'request.json')))?.pay_date;
}

async function checkRuns(store: ObjectStore, tenant: string, ids: readonly string[]): Promise<string[]> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(problem('payroll_runs', 0, '', id, '同じ実行が2回指定されています', 'the same run is named twice'));
    else if ((await finishedPayDate(store, tenant, id)) === undefined) {
      problems.push(problem('payroll_runs', 0, '', id, '終わった給与計算の実行ではありません', 'not a finished payroll run'));
    }
    seen.add(id);
  }
  if (problems.length > 0) throw refused('invalid_payroll_runs', '給与計算の実行の指定に誤りがあります', 'invalid payroll_runs', problems);
  return [...ids];
}

/** Runs whose pay dates are looked up at once: a tenant's runs of several years are two reads each. */
const PAY_DATE_LANES = 8;

/**
 * Every finished payroll run of the tenant paid in `year`, by pay date. Two runs paid on one day
 * (a run and its rerun, or a preview and the scheduled run) are refused: summing both would count
 * the pay twice, and which one stands is the tenant's to say (payroll_runs). Every run of the
 * tenant is read (its status, its request): PAY_DATE_LANES at a time, so that a tenant with
 * years of runs is answered within the API's time, not after two round trips per run in turn.
 */
export async function runsOfYear(store: ObjectStore, tenant: string, year: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const key of store.list(payrollRunsPrefix(tenant))) {
    const id = /\/payroll-runs\/([^/]+)\/status\.json$/.exec(key)?.[1];
    if (id !== undefined) ids.push(id);
  }
  const payDates: (string | undefined)[] = new Array(ids.length);
  await inLanes(ids.length, PAY_DATE_LANES, async (i) => {
    payDates[i] = await finishedPayDate(store, tenant, ids[i] as string);
  });
  const byDate = new Map<string, string[]>();
  ids.forEach((id, i) => {
    const payDate = payDates[i];
    if (payDate?.slice(0, 4) === String(year)) byDate.set(payDate, [...(byDate.get(payDate) ?? []), id]);
  });
  const twice = [...byDate].filter(([, ids]) => ids.length > 1);
  if (twice.length > 0) {
    throw refused(
      'ambiguous_payroll_runs',
      '同じ支給日の給与計算の実行が複数あります。合計する実行を payroll_runs で指定してください',
      'more than one payroll run is paid on the same day: name the runs to sum in payroll_runs',
      twice.map(([date, ids]) =>
        problem(
          'payroll_runs',
          0,
          'pay_date',
          date,
          `${date} 支給の実行が${ids.length}件あります: ${ids.join(', ')}`,
          `${ids.length} runs paid on ${date}: ${ids.join(', ')}`,
        ),
      ),
    );
  }
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, [id]]) => id as string);
}

/** Each employee's 源泉徴収票, rendered one at a time as the zip takes them. */
async function* slips(results: readonly YearEndEmployee[], o: WithholdingSlipOptions): AsyncGenerator<ZipEntry> {
  const names = uniqueFileNames(
    results.map((r) => r.employee.employee_id),
    '.pdf',
  );
  for (const [i, e] of results.entries()) {
    yield { name: names[i] ?? `${i + 1}.pdf`, bytes: await renderWithholdingSlip(e, o), date: `${o.year}-12-31` };
  }
}

const text = (bytes: Uint8Array | undefined, file: string) => ({ data: decodeText(bytes ?? new Uint8Array()).text, file });

export const YEAR_END_RUNS: RunSpec<YearEndRequest> = {
  uploads: UPLOADS,
  results: { 'result.csv': 'resultUrl', 'slips.zip': 'slipsUrl', 'journal.csv': 'journalUrl' },
  idField: 'runId',

  async prepare(store, tenant, body, limits) {
    const b = CreateYearEndRunBody.parse(body);
    checkYear(b.year);
    if (b.payer !== undefined) {
      const { problems } = parsePayer(b.payer, 'payer');
      if (problems.some(isError)) throw refused('invalid_payer', '支払者の設定に誤りがあります', 'invalid payer', problems);
    }
    const totals = b.files.totals !== undefined;
    const checked = totals
      ? { keys: [], bytes: 0, pins: {} }
      : await checkPayrollFiles(store, tenant, b.payroll_files ?? [], limits.maxUploadBytes);
    const files = checked.keys;
    const runs = totals ? [] : b.payroll_runs ? await checkRuns(store, tenant, b.payroll_runs) : await runsOfYear(store, tenant, b.year);
    const runPins = totals ? {} : await checkRunSizes(store, tenant, runs, checked.bytes, limits.maxUploadBytes);
    if (!totals && runs.length + files.length === 0) {
      throw refused(
        'no_payroll',
        `${b.year}年に支給した給与計算の実行がありません。年間合計（files.totals）か payroll_files を指定してください`,
        `no payroll run paid in ${b.year}: give the year's totals (files.totals) or payroll_files`,
        [],
      );
    }
    const request: YearEndRequest = {
      year: b.year,
      files: Object.fromEntries(Object.entries(b.files).filter(([, size]) => size !== undefined)) as Record<string, number>,
      ...(b.payer !== undefined ? { payer: b.payer } : {}),
      payroll_runs: runs,
      payroll_files: files,
      pins: { ...checked.pins, ...runPins },
    };
    return {
      request,
      id: newYearEndRunId(b.year),
      answer: { year: b.year, ...(totals ? {} : { payroll_runs: runs, payroll_files: files }) },
    };
  },

  async run({ files, request, store, tenant, fonts }): Promise<Outcome> {
    const year = request.year;
    const missing: Problem[] = [];
    const payroll: ReturnType<typeof text>[] = [];
    const source = async (key: string, file: string) => {
      const pin = request.pins?.[key];
      if (pin !== undefined) {
        const now = (await store.head(key))?.etag;
        if (now !== undefined && now !== pin) {
          missing.push(
            problem(
              file,
              0,
              '',
              '',
              'この実行を作った後で書き換えられたファイルです。合計する内容が変わるため計算しません。実行を作り直してください',
              'changed after the run was created: it would sum other figures than the run said; create the run again',
            ),
          );
          return;
        }
      }
      const bytes = await store.get(key);
      if (bytes) payroll.push(text(bytes, file));
      else missing.push(problem(file, 0, '', '', '合計する給与のファイルがありません', 'a payroll output to sum is missing'));
    };
    for (const id of request.payroll_runs)
      await source(jobKey(tenant, 'payroll-runs', id, 'payroll.csv'), `payroll-runs/${id}/payroll.csv`);
    for (const k of request.payroll_files) await source(`${tenantPrefix(tenant)}${k}`, k);
    // A pay left out would understate every employee's year: nothing is computed without it.
    if (missing.length > 0) return { problems: missing, outputs: {}, counts: {}, failed: true };

    const run = yearEndForPane({
      year,
      employees: text(files.employees, UPLOADS.employees),
      declarations: text(files.declarations, UPLOADS.declarations),
      source: request.files.totals !== undefined ? { totals: text(files.totals, UPLOADS.totals) } : { payroll },
    });
    const problems = [...run.problems];
    const errors = problems.filter(isError).length;
    if (nothingLeft(run)) return { problems, outputs: {}, counts: { errors }, failed: true };

    const rows = run.results.map((r) => r.row);
    const payer = request.payer === undefined ? undefined : parsePayer(request.payer, 'payer').payer;
    return {
      problems,
      failed: false,
      outputs: {
        // The bytes `urakata nencho --out result.csv` writes.
        'result.csv': writeCsv(yearEndTable(rows), 'utf-8-bom'),
        'slips.zip': (s, key) => zipToStore(s, key, slips(run.results, { fonts: fonts(), year, ...(payer ? { payer } : {}) })),
        // `urakata nencho --journal`'s bytes: the settlement paid outside the pay (docs/journal.md).
        'journal.csv': journalCsv(yearEndJournal(rows, year)),
      },
      counts: { ...yearEndTotals(rows), held_back: run.heldBack, errors },
    };
  },
};

/**
 * The tenant's latest finished year-end run of `year` (by when it finished) and its result.csv,
 * or undefined when there is none.
 * @example await latestYearEnd(store, 'acme', 2026) // { id: '2026-…', result: { data, file: 'year-end/2026/2026-…/result.csv' } }
 */
export async function latestYearEnd(
  store: ObjectStore,
  tenant: string,
  year: number,
): Promise<{ id: string; result: InputText } | undefined> {
  let latest: JobStatus | undefined;
  for await (const key of store.list(yearEndPrefix(tenant, year))) {
    if (!key.endsWith('/status.json')) continue;
    const s = await readJson<JobStatus>(store, key);
    if (s?.state !== 'done' || !isJobId(s.id, KIND)) continue;
    if (!latest || s.updated_at > latest.updated_at || (s.updated_at === latest.updated_at && s.id > latest.id)) latest = s;
  }
  if (!latest) return undefined;
  const key = jobKey(tenant, KIND, latest.id, 'result.csv');
  const data = await store.get(key);
  // Written before its status: a done run without it is a broken store, not a year without a run.
  if (!data) throw new Error(`year-end run ${latest.id} is done but has no result.csv`);
  return { id: latest.id, result: { data, file: key.slice(tenantPrefix(tenant).length) } };
}
