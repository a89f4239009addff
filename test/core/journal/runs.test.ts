/**
 * The journal of a run ties to the run's totals: payroll table columns, invoice per-rate totals
 * and tax, reconciliation applied / fee / difference — on the bundled examples and on generated runs.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_MAP, postingFor, type AccountMap } from '../../../core/journal/accounts.js';
import { type JournalEntry, sideTotal } from '../../../core/journal/entry.js';
import { type InvoiceForJournal, invoiceJournal } from '../../../core/journal/invoices.js';
import { payrollJournal } from '../../../core/journal/payroll.js';
import { type DecisionForJournal, journalCustomers, reconcileJournal } from '../../../core/journal/reconcile.js';
import { PAYROLL_COLUMNS, type PayrollRow } from '../../../core/payroll/output.js';
import { runPayroll } from '../../../core/payroll/run.js';
import type { DifferenceTreatment } from '../../../core/reconcile/types.js';

/** Σ of the lines on one side whose account (and 補助科目, when given) match. */
function booked(entries: readonly JournalEntry[], side: 'debit' | 'credit', account: string, subAccount?: string): number {
  let s = 0;
  for (const e of entries)
    for (const l of e.lines)
      if (l.side === side && l.account === account && (subAccount === undefined || l.subAccount === subAccount)) s += l.amount;
  return s;
}

function expectBalanced(entries: readonly JournalEntry[]) {
  for (const e of entries) {
    expect(sideTotal(e, 'debit')).toBe(sideTotal(e, 'credit'));
    for (const l of e.lines) {
      expect(Number.isSafeInteger(l.amount) && l.amount > 0).toBe(true);
      expect(Number.isSafeInteger(l.tax)).toBe(true);
    }
  }
}

const sum = (rows: readonly PayrollRow[], c: keyof PayrollRow) => rows.reduce((s, r) => s + (r[c] as number), 0);

