import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accountMapRows, readAccountMap } from '../../../core/journal/accounts.js';
import { toCsvText } from '../../../core/csv/write.js';
import { yearEndJournal } from '../../../core/journal/year-end.js';

describe('yearEndJournal (a settlement paid outside the payroll)', () => {
  it('refunds and shortfalls each on their own lines, between 預り金 and 未払金／年末調整', () => {
    const [e] = yearEndJournal([{ difference: -115_270 }, { difference: 4_000 }, { difference: null }, { difference: -730 }], 2026);
    expect(e?.date).toBe('2026-12-31');
    expect(e?.lines.map((l) => [l.side, l.account, l.subAccount, l.amount])).toEqual([
      ['debit', '預り金', '源泉所得税', 116_000],
      ['credit', '未払金', '年末調整', 116_000],
      ['debit', '未払金', '年末調整', 4_000],
      ['credit', '預り金', '源泉所得税', 4_000],
    ]);
  });

  it('no entry when nothing is to be settled', () => {
    expect(yearEndJournal([{ difference: 0 }, { difference: null }], 2026)).toEqual([]);
  });
});

describe('account map files', () => {
  it('the bundled example reads without a problem', () => {
    const r = readAccountMap(readFileSync('examples/journal/accounts.csv'), 'accounts.csv');
    expect(r.problems).toEqual([]);
    expect(r.map.postings.net_pay).toMatchObject({ account: '普通預金', subAccount: 'みなと銀行' });
    expect(r.map.postings.employer_social_payable.account).toBe('未払費用');
  });

  it('the defaults written out read back as the defaults', () => {
    const r = readAccountMap(toCsvText(accountMapRows()), 'defaults.csv');
    expect(r.problems).toEqual([]);
    expect(accountMapRows(r.map)).toEqual(accountMapRows());
  });
});
