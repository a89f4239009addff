/**
 * What the API refuses before any work: dates that do not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, testStack } from './stack.js';

let t: TestStack;
beforeAll(async () => {
  t = await testStack();
});
afterAll(async () => {
  await t.close();
});

const files = { employees: 100, attendance: 100 };

describe('dates', () => {
  it('refuses a pay date that is not on the calendar (2026-02-30) with 400, and takes real ones', async () => {
    for (const payDate of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-2-28']) {
      const r = await t.call('POST', '/v1/payroll-runs', { pay_date: payDate, files });
      expect(r.status, payDate).toBe(400);
      expect(r.body).toMatchObject({ error: 'invalid_request', issues: [expect.objectContaining({ path: 'pay_date' })] });
    }
    for (const payDate of ['2026-02-28', '2028-02-29', '2026-12-31']) {
      expect((await t.call('POST', '/v1/payroll-runs', { pay_date: payDate, files })).status, payDate).toBe(201);
    }
  });

  it('refuses a search range whose dates are not on the calendar', async () => {
    expect((await t.call('GET', '/v1/invoices?from=2026-02-30')).status).toBe(400);
    expect((await t.call('GET', '/v1/invoices?from=2026-04-01&to=2026-04-31')).status).toBe(400);
    expect((await t.call('GET', '/v1/invoices?from=2026-04-01&to=2026-04-30')).status).toBe(200);
  });
});
