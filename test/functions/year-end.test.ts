import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as bonusCli } from '../../cli/bonus.js';
import { run as nenchoCli } from '../../cli/nencho.js';
import { run as payrollCli } from '../../cli/payroll.js';
import { addDays } from '../../core/dates/calendar.js';
import { scheduledPayDate } from '../../core/payroll/pay-date.js';
import { createCredential } from '../../functions/auth.js';
import { runScheduledPayrolls } from '../../functions/jobs/runs.js';
import { putJson } from '../../functions/jobs/status.js';
import { latestYearEnd, runsOfYear } from '../../functions/jobs/year-end.js';
import { jobKey } from '../../functions/keys.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { randomUUID } from 'node:crypto';
import { download, type Json, type TestStack, testStack, unzipStored } from './stack.js';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b).replace(/^\uFEFF/, '');
const example = (path: string) => new Uint8Array(readFileSync(new URL(`../../examples/${path}`, import.meta.url)));

/** A CSV read back as objects by header. */
function records(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

// The NTA worked example (令和8年分 年末調整のしかた): refund 115,270.
const EMPLOYEES_HEADER = 'employee_id,name,birth_date,prefecture,monthly_salary,dependents,tax_column';
const N1 = 'N1,国税 太郎,1975-06-01,東京都,600000,5,甲';
const N2 = 'N2,税務 花子,1990-02-01,東京都,300000,0,甲';
const DECLARATIONS_HEADER =
  'employee_id,spouse_income,dependants_specified,dependants_elderly_cohabiting,dependants_general,disabled_general,specified_relative_incomes,life_new_general,life_care_medical,life_new_pension,earthquake,housing_loan_credit';
const N1_DECLARATION = 'N1,0,1,1,1,1,1000000,150000,100000,100000,60000,76500';
const TOTALS_HEADER = 'employee_id,total_pay,withheld_tax,social_insurance';
const N1_TOTALS = 'N1,8970000,156670,1386102';
const lines = (...rows: string[]) => encode(`${rows.join('\n')}\n`);

const PAYER = { name: '株式会社ウラカタ', address: '東京都千代田区霞が関3-1-1', phone: '03-1234-5678' };

let t: TestStack;
let tokenB: string;
let dir: string;
beforeAll(async () => {
  t = await testStack();
  tokenB = (await createCredential(t.stack.store, 'tenant-b', 'other company')).token;
  dir = mkdtempSync(join(tmpdir(), 'urakata-year-end-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const sizes = (files: Record<string, Uint8Array>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length]));

/** A year-end run of 2026 from these uploads, as `token`'s tenant. */
const yearEndRun = (files: Record<string, Uint8Array>, extra: Json = {}, token = t.token) =>
  t.runJob('/v1/year-end-runs', { year: 2026, files: sizes(files), ...extra }, files, token);

/** Uploads a created year-end run's files and waits until it has ended: its status. */
async function uploadAndWait(created: Json, files: Record<string, Uint8Array>, token: string): Promise<Json> {
  for (const [field, bytes] of Object.entries(files)) {
    expect((await fetch(created.uploadUrls[field], { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer> })).ok).toBe(true);
  }
  let status: Json;
  for (let i = 0; i < 500 && !['done', 'failed'].includes(status?.state); i++) {
    await t.stack.idle();
    status = (await t.call('GET', `/v1/year-end-runs/${created.runId}`, undefined, token)).body;
  }
  return status;
}

/** `urakata nencho` on the same files: the run must write the same result bytes. */
async function cli(args: string[]): Promise<Uint8Array> {
  const out = join(dir, `cli-${Math.random().toString(36).slice(2)}.csv`);
  let err = '';
  const code = await nenchoCli(['--year', '2026', ...args, '--out', out], {
    out: () => undefined,
    err: (s) => {
      err += s;
    },
    cwd: dir,
  });
  expect([code, err]).toEqual([0, expect.not.stringContaining('エラー')]);
  return new Uint8Array(readFileSync(out));
}

/** `urakata nencho --journal` on the same files: the 仕訳 the run must write, byte for byte. */
async function cliJournal(args: string[]): Promise<Uint8Array> {
  const journal = join(dir, `cli-journal-${Math.random().toString(36).slice(2)}.csv`);
  await cli([...args, '--journal', journal]);
  return new Uint8Array(readFileSync(journal));
}

/** Σ amount of a journal's lines on one side. */
const sideTotal = (lines: Record<string, string>[], side: 'debit' | 'credit') =>
  lines.filter((l) => l.side === side).reduce((sum, l) => sum + Number(l.amount), 0);

const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return name;
};

describe('year-end runs from a totals file', () => {
  let status: Json;
  const files = {
    employees: lines(EMPLOYEES_HEADER, N1),
    declarations: lines(DECLARATIONS_HEADER, N1_DECLARATION),
    totals: lines(TOTALS_HEADER, N1_TOTALS),
  };
  /** The same files for `urakata nencho`. */
  const sameFiles = () => [
    '--employees',
    write('e.csv', files.employees),
    '--declarations',
    write('d.csv', files.declarations),
    '--totals',
    write('t.csv', files.totals),
  ];
  beforeAll(async () => {
    status = await yearEndRun(files, { payer: PAYER });
  });

  it('reproduces the NTA worked example (refund 115,270) in result.csv, byte for byte as urakata nencho writes it', async () => {
    expect(status).toMatchObject({
      state: 'done',
      counts: { employees: 1, adjusted: 1, not_adjusted: 0, errors: 0, refund_total: 115_270, collected_total: 0 },
    });
    const result = await download(status.resultUrl);
    const [row] = records(decode(result));
    expect(row).toMatchObject({ employee_id: 'N1', employment_income: '7020000', annual_tax: '41400', difference: '-115270' });
    expect(result).toEqual(await cli(sameFiles()));
  });

  it('writes the settlement’s 仕訳 as journal.csv, the bytes of urakata nencho --journal, tied to the refund', async () => {
    const journal = await download(status.journalUrl);
    const lines = records(decode(journal));
    // The refund (㉗ 超過額 115,270) taken back from 預り金／源泉所得税 and owed to the employee, on 31 December.
    expect(lines.map((l) => [l.entry_no, l.date, l.side, l.account, l.sub_account, l.amount])).toEqual([
      ['1', '2026-12-31', 'debit', '預り金', '源泉所得税', '115270'],
      ['1', '2026-12-31', 'credit', '未払金', '年末調整', '115270'],
    ]);
    expect(sideTotal(lines, 'debit')).toBe(status.counts.refund_total + status.counts.collected_total);
    expect(sideTotal(lines, 'credit')).toBe(sideTotal(lines, 'debit'));
    expect(journal).toEqual(await cliJournal(sameFiles()));
  });

  it('zips one 源泉徴収票 PDF per employee', async () => {
    const zip = unzipStored(await download(status.slipsUrl));
    expect([...zip.keys()]).toEqual(['N1.pdf']);
    expect(decode(zip.get('N1.pdf')?.subarray(0, 5) ?? new Uint8Array())).toBe('%PDF-');
  });

  it('keeps the run under the tenant’s year: tenants/{tenant}/year-end/2026/{runId}/', async () => {
    expect(status.id).toMatch(/^2026-[0-9a-f-]{36}$/);
    const keys: string[] = [];
    for await (const k of t.stack.store.list('tenants/tenant-a/year-end/2026/')) keys.push(k.split('/').slice(5).join('/'));
    expect(keys.sort()).toEqual(['errors.csv', 'journal.csv', 'request.json', 'result.csv', 'slips.zip', 'status.json']);
  });

  it('shows the run to its own tenant only: another tenant gets the 404 of a run that does not exist', async () => {
    const other = await t.call('GET', `/v1/year-end-runs/${status.id}`, undefined, tokenB);
    const missing = await t.call('GET', `/v1/year-end-runs/2026-00000000-0000-4000-8000-000000000000`, undefined, tokenB);
    expect(other).toEqual(missing);
    expect(other.status).toBe(404);
    expect(await latestYearEnd(t.stack.store, 'tenant-b', 2026)).toBeUndefined();
    expect((await latestYearEnd(t.stack.store, 'tenant-a', 2026))?.id).toBe(status.id);
    // A payroll id of another kind (no year in it) is no year-end run either.
    expect((await t.call('GET', '/v1/year-end-runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('year-end runs with bad rows', () => {
  it('lists a bad row in errors.csv with file, row and column, and keeps the employees no error touches', async () => {
    const status = await yearEndRun({
      employees: lines(EMPLOYEES_HEADER, N1, N2),
      declarations: lines(DECLARATIONS_HEADER, N1_DECLARATION, 'N2,,0,0,0,0,,0,0,0,abc,0'),
      totals: lines(TOTALS_HEADER, N1_TOTALS, 'N2,3600000,80000,540000'),
    });
    expect(status).toMatchObject({ state: 'done', counts: { employees: 1, errors: 1 } });
    expect(status.reasons[0].message_en).toContain('left out');
    expect(records(decode(await download(status.resultUrl))).map((r) => [r.employee_id, r.difference])).toEqual([['N1', '-115270']]);
    expect([...unzipStored(await download(status.slipsUrl)).keys()]).toEqual(['N1.pdf']);
    // The 仕訳 books the employees computed: N1's refund alone.
    const journal = records(decode(await download(status.journalUrl)));
    expect([sideTotal(journal, 'debit'), sideTotal(journal, 'credit')]).toEqual([115_270, 115_270]);
    expect(decode(await download(status.errorsUrl))).toMatch(/\ndeclarations\.csv,3,earthquake,abc,/);
  });

  it('holds back the employee of a bad pay row (the year would be understated), not the others', async () => {
    const status = await yearEndRun({
      employees: lines(EMPLOYEES_HEADER, N1, N2),
      declarations: lines(DECLARATIONS_HEADER, N1_DECLARATION, 'N2,,0,0,0,0,,0,0,0,0,0'),
      totals: lines(TOTALS_HEADER, N1_TOTALS, 'N2,3600000,x,540000'),
    });
    expect(status).toMatchObject({ state: 'done', counts: { employees: 1, errors: expect.any(Number) } });
    expect(records(decode(await download(status.resultUrl))).map((r) => r.employee_id)).toEqual(['N1']);
    expect(decode(await download(status.errorsUrl))).toMatch(/\ntotals\.csv,3,withheld_tax,x,/);
  });

  it('fails, with no results, when an error touches every employee (a column missing)', async () => {
    const status = await yearEndRun({
      employees: lines(EMPLOYEES_HEADER, N1),
      declarations: lines(DECLARATIONS_HEADER, N1_DECLARATION),
      totals: lines('employee_id,total_pay,social_insurance', 'N1,8970000,1386102'),
    });
    expect(status.state).toBe('failed');
    expect(status.resultUrl).toBeUndefined();
    expect(status.slipsUrl).toBeUndefined();
    expect(status.journalUrl).toBeUndefined();
    expect(decode(await download(status.errorsUrl))).toContain('totals.csv');
  });
});

describe('what a year-end run refuses before any upload', () => {
  it.each([2025, 2027])('refuses the year %i, naming the years known', async (year) => {
    const r = await t.call('POST', '/v1/year-end-runs', { year, files: { employees: 10, declarations: 10, totals: 10 } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'invalid_year', message_ja: `${year}年分の年末調整の表は未収録です（収録: 2026（令和8年分））` });
  });

  it('refuses a totals file together with payroll runs, and a payer without a name', async () => {
    const both = await t.call('POST', '/v1/year-end-runs', {
      year: 2026,
      files: { employees: 10, declarations: 10, totals: 10 },
      payroll_runs: [],
    });
    expect([both.status, both.body.error]).toEqual([400, 'invalid_request']);
    const payer = await t.call('POST', '/v1/year-end-runs', {
      year: 2026,
      files: { employees: 10, declarations: 10, totals: 10 },
      payer: { phone: '03-1234-5678' },
    });
    expect([payer.status, payer.body.error, payer.body.problems[0].column]).toEqual([400, 'invalid_payer', 'name']);
  });

  it('names payroll inputs outside the tenant’s own: another tenant’s run, a key leaving payroll/', async () => {
    const run = await t.runJob(
      '/v1/payroll-runs',
      {
        pay_date: '2026-05-25',
        files: { employees: example('payroll/employees.csv').length, attendance: example('payroll/attendance.csv').length },
      },
      { employees: example('payroll/employees.csv'), attendance: example('payroll/attendance.csv') },
    );
    expect(run.state).toBe('done');
    const body = { year: 2026, files: { employees: 10, declarations: 10 } };
    const theirs = await t.call('POST', '/v1/year-end-runs', { ...body, payroll_runs: [run.id] }, tokenB);
    expect(theirs.status).toBe(400);
    expect(theirs.body).toMatchObject({ error: 'invalid_payroll_runs', problems: [{ value: run.id }] });
    for (const key of ['payroll/../../tenant-a/payroll-runs/x', 'tenants/tenant-a/payroll/x.csv', 'payroll/missing.csv']) {
      const r = await t.call('POST', '/v1/year-end-runs', { ...body, payroll_files: [key] }, tokenB);
      expect([r.status, r.body.error]).toEqual([400, 'invalid_payroll_files']);
    }
    // Nothing of tenant-b's was paid in 2026.
    const none = await t.call('POST', '/v1/year-end-runs', body, tokenB);
    expect([none.status, none.body.error]).toEqual([400, 'no_payroll']);
  });
});

describe('year-end from the tenant’s own payroll runs, and the schedule carrying it into December', () => {
  const tenant = 'tenant-c';
  let token: string;
  beforeAll(async () => {
    token = (await createCredential(t.stack.store, tenant, 'year-end')).token;
  });

  it('sums the year’s runs and a bonus output by pay date as urakata nencho does, and the December pay carries the settlement', async () => {
    const store = t.stack.store;
    const employees = example('payroll/employees.csv');
    const attendance = example('payroll/attendance.csv');
    const declarations = example('payroll/declarations.csv');
    await store.put(`tenants/${tenant}/payroll/inputs/employees.csv`, employees);
    await store.put(`tenants/${tenant}/payroll/inputs/attendance.csv`, attendance);
    await putJson(store, `system/payroll-schedules/${tenant}.json`, {
      tenant,
      employees: 'payroll/inputs/employees.csv',
      attendance: 'payroll/inputs/attendance.csv',
      pay_day: 25,
    });
    // January to November, each on its run day (three days before the pay date).
    for (let m = 1; m <= 11; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      const runs = await runScheduledPayrolls(store, addDays(scheduledPayDate(25, month), -3));
      expect(runs).toEqual([{ tenant, id: expect.any(String), state: 'done' }]);
    }
    // December's pay computed ahead (the year-end needs its figures), and the December bonus from the CLI.
    const preview = await t.runJob(
      '/v1/payroll-runs',
      { pay_date: '2026-12-25', files: { employees: employees.length, attendance: attendance.length } },
      { employees, attendance },
      token,
    );
    expect(preview.state).toBe('done');
    const bonusFile = join(dir, 'bonus.csv');
    const io = { out: () => undefined, err: () => undefined, cwd: join(import.meta.dirname, '../../examples') };
    expect(
      await bonusCli(
        ['--employees', 'payroll/employees.csv', '--bonuses', 'payroll/bonuses.csv', '--pay-date', '2026-12-10', '--out', bonusFile],
        io,
      ),
    ).toBe(0);
    const bonus = new Uint8Array(readFileSync(bonusFile));
    await store.put(`tenants/${tenant}/payroll/2026/bonus-2026-12.csv`, bonus);

    const created = await t.call(
      'POST',
      '/v1/year-end-runs',
      {
        year: 2026,
        files: { employees: employees.length, declarations: declarations.length },
        payroll_files: ['payroll/2026/bonus-2026-12.csv'],
      },
      token,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      runId: expect.stringMatching(/^2026-/),
      year: 2026,
      payroll_files: ['payroll/2026/bonus-2026-12.csv'],
    });
    const runIds: string[] = created.body.payroll_runs;
    expect(runIds).toHaveLength(12);
    expect(runIds.at(-1)).toBe(preview.id);
    const yearEnd = await uploadAndWait(created.body, { employees, declarations }, token);
    expect(yearEnd).toMatchObject({ state: 'done', counts: { employees: 5, adjusted: 4, not_adjusted: 1, errors: 0 } });

    // The same year through the CLI, from the twelve runs' outputs and the bonus.
    const outputs: string[] = [];
    for (const [i, id] of runIds.entries()) {
      outputs.push(write(`run-${i}.csv`, (await store.get(`tenants/${tenant}/payroll-runs/${id}/payroll.csv`)) ?? new Uint8Array()));
    }
    const sameFiles = [
      '--employees',
      write('c-employees.csv', employees),
      '--declarations',
      write('c-declarations.csv', declarations),
      '--payroll',
      ...outputs,
      write('c-bonus.csv', bonus),
    ];
    const expected = await cli(sameFiles);
    const result = await download(yearEnd.resultUrl);
    expect(result).toEqual(expected);
    // The settlement's 仕訳: the CLI's bytes, the year's refunds and shortfalls as the result has them.
    const journal = await download(yearEnd.journalUrl);
    expect(journal).toEqual(await cliJournal(sameFiles));
    const differences = records(decode(result)).map((r) => (r.difference === '' ? 0 : Number(r.difference)));
    const refunds = -differences.filter((d) => d < 0).reduce((a, d) => a + d, 0);
    const shortfalls = differences.filter((d) => d > 0).reduce((a, d) => a + d, 0);
    expect([refunds, shortfalls]).toEqual([yearEnd.counts.refund_total, yearEnd.counts.collected_total]);
    const booked = records(decode(journal));
    expect(sideTotal(booked, 'debit')).toBe(refunds + shortfalls);
    expect(sideTotal(booked, 'credit')).toBe(refunds + shortfalls);
    expect(new Set(booked.map((l) => l.date))).toEqual(new Set(['2026-12-31']));
    expect([...unzipStored(await download(yearEnd.slipsUrl)).keys()]).toEqual(['1001.pdf', '1002.pdf', '1003.pdf', '1004.pdf', '1005.pdf']);

    // December's scheduled pay, three days ahead: the settlement of the latest finished year-end run of 2026.
    const [december, ...others] = await runScheduledPayrolls(store, '2026-12-22');
    expect(others).toEqual([]);
    expect(december).toMatchObject({ tenant, state: 'done' });
    const status = (await t.call('GET', `/v1/payroll-runs/${december?.id}`, undefined, token)).body;
    expect(status).toMatchObject({ state: 'done', year_end_run: created.body.runId, counts: { employees: 5, year_end_settled: 4 } });
    const settled = records(decode(await download(status.resultUrl)));
    const before = records(decode(await download(preview.resultUrl)));
    for (const r of records(decode(result))) {
      const after = settled.find((s) => s.employee_id === r.employee_id);
      const regular = before.find((s) => s.employee_id === r.employee_id);
      const settlement = r.difference === '' ? 0 : -Number(r.difference);
      expect([r.employee_id, Number(after?.year_end_adjustment)]).toEqual([r.employee_id, settlement]);
      expect(Number(after?.net_pay)).toBe(Number(regular?.net_pay) + settlement);
    }
    // Its 仕訳 books the same settlement, net, on 預り金／源泉所得税: import it or the year-end run's, not both.
    const payJournal = records(decode(await download(status.journalUrl)));
    const carried = payJournal.filter((l) => l.memo?.endsWith(' 年末調整'));
    expect(carried.map((l) => [l.side, l.account, l.sub_account, Number(l.amount)])).toEqual([
      [refunds >= shortfalls ? 'debit' : 'credit', '預り金', '源泉所得税', Math.abs(refunds - shortfalls)],
    ]);
    // A refund for 1001 (as the CLI test of the same inputs shows).
    expect(Number(settled.find((s) => s.employee_id === '1001')?.year_end_adjustment)).toBeGreaterThan(0);
    // November's pay is not the last of the year: it carried nothing.
    const november = (await t.call('GET', `/v1/payroll-runs/${runIds[10]}`, undefined, token)).body;
    expect(november.year_end_run).toBeUndefined();

    // Now two runs are paid on 2026-12-25 (the one computed ahead, the scheduled one): which counts is the tenant's to say.
    const again = await t.call(
      'POST',
      '/v1/year-end-runs',
      { year: 2026, files: { employees: employees.length, declarations: declarations.length } },
      token,
    );
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'ambiguous_payroll_runs', problems: [{ value: '2026-12-25' }] });
    expect(again.body.problems[0].message_en).toContain(preview.id);
    expect(again.body.problems[0].message_en).toContain(december?.id);
    await store.delete(`system/payroll-schedules/${tenant}.json`);
  });
});

describe('year-end payroll sources are pinned when the run is created', () => {
  const tenant = 'tenant-d';
  it('refuses to sum a payroll file written again after the run was created, naming it; the file as it was is summed', async () => {
    const store = t.stack.store;
    const token = (await createCredential(store, tenant, 'pins')).token;
    const bonusFile = join(dir, 'bonus-pins.csv');
    const io = { out: () => undefined, err: () => undefined, cwd: join(import.meta.dirname, '../../examples') };
    const bonus = async (payDate: string) => {
      const args = ['--employees', 'payroll/employees.csv', '--bonuses', 'payroll/bonuses.csv', '--pay-date', payDate, '--out', bonusFile];
      expect(await bonusCli(args, io)).toBe(0);
      return new Uint8Array(readFileSync(bonusFile));
    };
    const key = `tenants/${tenant}/payroll/2026/bonus.csv`;
    await store.put(key, await bonus('2026-12-10'));
    const employees = example('payroll/employees.csv');
    const declarations = example('payroll/declarations.csv');
    const run = async (change: () => Promise<void>) => {
      const created = await t.call(
        'POST',
        '/v1/year-end-runs',
        { year: 2026, files: sizes({ employees, declarations }), payroll_runs: [], payroll_files: ['payroll/2026/bonus.csv'] },
        token,
      );
      expect(created.status).toBe(201);
      await change();
      return uploadAndWait(created.body, { employees, declarations }, token);
    };
    expect((await run(async () => {})).state).toBe('done');
    // Written again between creating the run and its uploads: another pay date, other sums.
    const changed = await run(async () => store.put(key, await bonus('2026-12-11')));
    expect(changed.state).toBe('failed');
    const errors = new TextDecoder().decode(await download(changed.errorsUrl));
    expect(errors).toContain('payroll/2026/bonus.csv');
    expect(errors).toContain('changed after the run was created');
  });
});

describe('year-end payroll_files: what one run may read', () => {
  let small: TestStack;
  beforeAll(async () => {
    small = await testStack({ maxUploadBytes: 2_000 });
  });
  afterAll(() => small.close());

  it('refuses a payroll file larger than an upload may be, and files that together are, naming them; nothing is created', async () => {
    const store = small.stack.store;
    const row = (n: number) => `payroll,row,${'x'.repeat(n)}\n`;
    await store.put('tenants/tenant-a/payroll/2026/a.csv', encode(row(1_500)));
    await store.put('tenants/tenant-a/payroll/2026/b.csv', encode(row(1_500)));
    await store.put('tenants/tenant-a/payroll/2026/c.csv', encode(row(3_000)));
    const body = { year: 2026, files: { employees: 10, declarations: 10 } };
    const big = await small.call('POST', '/v1/year-end-runs', { ...body, payroll_files: ['payroll/2026/c.csv'] });
    expect([big.status, big.body.error]).toEqual([400, 'invalid_payroll_files']);
    expect(big.body.problems.map((p: { value: string; message_en: string }) => [p.value, p.message_en])).toEqual([
      ['payroll/2026/c.csv', 'larger than an upload may be (3,013 bytes; at most 2,000)'],
    ]);
    const together = await small.call('POST', '/v1/year-end-runs', {
      ...body,
      payroll_files: ['payroll/2026/a.csv', 'payroll/2026/b.csv'],
    });
    expect([together.status, together.body.error]).toEqual([400, 'invalid_payroll_files']);
    expect(together.body.problems[0].message_en).toBe(
      'the payroll files together are larger than one run reads (3,026 bytes; at most 2,000): split the run',
    );
    const keys: string[] = [];
    for await (const k of store.list('tenants/tenant-a/year-end/')) keys.push(k);
    expect(keys).toEqual([]);
    const one = await small.call('POST', '/v1/year-end-runs', { ...body, payroll_files: ['payroll/2026/a.csv'] });
    expect(one.status).toBe(201);
  });

  it('refuses payroll runs whose payroll.csv, alone or with the files, are more than one run reads, naming them; nothing is created', async () => {
    const store = small.stack.store;
    const row = (n: number) => `payroll,row,${'x'.repeat(n)}\n`;
    // Finished payroll runs of the tenant as the payroll job leaves them: status, request, payroll.csv.
    const finished = async (id: string, payDate: string, bytes: number) => {
      const at = '2026-12-25T00:00:00.000Z';
      await store.put(`tenants/tenant-a/payroll-runs/${id}/request.json`, JSON.stringify({ pay_date: payDate }));
      await store.put(`tenants/tenant-a/payroll-runs/${id}/payroll.csv`, encode(row(bytes)));
      await store.put(
        `tenants/tenant-a/payroll-runs/${id}/status.json`,
        JSON.stringify({ id, kind: 'payroll-runs', state: 'done', created_at: at, updated_at: at }),
      );
    };
    const big = '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d01';
    const half = '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d02';
    await finished(big, '2026-11-25', 3_000);
    await finished(half, '2026-10-24', 1_200);
    await store.put('tenants/tenant-a/payroll/2026/d.csv', encode(row(1_200)));
    const body = { year: 2026, files: { employees: 10, declarations: 10 } };
    const runsKept = async () => {
      const keys: string[] = [];
      for await (const k of store.list('tenants/tenant-a/year-end/')) keys.push(k);
      return keys;
    };
    const before = await runsKept();
    const one = await small.call('POST', '/v1/year-end-runs', { ...body, payroll_runs: [big] });
    expect([one.status, one.body.error]).toEqual([400, 'payroll_too_large']);
    expect(one.body.problems.map((p: { value: string; message_en: string }) => [p.value, p.message_en])).toEqual([
      [big, "this run's payroll.csv is larger than one run reads (3,013 bytes; at most 2,000)"],
    ]);
    const together = await small.call('POST', '/v1/year-end-runs', {
      ...body,
      payroll_runs: [half],
      payroll_files: ['payroll/2026/d.csv'],
    });
    expect([together.status, together.body.error]).toEqual([400, 'payroll_too_large']);
    expect(together.body.problems[0].message_en).toBe(
      'the payroll runs and files to sum are larger than one run reads (2,426 bytes; at most 2,000): split the run',
    );
    expect(await runsKept()).toEqual(before);
    expect((await small.call('POST', '/v1/year-end-runs', { ...body, payroll_runs: [half] })).status).toBe(201);
  });
});

describe('the payroll runs a year-end run sums when none are named', () => {
  /** A store whose reads take a while, as S3's do, and which counts how many are in flight at once. */
  class SlowStore extends MemoryStore {
    inFlight = 0;
    most = 0;
    override async get(k: string) {
      this.inFlight++;
      this.most = Math.max(this.most, this.inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await super.get(k);
      } finally {
        this.inFlight--;
      }
    }
  }
  const tenant = 'tenant-years';
  async function payrollRun(store: MemoryStore, payDate: string, state = 'done'): Promise<string> {
    const id = randomUUID();
    await store.put(jobKey(tenant, 'payroll-runs', id, 'status.json'), JSON.stringify({ state }));
    await store.put(jobKey(tenant, 'payroll-runs', id, 'request.json'), JSON.stringify({ pay_date: payDate }));
    return id;
  }

  it('are the finished runs paid in the year, by pay date, found among years of runs with their reads eight at a time', async () => {
    const store = new SlowStore();
    const paid = new Map<string, string>();
    for (const year of [2025, 2026, 2027])
      for (let month = 1; month <= 12; month++) {
        const date = `${year}-${String(month).padStart(2, '0')}-25`;
        paid.set(await payrollRun(store, date), date);
      }
    await payrollRun(store, '2026-06-10', 'failed');
    await payrollRun(store, '2026-06-11', 'running');
    const ids = await runsOfYear(store, tenant, 2026);
    expect(ids.map((id) => paid.get(id))).toEqual(Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-25`));
    expect(store.most).toBe(8);
    // A second run paid on one day of the year: which one counts is the tenant's to say, both named.
    const again = await payrollRun(store, '2026-03-25');
    const refused = await runsOfYear(store, tenant, 2026).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'ambiguous_payroll_runs' });
    expect(JSON.stringify(refused)).toContain(again);
  });
});

describe('the schedule’s December pay and a year-end run made without it', () => {
  it('does not carry a settlement that summed the year only up to November: the pay goes out without it, and says why', async () => {
    const tenant = 'tenant-d';
    const token = (await createCredential(t.stack.store, tenant, 'early year-end')).token;
    const store = t.stack.store;
    const employees = example('payroll/employees.csv');
    const attendance = example('payroll/attendance.csv');
    const declarations = example('payroll/declarations.csv');
    await store.put(`tenants/${tenant}/payroll/inputs/employees.csv`, employees);
    await store.put(`tenants/${tenant}/payroll/inputs/attendance.csv`, attendance);
    // January to November as the CLI pays them, kept as one of the tenant's payroll files.
    const io = { out: () => undefined, err: () => undefined, cwd: join(import.meta.dirname, '../../examples') };
    const months: string[] = [];
    for (let m = 1; m <= 11; m++) {
      const out = join(dir, `d-${m}.csv`);
      const args = ['--employees', 'payroll/employees.csv', '--attendance', 'payroll/attendance.csv'];
      expect(await payrollCli([...args, '--pay-date', `2026-${String(m).padStart(2, '0')}-25`, '--out', out], io)).toBe(0);
      const text = decode(new Uint8Array(readFileSync(out)))
        .trimEnd()
        .split(/\r?\n/);
      months.push(...(m === 1 ? text : text.slice(1)));
    }
    await store.put(`tenants/${tenant}/payroll/2026/jan-nov.csv`, encode(`${months.join('\r\n')}\r\n`));
    const created = await t.call(
      'POST',
      '/v1/year-end-runs',
      {
        year: 2026,
        files: { employees: employees.length, declarations: declarations.length },
        payroll_files: ['payroll/2026/jan-nov.csv'],
      },
      token,
    );
    expect(created.status).toBe(201);
    const yearEnd = await uploadAndWait(created.body, { employees, declarations }, token);
    expect(yearEnd).toMatchObject({ state: 'done', counts: { adjusted: 4 } });
    const summed = new Set(records(decode(await download(yearEnd.resultUrl))).map((r) => r.pay_dates));
    expect(summed.size).toBe(1);
    expect([...summed][0]?.split(' ')).toEqual(Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-25`));

    await putJson(store, `system/payroll-schedules/${tenant}.json`, {
      tenant,
      employees: 'payroll/inputs/employees.csv',
      attendance: 'payroll/inputs/attendance.csv',
      pay_day: 25,
    });
    const [december, ...others] = await runScheduledPayrolls(store, '2026-12-22');
    expect(others).toEqual([]);
    expect(december).toMatchObject({ tenant, state: 'done' });
    const status = (await t.call('GET', `/v1/payroll-runs/${december?.id}`, undefined, token)).body;
    // Paid without the settlement: none carried, and the status and errors.csv say why.
    expect(status.year_end_run).toBeUndefined();
    expect(status.reasons).toEqual([
      {
        message_ja: expect.stringMatching(
          /^年末調整の実行 .* の精算は載せていません（errors.csv）: この年末調整はこの給与（支給日 2026-12-25）を集計していません/,
        ),
        message_en: expect.stringMatching(
          /^the 年末調整 settlement of year-end run .* is not carried \(see errors.csv\): this 年末調整 did not sum this pay of 2026-12-25/,
        ),
      },
    ]);
    const settled = records(decode(await download(status.resultUrl)));
    expect(new Set(settled.map((r) => r.year_end_adjustment))).toEqual(new Set(['0']));
    const errors = decode(await download(status.errorsUrl));
    expect(errors).toContain(`year-end/2026/${created.body.runId}/result.csv`);
    expect(errors).toContain('pay_dates');
    expect(errors).toContain('2026-11-25');
    await store.delete(`system/payroll-schedules/${tenant}.json`);
  });
});
