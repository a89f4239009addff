/**
 * Issue 19, finding 9 — the CLI's own edges: an output path that is an existing folder crashed
 * with an EISDIR stack trace and left a .tmp; invoices --out naming an existing file crashed with
 * EEXIST; an empty employees file added misleading lines; an .xlsx given as CSV was reported as
 * missing columns with binary garbage for a column name (workbooks are read now:
 * test/cli/xlsx-input.test.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base, dir, err, run, usePayrollFolder } from './payroll-folder.js';
import { readTable } from '../../core/csv/table.js';
import { text } from '../../core/csv/columns.js';
import { makeXlsx } from '../helpers/xlsx.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

usePayrollFolder();

describe('issue 19 finding 9: the CLI’s own edges', () => {
  it('refuses an output that is an existing folder, with a message and no temp left (was an EISDIR stack trace)', async () => {
    mkdirSync(join(dir, 'outdir'));
    expect(await run(...base, '--out', 'outdir')).toBe(1);
    expect(err).toContain('outdir: 出力先が既存のフォルダです');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.includes('journal'))).toEqual([]);
  });

  it('says an empty employees file is empty, without calling every attendance line unknown', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(await run('payroll', '--employees', 'empty.csv', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25')).toBe(1);
    expect(err).toContain('empty.csv: ファイルが空です');
    expect(err).not.toContain('社員マスタにない社員番号です');
  });

  it('refuses --out naming an existing file, with a message (was an EEXIST stack trace)', async () => {
    writeFileSync(join(dir, 'afile'), 'not a folder');
    for (const f of ['lines.csv', 'issuer.json']) writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, 'invoices', f)));
    expect(await run('invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'afile', '--jobs', '1')).toBe(1);
    expect(err).toContain('出力先のフォルダを作れません');
  });

  it('says a workbook given to the CSV reader is a workbook, rather than naming its bytes as columns', () => {
    const t = readTable(makeXlsx([{ name: 'S', rows: [['a']] }]), { a: text('a') }, { file: 'x.csv' });
    expect(t.problems).toEqual([
      expect.objectContaining({ file: 'x.csv', row: 0, message_ja: expect.stringMatching(/^Excel ブック \(\.xlsx\) です/) }),
    ]);
  });
});
