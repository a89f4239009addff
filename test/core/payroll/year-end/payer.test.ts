import { describe, expect, it } from 'vitest';
import { parsePayer } from '../../../../core/payroll/year-end/payer.js';

describe('支払者 JSON', () => {
  it('reads name, address and phone; the phone in half-width digits', () => {
    const r = parsePayer(
      { name: ' 株式会社ウラカタ ', address: '東京都千代田区霞が関3-1-1', phone: '０３－１２３４－５６７８' },
      'payer.json',
    );
    expect(r.problems).toEqual([]);
    expect(r.payer).toEqual({ name: '株式会社ウラカタ', address: '東京都千代田区霞が関3-1-1', phone: '03-1234-5678' });
  });

  it('needs only the name', () => {
    expect(parsePayer({ name: 'ウラカタ商店' }, 'payer.json')).toEqual({ payer: { name: 'ウラカタ商店' }, problems: [] });
  });

  it('reports every fault with the file and the field, and gives no payer', () => {
    const r = parsePayer({ name: '', address: 'a'.repeat(121), phone: '03-1234-abcd' }, 'payer.json');
    expect(r.payer).toBeUndefined();
    expect(r.problems.map((p) => [p.file, p.column])).toEqual([
      ['payer.json', 'name'],
      ['payer.json', 'address'],
      ['payer.json', 'phone'],
    ]);
    expect(r.problems[0]?.message_ja).toContain('ありません');
    expect(r.problems[1]?.message_ja).toContain('120文字以内');
  });

  it('refuses control characters, values that are not text, and what is not an object', () => {
    expect(parsePayer({ name: '株式会社\nウラカタ' }, 'p.json').problems[0]?.message_en).toContain('control characters');
    expect(parsePayer({ name: 'ウラカタ', phone: 312345678 }, 'p.json').problems[0]?.message_en).toBe('phone must be a string');
    expect(parsePayer(['ウラカタ'], 'p.json').problems[0]?.message_en).toBe('not a JSON object');
    expect(parsePayer(null, 'p.json').payer).toBeUndefined();
  });

  it('warns about a field it does not use, and still reads the payer', () => {
    const r = parsePayer({ name: 'ウラカタ', corporate_number: '1234567890123' }, 'p.json');
    expect(r.payer?.name).toBe('ウラカタ');
    expect(r.problems).toMatchObject([{ column: 'corporate_number', severity: 'warning' }]);
  });
});
