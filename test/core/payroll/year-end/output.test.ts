import { describe, expect, it } from 'vitest';
import { yearEndTotals } from '../../../../core/payroll/year-end/output.js';
import { sampleRun } from './sample-run.js';

describe('yearEndTotals', () => {
  it('counts the adjusted and the not adjusted, and sums refunds and collections apart', () => {
    const rows = sampleRun().results.map((r) => r.row);
    // E001 the NTA example (refund 115,270), E002 乙欄 (not adjusted), E003 refund 32,000.
    expect(yearEndTotals(rows)).toEqual({ employees: 3, adjusted: 2, not_adjusted: 1, refund_total: 147_270, collected_total: 0 });
    const owing = rows.map((r) => (r.employee_id === 'E003' ? { ...r, difference: 4_500 } : r));
    expect(yearEndTotals(owing)).toMatchObject({ refund_total: 115_270, collected_total: 4_500 });
    expect(yearEndTotals([])).toEqual({ employees: 0, adjusted: 0, not_adjusted: 0, refund_total: 0, collected_total: 0 });
  });
});
