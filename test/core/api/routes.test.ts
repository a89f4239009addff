/**
 * core/api/routes.ts: the paths the router serves are the ones the clients call, and a job id is
 * one the API issues — the ids its own functions make — before it goes into a path.
 */
import { describe, expect, it } from 'vitest';
import { INVOICE_SEARCH_PATH, isJobId, JOB_KINDS, jobPath, jobPattern, jobsPath } from '../../../core/api/routes.js';
import { ROUTES } from '../../../functions/api.js';
import { newJobId, newYearEndRunId } from '../../../functions/keys.js';

describe('the API paths', () => {
  it('are exactly the routes the router (and so API Gateway) serves', () => {
    const fromCore = [...JOB_KINDS.flatMap((k) => [`POST ${jobsPath(k)}`, `GET ${jobPattern(k)}`]), `GET ${INVOICE_SEARCH_PATH}`];
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(fromCore.sort());
    expect(jobsPath('invoice-batches')).toBe('/v1/invoice-batches');
    expect(jobPattern('year-end-runs')).toBe('/v1/year-end-runs/{id}');
    expect(INVOICE_SEARCH_PATH).toBe('/v1/invoices');
  });
});

describe('job ids', () => {
  const id = newJobId();
  const yearEnd = newYearEndRunId(2026);

  it('takes the ids the server makes, each for its kind', () => {
    expect(isJobId(id, 'invoice-batches')).toBe(true);
    expect(isJobId(id, 'reconcile-jobs')).toBe(true);
    expect(isJobId(yearEnd, 'year-end-runs')).toBe(true);
    expect(isJobId(yearEnd, 'invoice-batches')).toBe(false);
    expect(isJobId(id, 'year-end-runs')).toBe(false);
    expect(jobPath('invoice-batches', id)).toBe(`/v1/invoice-batches/${id}`);
    expect(jobPath('year-end-runs', yearEnd)).toBe(`/v1/year-end-runs/${yearEnd}`);
  });

  it('refuses before any call an id the API never issues, one that would change the path above all', () => {
    for (const bad of ['../tenants', `${id}/../x`, `${id}?x=1`, id.toUpperCase(), 'b-7', '', undefined, null]) {
      expect(() => jobPath('invoice-batches', bad), String(bad)).toThrow('ジョブIDが正しくありません / bad job id');
    }
  });
});