describe('payroll journal', () => {
  const read = (f: string) => ({ data: readFileSync(`examples/payroll/${f}`), file: f });
  const run = runPayroll(read('employees.csv'), read('attendance.csv'), { payDate: '2026-05-25' });
  const rows = run.results.map((r) => r.result.row);

  it('the example run: one pay entry and one 法定福利費 entry that tie to the table', () => {
    expect(run.rejected).toBe(false);
    const entries = payrollJournal(rows, 'salary');
    expect(entries.map((e) => e.memo)).toEqual(['給与 2026-05-25支給 5名', '給与 2026-05-25支給 法定福利費（事業主負担）']);
    expectBalanced(entries);
    expect(booked(entries, 'debit', '給料手当') + booked(entries, 'debit', '旅費交通費')).toBe(sum(rows, 'gross_pay'));
    // 通勤手当 12,000 + 8,500 + 15,000 + 165,000 + 5,000 from the employees file.
    expect(booked(entries, 'debit', '旅費交通費', '通勤手当')).toBe(205_500);
    expect(booked(entries, 'credit', '預り金', '源泉所得税')).toBe(sum(rows, 'income_tax'));
    // 住民税 23,000 + 12,500 + 15,800 + 9,000 + 0 from the employees file.
    expect(booked(entries, 'credit', '預り金', '住民税')).toBe(60_300);
    expect(booked(entries, 'credit', '預り金', 'その他控除')).toBe(3_000);
    expect(booked(entries, 'credit', '普通預金')).toBe(sum(rows, 'net_pay'));
    expect(booked(entries, 'debit', '法定福利費')).toBe(
      sum(rows, 'employer_health_insurance') +
        sum(rows, 'employer_child_support') +
        sum(rows, 'employer_pension') +
        sum(rows, 'employer_child_contribution') +
        sum(rows, 'employer_employment_insurance'),
    );
  });

  it('a bonus run is booked to 賞与, net pay to 未払金 when the map says so', () => {
    const map: AccountMap = {
      ...DEFAULT_ACCOUNT_MAP,
      postings: { ...DEFAULT_ACCOUNT_MAP.postings, net_pay: postingFor(DEFAULT_ACCOUNT_MAP, 'net_pay', '') },
    };
    const unpaid = { ...map, postings: { ...map.postings, net_pay: { ...map.postings.net_pay, account: '未払金' } } };
    const entries = payrollJournal(
      rows.map((r) => ({ ...r, commute_allowance: 0 })),
      'bonus',
      unpaid,
    );
    expect(entries[0]?.lines[0]?.account).toBe('賞与');
    expect(booked(entries, 'credit', '未払金', '')).toBe(sum(rows, 'net_pay'));
  });

  it('a 年末調整 refund takes back 預り金, a shortfall adds to it', () => {
    const [row] = rows;
    if (!row) throw new Error('no row');
    const refund = payrollJournal([{ ...row, year_end_adjustment: 5_000, net_pay: row.net_pay + 5_000 }], 'salary');
    expect(refund[0]?.lines.find((l) => l.memo === '年末調整')).toMatchObject({
      side: 'debit',
      account: '預り金',
      subAccount: '源泉所得税',
      amount: 5_000,
    });
    const due = payrollJournal([{ ...row, year_end_adjustment: -7_000, net_pay: row.net_pay - 7_000 }], 'salary');
    expect(due[0]?.lines.find((l) => l.memo === '年末調整')).toMatchObject({ side: 'credit', amount: 7_000 });
  });

  const amount = fc.integer({ min: 0, max: 3_000_000 });
  const rowArb = fc
    .record({
      salary: amount,
      commute: fc.integer({ min: 0, max: 150_000 }),
      deductions: fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 7, maxLength: 7 }),
      employer: fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 5, maxLength: 5 }),
      yea: fc.integer({ min: -100_000, max: 100_000 }),
      date: fc.constantFrom('2026-05-25', '2026-06-25', '2026-12-25'),
    })
    .map(({ salary, commute, deductions, employer, yea, date }): PayrollRow => {
      const [
        income_tax = 0,
        resident_tax = 0,
        health_insurance = 0,
        child_support = 0,
        pension = 0,
        employment_insurance = 0,
        other_deduction = 0,
      ] = deductions;
      const social = health_insurance + child_support + pension + employment_insurance;
      const total = social + income_tax + resident_tax + other_deduction;
      const gross = salary + commute;
      const base = Object.fromEntries(PAYROLL_COLUMNS.map((c) => [c, 0])) as unknown as PayrollRow;
      return {
        ...base,
        employee_id: 'E',
        name: 'N',
        pay_date: date,
        gross_pay: gross,
        commute_allowance: commute,
        income_tax,
        resident_tax,
        health_insurance,
        child_support,
        pension,
        employment_insurance,
        other_deduction,
        social_insurance_total: social,
        total_deduction: total,
        year_end_adjustment: yea,
        net_pay: gross - total + yea,
        employer_health_insurance: employer[0] ?? 0,
        employer_child_support: employer[1] ?? 0,
        employer_pension: employer[2] ?? 0,
        employer_child_contribution: employer[3] ?? 0,
        employer_employment_insurance: employer[4] ?? 0,
      };
    });

  it('generated runs: every entry balances and each column total is booked once', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 25 }), (rs) => {
        const entries = payrollJournal(rs, 'salary');
        expectBalanced(entries);
        const net = (side: 'debit' | 'credit', account: string, sub?: string) =>
          booked(entries, side, account, sub) - booked(entries, side === 'debit' ? 'credit' : 'debit', account, sub);
        expect(net('debit', '給料手当')).toBe(sum(rs, 'gross_pay') - sum(rs, 'commute_allowance'));
        expect(net('debit', '旅費交通費')).toBe(sum(rs, 'commute_allowance'));
        expect(net('credit', '預り金', '源泉所得税')).toBe(sum(rs, 'income_tax') - sum(rs, 'year_end_adjustment'));
        expect(net('credit', '預り金', '健康保険')).toBe(sum(rs, 'health_insurance'));
        expect(net('credit', '預り金', '厚生年金')).toBe(sum(rs, 'pension'));
        expect(net('credit', '預り金', '雇用保険')).toBe(sum(rs, 'employment_insurance'));
        expect(net('credit', '普通預金')).toBe(sum(rs, 'net_pay'));
        expect(net('debit', '法定福利費')).toBe(
          sum(rs, 'employer_health_insurance') +
            sum(rs, 'employer_child_support') +
            sum(rs, 'employer_pension') +
            sum(rs, 'employer_child_contribution') +
            sum(rs, 'employer_employment_insurance'),
        );
        expect(new Set(entries.map((e) => e.date)).size).toBe(
          new Set(rs.filter((r) => Object.values(r).some((v) => typeof v === 'number' && v !== 0)).map((r) => r.pay_date)).size,
        );
      }),
    );
  });
});

