import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as payrollCli } from '../../cli/payroll.js';
import { run as reconcileCli } from '../../cli/reconcile.js';
import { putJson } from '../../functions/jobs/status.js';
import { runJobs, runScheduledPayrolls } from '../../functions/jobs/runs.js';
import { MAX_JOB_DEPOSITS } from '../../functions/schemas.js';
import { logger } from '../../functions/log.js';
import { csvAsXlsx } from '../helpers/xlsx.js';
import { download, type Json, type TestStack, testStack } from './stack.js';

const example = (path: string) => new Uint8Array(readFileSync(new URL(`../../examples/${path}`, import.meta.url)));

let t: TestStack;
let out: string;
beforeAll(async () => {
  t = await testStack();
  out = mkdtempSync(join(tmpdir(), 'urakata-cli-'));
});
afterAll(async () => {
  await t.close();
  rmSync(out, { recursive: true, force: true });
});

/** What the CLI writes for the same inputs: the job must produce the same bytes. */
async function cli(run: typeof payrollCli, argv: string[]): Promise<Uint8Array> {
  const code = await run(argv, { out: () => undefined, err: () => undefined, cwd: join(import.meta.dirname, '../../examples') });
  expect(code).toBe(0);
  return new Uint8Array(readFileSync(argv[argv.indexOf('--out') + 1] ?? ''));
}

const runJob = (path: string, body: Json, files: Record<string, Uint8Array>) => t.runJob(path, body, files);

describe('reconcile jobs', () => {
  it('matches the uploaded statement against the open items exactly as urakata reconcile does', async () => {
    const bank = example('reconcile/bank.csv');
    const open = example('reconcile/open-items.csv');
    const status = await runJob(
      '/v1/reconcile-jobs',
      { files: { bank: bank.length, open_items: open.length } },
      { bank, open_items: open },
    );
    expect(status.state).toBe('done');
    expect(status.counts.deposits).toBeGreaterThan(0);
    const expected = await cli(reconcileCli, [
      '--bank',
      'reconcile/bank.csv',
      '--open-items',
      'reconcile/open-items.csv',
      '--out',
      join(out, 'r.csv'),
      '--journal',
      join(out, 'rj.csv'),
    ]);
    expect(await download(status.resultUrl)).toEqual(expected);
    // The 仕訳 beside the result: the CLI's neutral CSV with the default accounts.
    expect(await download(status.journalUrl)).toEqual(new Uint8Array(readFileSync(join(out, 'rj.csv'))));
    // And the JSON `--out x.json` writes, streamed to the store in pieces.
    await cli(reconcileCli, ['--bank', 'reconcile/bank.csv', '--open-items', 'reconcile/open-items.csv', '--out', join(out, 'r.json')]);
    expect(await download(status.resultJsonUrl)).toEqual(new Uint8Array(readFileSync(join(out, 'r.json'))));
  });

  it('refuses a statement of more deposits than a worker can match, naming the file, before matching', async () => {
    // 650,000 deposits (two uploads within their 50 MB) took a worker to 2.6 GB of its 1,769.
    const lines = Array.from({ length: MAX_JOB_DEPOSITS + 1 }, (_, i) => `2026-06-01,${1000 + (i % 900)},ﾔﾏﾀﾞ`);
    const bank = new TextEncoder().encode(`date,amount,payer\n${lines.join('\n')}\n`);
    const open = example('reconcile/open-items.csv');
    const status = await runJob(
      '/v1/reconcile-jobs',
      { files: { bank: bank.length, open_items: open.length } },
      { bank, open_items: open },
    );
    expect(status.state).toBe('failed');
    const errors = new TextDecoder().decode(await download(status.errorsUrl));
    expect(errors).toContain('bank.csv');
    expect(errors).toContain(MAX_JOB_DEPOSITS.toLocaleString('en-US'));
  });

  it('fails with errors.csv naming file, row and column when an input row is bad', async () => {
    const bank = example('reconcile/bank.csv');
    const open = new TextEncoder().encode(
      '請求書番号,得意先コード,得意先名,請求日,支払期限,請求残高\r\nX-1,C1,甲社,2026-05-31,2026-06-30,abc\r\n',
    );
    const status = await runJob(
      '/v1/reconcile-jobs',
      { files: { bank: bank.length, open_items: open.length } },
      { bank, open_items: open },
    );
    expect(status.state).toBe('failed');
    expect([status.resultUrl, status.journalUrl]).toEqual([undefined, undefined]);
    const errors = new TextDecoder().decode(await download(status.errorsUrl));
    expect(errors).toMatch(/open-items\.csv,2,請求残高,abc,/);
  });
});

