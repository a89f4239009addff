import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../core/dates/calendar.js';
import { WITHHOLDING_VERSIONS } from '../../../../core/payroll/withholding/index.js';

describe('withholding data is well formed', () => {
  it('versions follow each other day by day, with no gap or overlap', () => {
    for (let i = 1; i < WITHHOLDING_VERSIONS.length; i++) {
      const prev = WITHHOLDING_VERSIONS[i - 1];
      expect(WITHHOLDING_VERSIONS[i]?.from).toBe(prev && addDays(prev.to, 1));
    }
  });

  describe.each(WITHHOLDING_VERSIONS.filter((v) => v.table).map((v) => ({ label: v.label, table: v.table })))(
    '$label 月額表',
    ({ table }) => {
      if (!table) throw new Error('filtered above');
      it('rows run without gaps from the start to the first anchor, where 甲 and 乙 anchors begin', () => {
        expect(table.rows[0]?.[0]).toBe(table.start);
        for (let i = 1; i < table.rows.length; i++) expect(table.rows[i]?.[0]).toBe(table.rows[i - 1]?.[1]);
        const end = table.rows[table.rows.length - 1]?.[1];
        expect(table.kouAnchors[0]?.from).toBe(end);
        expect(table.otsuAnchors[0]?.from).toBe(end);
      });
      it('in every row the tax falls (or stays) as dependants rise', () => {
        for (const row of table.rows) {
          for (let n = 3; n <= 9; n++) expect(row[n]).toBeLessThanOrEqual(row[n - 1] as number);
        }
      });
      it('anchors rise', () => {
        for (const anchors of [table.kouAnchors, table.otsuAnchors]) {
          for (let i = 1; i < anchors.length; i++) expect(anchors[i]?.from).toBeGreaterThan(anchors[i - 1]?.from as number);
        }
      });
    },
  );
});