describe('invoice journal', () => {
  const customer = { id: 'C001', name: '株式会社サンプル', honorific: '御中' };
  const invoice: InvoiceForJournal = {
    invoice_no: 'INV-1',
    issue_date: '2026-05-31',
    customer,
    byRate: [
      { rate: '10', base: 40_900, tax: 4_090, gross: 44_990 },
      { rate: '8', base: 6_192, tax: 495, gross: 6_687 },
      { rate: '0', base: 1_000, tax: 0, gross: 1_000 },
    ],
    withholding: 0,
    amount_due: 52_677,
  };

  it('売掛金 against 売上高 per rate with the invoice’s own tax and 税区分', () => {
    const [e] = invoiceJournal([invoice]);
    expect(e?.lines.map((l) => [l.side, l.account, l.subAccount, l.taxCategory, l.amount, l.tax])).toEqual([
      ['debit', '売掛金', '株式会社サンプル', '対象外', 52_677, 0],
      ['credit', '売上高', '', '課税売上10%', 44_990, 4_090],
      ['credit', '売上高', '', '課税売上8%(軽)', 6_687, 495],
      ['credit', '売上高', '', '非課税売上', 1_000, 0],
    ]);
  });

  it('a 0円 invoice (無償点検) is booked as nothing, in both 経理方式, and the rest of the batch still is', () => {
    const zero: InvoiceForJournal = {
      ...invoice,
      invoice_no: 'INV-0',
      byRate: [{ rate: '10', base: 0, tax: 0, gross: 0 }],
      withholding: 0,
      amount_due: 0,
    };
    for (const taxMethod of ['inclusive', 'exclusive'] as const) {
      const entries = invoiceJournal([zero, invoice], { ...DEFAULT_ACCOUNT_MAP, taxMethod });
      expect(entries.map((e) => e.memo)).toEqual(['請求書 INV-1 株式会社サンプル']);
    }
  });

  it('a 税込 line of 0円 that carries tax is refused, not booked without its tax', () => {
    const odd: InvoiceForJournal = { ...invoice, byRate: [{ rate: '10', base: 4, tax: -4, gross: 0 }], amount_due: 0, withholding: 0 };
    expect(() => invoiceJournal([odd])).toThrow(/tax -4 without an amount/);
  });

  it('税抜経理: 税抜 sales and one 仮受消費税 line a rate', () => {
    const [e] = invoiceJournal([invoice], { ...DEFAULT_ACCOUNT_MAP, taxMethod: 'exclusive' });
    expect(e?.lines.filter((l) => l.account === '仮受消費税').map((l) => [l.taxCategory, l.amount])).toEqual([
      ['課税売上10%', 4_090],
      ['課税売上8%(軽)', 495],
    ]);
    expect(booked([e as JournalEntry], 'credit', '売上高')).toBe(48_092);
  });

  it('a credit note is the same entry reversed; 源泉徴収 goes to 仮払税金', () => {
    const credit: InvoiceForJournal = {
      ...invoice,
      byRate: [{ rate: '10', base: -10_000, tax: -1_000, gross: -11_000 }],
      amount_due: -11_000,
    };
    expect(invoiceJournal([credit])[0]?.lines.map((l) => [l.side, l.account, l.amount, l.tax])).toEqual([
      ['credit', '売掛金', 11_000, 0],
      ['debit', '売上高', 11_000, 1_000],
    ]);
    const fee: InvoiceForJournal = {
      ...invoice,
      byRate: [{ rate: '10', base: 100_000, tax: 10_000, gross: 110_000 }],
      withholding: 10_210,
      amount_due: 99_790,
    };
    expect(invoiceJournal([fee])[0]?.lines.map((l) => [l.account, l.amount])).toEqual([
      ['売掛金', 99_790],
      ['仮払税金', 10_210],
      ['売上高', 110_000],
    ]);
  });

  it('generated batches: Σ per 税区分 and Σ tax tie to the invoices’ per-rate totals, in both 経理方式', () => {
    const rate = fc.record({
      rate: fc.constantFrom('10' as const, '8' as const, '0' as const, 'out' as const),
      base: fc.integer({ min: -5_000_000, max: 50_000_000 }),
      tax: fc.integer({ min: -500_000, max: 5_000_000 }),
    });
    const inv = fc.record({
      rates: fc.uniqueArray(rate, { selector: (r) => r.rate, minLength: 1, maxLength: 4 }),
      withholding: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(inv, { maxLength: 20 }), fc.constantFrom('inclusive' as const, 'exclusive' as const), (gen, taxMethod) => {
        const invoices: InvoiceForJournal[] = gen.map((g, i) => {
          // An invoice's tax per rate is its base's tax (core/invoice): a 税込 total of 0 carries none.
          const byRate = g.rates
            .map((r) => ({ ...r, tax: r.rate === '10' || r.rate === '8' ? r.tax : 0, gross: 0 }))
            .map((r) => ({ ...r, tax: r.base + r.tax === 0 ? 0 : r.tax }))
            .map((r) => ({ ...r, gross: r.base + r.tax }));
          const total = byRate.reduce((s, r) => s + r.gross, 0);
          return { ...invoice, invoice_no: `I${i}`, byRate, withholding: g.withholding, amount_due: total - g.withholding };
        });
        const entries = invoiceJournal(invoices, { ...DEFAULT_ACCOUNT_MAP, taxMethod });
        expectBalanced(entries);
        const all = invoices.flatMap((i) => i.byRate);
        const signed = (pred: (l: JournalEntry['lines'][number]) => boolean, field: 'amount' | 'tax') =>
          entries
            .flatMap((e) => e.lines)
            .filter(pred)
            .reduce((s, l) => s + (l.side === 'credit' ? l[field] : -l[field]), 0);
        for (const [key, cat] of [
          ['10', '課税売上10%'],
          ['8', '課税売上8%(軽)'],
          ['0', '非課税売上'],
          ['out', '不課税'],
        ] as const) {
          const rs = all.filter((r) => r.rate === key);
          const sales = signed((l) => l.account === '売上高' && l.taxCategory === cat, 'amount');
          expect(sales).toBe(rs.reduce((s, r) => s + (taxMethod === 'inclusive' ? r.gross : r.base), 0));
          expect(signed((l) => l.taxCategory === cat, 'tax')).toBe(rs.reduce((s, r) => s + r.tax, 0));
        }
        expect(0 - signed((l) => l.account === '売掛金', 'amount')).toBe(invoices.reduce((s, i) => s + i.amount_due, 0));
      }),
    );
  });
});

