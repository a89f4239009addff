import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../functions/fonts.js';
import { monthlyPay, payPeriod } from '../../../core/payroll/index.js';
import { renderPayslip } from '../../../core/payroll/payslip.js';
import { extractText } from '../../helpers/pdf.js';
import { attendance, employee } from './fixtures.js';

/** The text layer with the spaces of the layout removed, so a label and its amount read as one run. */
const compact = (pdf: Uint8Array) => extractText(pdf).replace(/[ \t]+/g, ' ');

describe('給与明細書 PDF', () => {
  const e = employee({ employee_id: '1001', name: '山田 太郎', dependents: 1, resident_tax: 15_000 });

  it('shows the pay, the deductions and the bases, as extractable Japanese text', async () => {
    const text = compact(
      await renderPayslip(monthlyPay(e, attendance(), payPeriod('2026-05-25')), { fonts: japaneseFonts(), companyName: 'ｶ)ｳﾗｶﾀ' }),
    );
    expect(text).toContain('給与明細書 令和8年5月分');
    expect(text).toContain('山田 太郎');
    expect(text).toMatch(/基本給 300,000円/);
    expect(text).toMatch(/健康保険料 14,775円/);
    expect(text).toMatch(/子ども・子育て支援金 345円/);
    expect(text).toMatch(/厚生年金保険料 27,450円/);
    // 300,000 − 44,070 − 4,710 − 15,000
    expect(text).toMatch(/差引支給額 236,220円/);
    expect(text).toContain('甲欄 扶養親族等 1人');
  });

  it('December 2026 and January 2027 payslips of the same employee show the 令和8年分 → 令和9年分 switch', async () => {
    const fonts = japaneseFonts();
    const dec = compact(await renderPayslip(monthlyPay(e, attendance(), payPeriod('2026-12-25')), { fonts }));
    const jan = compact(await renderPayslip(monthlyPay(e, attendance(), payPeriod('2027-01-25')), { fonts }));
    // 社会保険料等控除後 255,930, 甲 1人: R8 4,710, R9 4,530
    expect(dec).toContain('令和8年12月分');
    expect(dec).toMatch(/源泉所得税 4,710円/);
    expect(jan).toContain('令和9年1月分');
    expect(jan).toMatch(/源泉所得税 4,530円/);
    expect(dec).toMatch(/差引支給額 236,220円/);
    expect(jan).toMatch(/差引支給額 236,400円/);
  });
});