describe('reconcile jobs from Excel workbooks', () => {
  it('reads an .xlsx uploaded in place of a CSV as its first sheet: the same result, problems named by sheet, row and column letter', async () => {
    const bankCsv = new TextDecoder().decode(example('reconcile/bank.csv'));
    const openCsv = new TextDecoder().decode(example('reconcile/open-items.csv'));
    const asCsv = { bank: new TextEncoder().encode(bankCsv), open_items: new TextEncoder().encode(openCsv) };
    const asXlsx = { bank: csvAsXlsx(bankCsv, '入金明細'), open_items: csvAsXlsx(openCsv, '請求残高') };
    const sizes = (f: Record<string, Uint8Array>) => ({ files: { bank: f.bank?.length ?? 0, open_items: f.open_items?.length ?? 0 } });
    const fromCsv = await runJob('/v1/reconcile-jobs', sizes(asCsv), asCsv);
    const fromXlsx = await runJob('/v1/reconcile-jobs', sizes(asXlsx), asXlsx);
    expect(fromXlsx.state).toBe('done');
    expect(await download(fromXlsx.resultUrl)).toEqual(await download(fromCsv.resultUrl));

    const bad = { ...asXlsx, open_items: csvAsXlsx(openCsv.replace('"110,000"', 'abc'), '請求残高') };
    const failed = await runJob('/v1/reconcile-jobs', sizes(bad), bad);
    expect(failed.state).toBe('failed');
    const errors = new TextDecoder().decode(await download(failed.errorsUrl));
    expect(errors).toMatch(/open-items\.csv シート「請求残高」,2,請求残高（G列）,abc,/);
  });
});

