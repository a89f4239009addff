/**
 * 給与明細書 (payslip) PDF, one per employee: 支給, 控除, 差引支給額, and the bases behind them
 * (標準報酬月額, 保険料の月, 税額表の欄と扶養人数) so an employee can recompute every line.
 * 労働基準法 does not prescribe a layout; 所得税法§231 requires a 支払明細書 to be given.
 */
import { formatWareki } from '../dates/wareki.js';
import { formatPercent } from '../money/rate.js';
import { formatYen } from '../money/yen.js';
import type { PdfFontBytes } from '../pdf/document.js';
import { PdfWriter } from '../pdf/document.js';
import { drawTable, type TableRow } from '../pdf/table.js';
import type { PayResult } from './monthly.js';

export interface PayslipOptions {
  readonly fonts: PdfFontBytes;
  /** 会社名, printed at the top right. */
  readonly companyName?: string;
}

const yen = (n: number) => `${formatYen(n)}円`;

/** 令和8年5月分 from a pay date. */
function payMonthLabel(payDate: string): string {
  return formatWareki(payDate).replace(/\d+日$/, '分');
}

/**
 * Renders one payslip. The PDF creation date is the pay date, so the same pay gives the same bytes.
 * @example const pdf = await renderPayslip(result, { fonts: japaneseFonts(), companyName: '株式会社ウラカタ' });
 */
export async function renderPayslip(p: PayResult, o: PayslipOptions): Promise<Uint8Array> {
  const { row: r, detail: d } = p;
  const pdf = new PdfWriter({
    fonts: o.fonts,
    title: `給与明細書 ${payMonthLabel(d.period.payDate)} ${r.name}`,
    subject: `${r.employee_id} ${d.period.payDate}`,
    creationDate: new Date(`${d.period.payDate}T00:00:00+09:00`),
    pageNumbers: false,
  });
  const x = pdf.left;
  let y = pdf.top;
  pdf.text(`給与明細書　${payMonthLabel(d.period.payDate)}`, x, y, { size: 18, bold: true });
  if (o.companyName) pdf.text(o.companyName, x, y + 4, { size: 10, width: pdf.contentWidth, align: 'right' });
  y += 34;
  pdf.text(`社員番号 ${r.employee_id}　氏名 ${r.name} 様　支給日 ${d.period.payDate}`, x, y, { size: 10 });
  y += 22;

  const columns = [
    { header: '項目', width: 150 },
    { header: '金額', width: 90, align: 'right' as const },
  ];
  const line = (label: string, amount: number): TableRow => ({ cells: [label, yen(amount)] });
  const ot = d.overtime;
  const pay: TableRow[] = [
    line('基本給', d.baseSalary),
    ...(d.fixedAllowances ? [line('固定手当', d.fixedAllowances)] : []),
    ...(d.excludedAllowances ? [line('諸手当（家族・住宅等）', d.excludedAllowances)] : []),
    ...(ot.overtime ? [line('時間外手当（25%）', ot.overtime)] : []),
    ...(ot.over60 ? [line('時間外手当（60時間超 50%）', ot.over60)] : []),
    ...(ot.holiday ? [line('休日出勤手当（35%）', ot.holiday)] : []),
    ...(ot.lateNight ? [line('深夜手当（25%）', ot.lateNight)] : []),
    ...(r.commute_allowance ? [line('通勤手当', r.commute_allowance)] : []),
    ...(d.otherPay ? [line('その他支給', d.otherPay)] : []),
    { ...line('総支給額', r.gross_pay), bold: true, fill: '#eeeeee' },
  ];
  const deductions: TableRow[] = [
    line(d.rates.care ? '健康保険料（介護保険料を含む）' : '健康保険料', r.health_insurance),
    ...(r.child_support ? [line('子ども・子育て支援金', r.child_support)] : []),
    line('厚生年金保険料', r.pension),
    line('雇用保険料', r.employment_insurance),
    { ...line('社会保険料計', r.social_insurance_total), bold: true },
    line('源泉所得税', r.income_tax),
    ...(r.resident_tax ? [line('住民税', r.resident_tax)] : []),
    ...(r.other_deduction ? [line('その他控除', r.other_deduction)] : []),
    { ...line('控除合計', r.total_deduction), bold: true, fill: '#eeeeee' },
  ];
  pdf.text('支給', x, y, { size: 11, bold: true });
  pdf.text('控除', x + 270, y, { size: 11, bold: true });
  y += 18;
  const yPay = drawTable(pdf, y, columns, pay, { x });
  const yDed = drawTable(pdf, y, columns, deductions, { x: x + 270 });
  y = Math.max(yPay, yDed) + 16;
  if (r.year_end_adjustment !== 0) {
    // 年末調整 settles the year apart from this month's items: its own line, then the net pay that carries it.
    const refund = r.year_end_adjustment > 0;
    const label = refund ? '年末調整 還付（超過額）' : '年末調整 徴収（不足額）';
    const amount = `${refund ? '+' : '−'}${yen(Math.abs(r.year_end_adjustment))}`;
    const line = [
      { header: label, width: 150 },
      { header: amount, width: 90, align: 'right' as const },
    ];
    y = drawTable(pdf, y, line, [], { x: x + 270, headerFill: '#fff4d6' }) + 12;
  }
  pdf.rect(x, y, 510, 30, { fill: '#f4f4f4', stroke: '#9a9a9a' });
  pdf.text('差引支給額', x + 10, y + 8, { size: 12, bold: true });
  pdf.text(yen(r.net_pay), x + 250, y + 7, { size: 14, bold: true, width: 250, align: 'right' });
  y += 46;

  const notes = [
    `標準報酬月額 ${yen(r.standard_monthly)}（厚生年金 ${yen(d.pensionStandard)}）・保険料の月 ${d.period.insuranceMonth}・${d.rates.healthTable} 健康保険料率 ${formatPercent(d.rates.health)}`,
    `雇用保険: 賃金締切日 ${d.period.closingDate}・賃金 ${yen(r.gross_pay)}`,
    `源泉所得税: ${d.taxColumn === 'kou' ? `甲欄 扶養親族等 ${d.dependents}人` : '乙欄'}・${d.period.withholdingMethod === 'table' ? '月額表' : '電算機計算の特例'}・社会保険料等控除後の金額 ${yen(r.taxable_pay)}（非課税通勤手当 ${yen(d.nonTaxableCommute)} を除く）`,
  ];
  for (const n of notes) {
    pdf.text(n, x, y, { size: 8, width: 510, color: '#333333' });
    y += pdf.heightOf(n, { size: 8, width: 510 }) + 4;
  }
  return pdf.finish();
}
