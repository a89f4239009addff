/** Writing a large table into a sheet: the width of 200,000 rows was taken by spreading them into Math.max, past the call stack. */
import { describe, expect, it } from 'vitest';
import type { Sheet } from '../../apps-script/gas.js';
import { writeRows } from '../../apps-script/sheet-io.js';

describe('writeRows', () => {
  it('writes 200,000 ragged rows in one setValues call, padded to the widest', () => {
    const calls: { row: number; rows: number; width: number; values: unknown[][] }[] = [];
    const sheet = {
      getRange: (row: number, _column: number, rows = 1, width = 1) => ({
        setValues: (values: unknown[][]) => calls.push({ row, rows, width, values }),
      }),
    } as unknown as Sheet;
    const rows = Array.from({ length: 200_000 }, (_, i) => (i === 7 ? ['a', 'b', 'c'] : ['x']));
    writeRows(sheet, 1, rows);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ row: 1, rows: 200_000, width: 3 });
    expect(calls[0]?.values[0]).toEqual(['x', '', '']);
  });
});