describe('payroll runs', () => {
  it('computes the uploaded month exactly as urakata payroll does', async () => {
    const employees = example('payroll/employees.csv');
    const attendance = example('payroll/attendance.csv');
    const status = await runJob(
      '/v1/payroll-runs',
      { pay_date: '2026-12-25', files: { employees: employees.length, attendance: attendance.length } },
      { employees, attendance },
    );
    expect(status).toMatchObject({ state: 'done', counts: { employees: 5 } });
    const expected = await cli(payrollCli, [
      '--employees',
      'payroll/employees.csv',
      '--attendance',
      'payroll/attendance.csv',
      '--pay-date',
      '2026-12-25',
      '--out',
      join(out, 'p.csv'),
      '--journal',
      join(out, 'pj.csv'),
    ]);
    expect(await download(status.resultUrl)).toEqual(expected);
    expect(await download(status.journalUrl)).toEqual(new Uint8Array(readFileSync(join(out, 'pj.csv'))));
  });

  it('gives a job failed by the dead-letter queue an errors.csv its status links to', async () => {
    const created = await t.call('POST', '/v1/reconcile-jobs', { files: { bank: 10, open_items: 10 } });
    expect(created.status).toBe(201);
    await runJobs(t.stack.store).fail('reconcile-jobs', 'tenant-a', created.body.jobId, new Error('dead-lettered'));
    const status = await t.call('GET', `/v1/reconcile-jobs/${created.body.jobId}`);
    expect(status.body.state).toBe('failed');
    const errors = await fetch(status.body.errorsUrl);
    expect(errors.status).toBe(200);
    expect(await errors.text()).toContain('再試行しても処理できませんでした');
  });

  /** A tenant's example inputs and its schedule config for `payDay`. */
  async function schedule(tenant: string, payDay: number): Promise<void> {
    const store = t.stack.store;
    await store.put(`tenants/${tenant}/payroll/inputs/employees.csv`, example('payroll/employees.csv'));
    await store.put(`tenants/${tenant}/payroll/inputs/attendance.csv`, example('payroll/attendance.csv'));
    await putJson(store, `system/payroll-schedules/${tenant}.json`, {
      tenant,
      employees: 'payroll/inputs/employees.csv',
      attendance: 'payroll/inputs/attendance.csv',
      pay_day: payDay,
    });
  }

  it('runs a scheduled payroll once on its run day, from the files its config names', async () => {
    const store = t.stack.store;
    await schedule('tenant-a', 25);
    expect(await runScheduledPayrolls(store, '2026-12-21')).toEqual([]);
    const [first, ...rest] = await runScheduledPayrolls(store, '2026-12-22');
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ tenant: 'tenant-a', state: 'done' });
    expect(await runScheduledPayrolls(store, '2026-12-22')).toEqual([]);
    const status = await t.call('GET', `/v1/payroll-runs/${first?.id}`);
    expect(status.body).toMatchObject({ state: 'done', counts: { employees: 5 } });
  });

  it('runs January’s payroll in December when pay day 1 moves back to 12/30, and catches up a day the schedule missed', async () => {
    const store = t.stack.store;
    await schedule('tenant-b', 1);
    expect(await runScheduledPayrolls(store, '2026-12-26')).toEqual([]);
    // 12/27 did not fire: 12/28 still runs it (pay date 2026-12-30, two days ahead).
    const [run] = await runScheduledPayrolls(store, '2026-12-28');
    expect(run).toMatchObject({ tenant: 'tenant-b', state: 'done' });
    expect(await runScheduledPayrolls(store, '2026-12-29')).toEqual([]);
  });

  it('reports a schedule file that cannot be read as JSON (empty, cut off) as its tenant’s failure, and still pays every other tenant', async () => {
    const own = await testStack();
    const logged = vi.spyOn(logger, 'error');
    try {
      const store = own.stack.store;
      await store.put('tenants/zzz/payroll/inputs/employees.csv', example('payroll/employees.csv'));
      await store.put('tenants/zzz/payroll/inputs/attendance.csv', example('payroll/attendance.csv'));
      // Listed first: a 0-byte file and one cut off mid-write.
      await store.put('system/payroll-schedules/aaa.json', '');
      await store.put('system/payroll-schedules/bbb.json', '{"tenant":"bbb","employees":');
      await putJson(store, 'system/payroll-schedules/zzz.json', {
        tenant: 'zzz',
        employees: 'payroll/inputs/employees.csv',
        attendance: 'payroll/inputs/attendance.csv',
        pay_day: 25,
      });
      const runs = await runScheduledPayrolls(store, '2026-12-22');
      expect(runs).toEqual([
        { tenant: 'aaa', id: '', state: 'failed' },
        { tenant: 'bbb', id: '', state: 'failed' },
        { tenant: 'zzz', id: expect.any(String), state: 'done' },
      ]);
      for (const name of ['aaa', 'bbb']) {
        const key = `system/payroll-schedules/${name}.json`;
        expect(logged).toHaveBeenCalledWith(
          'invalid payroll schedule refused',
          expect.objectContaining({ key, reason: expect.stringContaining('not JSON') }),
        );
      }
    } finally {
      logged.mockRestore();
      await own.close();
    }
  });

  it('refuses a schedule whose input files are not under the tenant’s payroll/ (another tenant’s through .., its own payroll runs, a backslash), and runs nothing for it', async () => {
    const own = await testStack();
    const logged = vi.spyOn(logger, 'error');
    try {
      const store = own.stack.store;
      await store.put('tenants/yyy/payroll/inputs/employees.csv', example('payroll/employees.csv'));
      await store.put('tenants/yyy/payroll/inputs/attendance.csv', example('payroll/attendance.csv'));
      const schedules = {
        aaa: { employees: '../yyy/payroll/inputs/employees.csv', attendance: 'payroll/inputs/attendance.csv' },
        bbb: { employees: 'payroll/inputs/employees.csv', attendance: 'payroll/../../yyy/payroll/inputs/attendance.csv' },
        ccc: { employees: 'payroll-runs/x/payroll.csv', attendance: 'payroll/inputs/attendance.csv' },
        ddd: { employees: 'payroll\\inputs\\employees.csv', attendance: 'payroll/inputs/attendance.csv' },
      };
      for (const [tenant, files] of Object.entries(schedules)) {
        await putJson(store, `system/payroll-schedules/${tenant}.json`, { tenant, ...files, pay_day: 25 });
      }
      const runs = await runScheduledPayrolls(store, '2026-12-22');
      expect(runs).toEqual(Object.keys(schedules).map((tenant) => ({ tenant, id: '', state: 'failed' })));
      for (const tenant of Object.keys(schedules)) {
        expect(logged).toHaveBeenCalledWith(
          'invalid payroll schedule refused',
          expect.objectContaining({ key: `system/payroll-schedules/${tenant}.json`, reason: expect.stringContaining('payroll/') }),
        );
        const paid: string[] = [];
        for await (const k of store.list(`tenants/${tenant}/payroll-runs/`)) paid.push(k);
        expect(paid, tenant).toEqual([]);
      }
    } finally {
      logged.mockRestore();
      await own.close();
    }
  });

  it('refuses a schedule whose tenant is not the one its file is named for, or not a tenant id, and runs nothing for it', async () => {
    const own = await testStack();
    try {
      const store = own.stack.store;
      await store.put('tenants/zzz/payroll/inputs/employees.csv', example('payroll/employees.csv'));
      await store.put('tenants/zzz/payroll/inputs/attendance.csv', example('payroll/attendance.csv'));
      const config = (tenant: string) => ({
        tenant,
        employees: 'payroll/inputs/employees.csv',
        attendance: 'payroll/inputs/attendance.csv',
        pay_day: 25,
      });
      // Filed under mmm, naming zzz: zzz's payroll is not run from another tenant's file.
      await putJson(store, 'system/payroll-schedules/mmm.json', config('zzz'));
      await putJson(store, 'system/payroll-schedules/Not_A_Tenant.json', config('Not_A_Tenant'));
      const runs = await runScheduledPayrolls(store, '2026-12-22');
      expect(runs).toEqual([
        { tenant: 'Not_A_Tenant', id: '', state: 'failed' },
        { tenant: 'mmm', id: '', state: 'failed' },
      ]);
      const paid: string[] = [];
      for await (const k of store.list('tenants/zzz/payroll-runs/')) paid.push(k);
      expect(paid).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