describe('reconciliation journal', () => {
  const line = (amount: number) => ({ date: '2026-06-01', amount, payer: 'ｶ)ｻﾝﾌﾟﾙ' });
  const names = new Map([['C001', '株式会社サンプル']]);
  const applied: DecisionForJournal = {
    status: 'auto',
    customerId: 'C001',
    allocations: [{ invoiceId: 'I', amount: 10_000 }],
    fee: 0,
    difference: 0,
    differenceTreatment: '',
    line: line(10_000),
  };

  it('普通預金 and the deducted fee against 売掛金 of the customer; suggested deposits are not booked', () => {
    const d: DecisionForJournal = { ...applied, allocations: [{ invoiceId: 'INV-1', amount: 110_000 }], fee: 660, line: line(109_340) };
    const entries = reconcileJournal([d, { ...d, status: 'suggested' }], (id) => names.get(id));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.lines.map((l) => [l.side, l.account, l.subAccount, l.amount])).toEqual([
      ['debit', '普通預金', '', 109_340],
      ['debit', '支払手数料', '', 660],
      ['credit', '売掛金', '株式会社サンプル', 110_000],
    ]);
  });

  it('a parent company paying invoices of two subsidiaries in one transfer credits each subsidiary its own 売掛金', () => {
    const customers = journalCustomers([
      { invoiceId: 'A-1', customerId: 'C1', customerName: '山本商事株式会社' },
      { invoiceId: 'B-7', customerId: 'C2', customerName: '山本物流株式会社' },
      { invoiceId: 'A-2', customerId: 'C1', customerName: '山本商事株式会社' },
    ]);
    const group: DecisionForJournal = {
      ...applied,
      customerId: 'C1',
      allocations: [
        { invoiceId: 'A-1', amount: 50_000 },
        { invoiceId: 'B-7', amount: 30_000 },
        { invoiceId: 'A-2', amount: 20_000 },
      ],
      fee: 440,
      line: line(99_560),
    };
    const [entry] = reconcileJournal([group], customers);
    expect(entry?.lines.map((l) => [l.side, l.account, l.subAccount, l.amount])).toEqual([
      ['debit', '普通預金', '', 99_560],
      ['debit', '支払手数料', '', 440],
      ['credit', '売掛金', '山本商事株式会社', 70_000],
      ['credit', '売掛金', '山本物流株式会社', 30_000],
    ]);
  });

  it('each 差額の処理 to its account; an untreated over-payment to 前受金 of the customer', () => {
    const diff = (difference: number, differenceTreatment: DifferenceTreatment) =>
      reconcileJournal([{ ...applied, difference, differenceTreatment, line: line(10_000 + difference) }], (id) =>
        names.get(id),
      )[0]?.lines.at(-1);
    expect(diff(-30, '雑損失')).toMatchObject({ side: 'debit', account: '雑損失', amount: 30 });
    expect(diff(-440, '支払手数料')).toMatchObject({ side: 'debit', account: '支払手数料', amount: 440 });
    expect(diff(20, '雑収入')).toMatchObject({ side: 'credit', account: '雑収入', amount: 20 });
    expect(diff(5_000, '前受金')).toMatchObject({ side: 'credit', account: '前受金', subAccount: '株式会社サンプル', amount: 5_000 });
    expect(diff(3_000, '')).toMatchObject({ side: 'credit', account: '前受金', amount: 3_000 });
  });

  it('generated decisions: entries balance and tie to applied, fee and difference', () => {
    const treatment = fc.constantFrom<DifferenceTreatment>('', '支払手数料', '雑損失', '雑収入', '前受金');
    const dec = fc
      .record({
        status: fc.constantFrom('auto' as const, 'suggested' as const, 'unmatched' as const),
        allocs: fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 4 }),
        fee: fc.constantFrom(0, 0, 440, 660, 880),
        difference: fc.integer({ min: -1_000, max: 1_000 }),
        treatment,
      })
      .map(({ status, allocs, fee, difference, treatment: t }): DecisionForJournal => {
        const applied = allocs.reduce((s, a) => s + a, 0);
        const diff = Math.max(difference, fee - applied + 1);
        const sign = diff > 0 ? (t === '支払手数料' || t === '雑損失' ? '' : t) : t === '雑収入' || t === '前受金' ? '' : t;
        return {
          status,
          customerId: 'C001',
          allocations: allocs.map((amount, i) => ({ invoiceId: `I${i}`, amount })),
          fee,
          difference: diff,
          differenceTreatment: diff === 0 ? '' : sign,
          line: line(applied - fee + diff),
        };
      });
    fc.assert(
      fc.property(fc.array(dec, { maxLength: 30 }), (ds) => {
        const entries = reconcileJournal(ds, (id) => names.get(id));
        expectBalanced(entries);
        const auto = ds.filter((d) => d.status === 'auto');
        expect(entries).toHaveLength(auto.length);
        expect(booked(entries, 'debit', '普通預金')).toBe(auto.reduce((s, d) => s + d.line.amount, 0));
        expect(booked(entries, 'credit', '売掛金')).toBe(auto.reduce((s, d) => s + d.allocations.reduce((t, a) => t + a.amount, 0), 0));
        const fees = auto.reduce((s, d) => s + d.fee + (d.differenceTreatment === '支払手数料' ? -d.difference : 0), 0);
        expect(booked(entries, 'debit', '支払手数料')).toBe(fees);
        const differences =
          ['前受金', '雑収入'].reduce((s, a) => s + booked(entries, 'credit', a), 0) -
          ['雑損失'].reduce((s, a) => s + booked(entries, 'debit', a), 0);
        expect(differences - (fees - auto.reduce((s, d) => s + d.fee, 0))).toBe(auto.reduce((s, d) => s + d.difference, 0));
      }),
    );
  });
});
