import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { payslipsZip } from '../../addin/taskpane/payslips.js';
import { crc32, storeZip } from '../../core/sheet-functions/zip.js';
import { japaneseFonts } from '../../functions/fonts.js';
import { InputError } from '../../core/errors.js';

const example = (f: string) => readFileSync(new URL(`../../examples/payroll/${f}`, import.meta.url), 'utf8');

/** Names and contents of a ZIP as the system's unzip reads them (an independent reader). */
function unzip(bytes: Uint8Array): { names: string[]; test: string } {
  const dir = mkdtempSync(join(tmpdir(), 'urakata-zip-'));
  try {
    const file = join(dir, 'a.zip');
    writeFileSync(file, bytes);
    const test = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    const names = execFileSync('zipinfo', ['-1', file], { encoding: 'utf8' }).trim().split('\n');
    return { names, test };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ZIP for downloads', () => {
  it('computes CRC-32 as zlib does ("123456789" → CBF43926)', () => {
    const check = new TextEncoder().encode('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251);
    expect(crc32(random)).toBe(nodeCrc32(random));
  });

  it('writes an archive unzip accepts, with UTF-8 names and the same bytes every time', () => {
    const files = [
      { name: '1001.pdf', bytes: new TextEncoder().encode('%PDF-1.7 a') },
      { name: '給与明細_山田.pdf', bytes: new Uint8Array([0, 1, 2, 255]) },
    ];
    const zip = storeZip(files);
    const r = unzip(zip);
    expect(r.test).toContain('No errors detected');
    expect(r.names).toEqual(['1001.pdf', '給与明細_山田.pdf']);
    expect(Buffer.from(storeZip(files)).equals(Buffer.from(zip))).toBe(true);
  });
});

describe('給与明細 ZIP', () => {
  it('holds one payslip PDF per employee of the example, named by employee id as the CLI names them', async () => {
    const zip = await payslipsZip(
      {
        employees: { csv: example('employees.csv'), file: '社員!A1:U6' },
        attendance: { csv: example('attendance.csv'), file: '勤怠!A1:H6' },
        payDate: '2026-05-25',
        companyName: '株式会社ウラカタ',
      },
      japaneseFonts(),
    );
    const ids = example('employees.csv')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(zip.name).toBe('payslips-2026-05-25.zip');
    expect(zip.count).toBe(ids.length);
    const r = unzip(zip.bytes);
    expect(r.test).toContain('No errors detected');
    expect(r.names).toEqual(ids.map((id) => `${id}.pdf`));
  }, 30_000);

  it('names every bad cell and renders nothing', async () => {
    const bad = example('employees.csv').replace(/\n(\d+),([^,]+),([^,]+),([^,]+),/, '\n$1,$2,$3,1980-02-30,');
    const error = await payslipsZip(
      { employees: { csv: bad, file: '社員' }, attendance: { csv: example('attendance.csv'), file: '勤怠' }, payDate: '2026-05-25' },
      { regular: new Uint8Array() },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({ file: '社員', row: 2, column: '生年月日', value: '1980-02-30' });
  });
});
