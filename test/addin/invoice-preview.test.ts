import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstInvoicePdf } from '../../addin/taskpane/invoice-preview.js';
import { japaneseFonts } from '../../functions/fonts.js';
import { InputError } from '../../core/errors.js';

const lines = readFileSync(new URL('../../examples/invoices/lines.csv', import.meta.url), 'utf8');
const issuer = JSON.parse(readFileSync(new URL('../../examples/invoices/issuer.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('invoice preview', () => {
  it('renders only the first invoice of the lines, with core’s PDF layout', async () => {
    const pdf = await firstInvoicePdf(lines, '請求明細!A1:P5', issuer, japaneseFonts());
    expect(pdf.name).toBe('INV-2026-05-001.pdf');
    expect(new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe('%PDF-');
    // One page: the /Type /Page object appears once besides /Pages.
    expect(new TextDecoder('latin1').decode(pdf.bytes).match(/\/Type \/Page\b/g)).toHaveLength(1);
  }, 20_000);

  it('names the issuer fields the settings lack before rendering anything', async () => {
    const error = await firstInvoicePdf(lines, '請求明細!A1:P5', { name: '裏方商事' }, { regular: new Uint8Array() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.column)).toEqual(
      expect.arrayContaining(['address', 'phone', 'registration_number']),
    );
  });

  it('names a bad cell of the first invoice with its row and column', async () => {
    const bad = lines.replace('コピー用紙（A4）500枚,10,', 'コピー用紙（A4）500枚,十,');
    const error = await firstInvoicePdf(bad, '請求明細!A1:P5', issuer, japaneseFonts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({ file: '請求明細!A1:P5', row: 2, column: '数量', value: '十' });
  });
});
