/**
 * 給与所得の源泉徴収票（受給者交付用）: one A4 page per employee, laid out as the official form
 * (令和7年分 layout onward) — a grid of labelled boxes in the form's order, amounts right-aligned.
 *
 * The figures are `withholdingItems` (report.ts), which the 給与支払報告書 shares: 支払を受ける者 (住所,
 * 受給者番号 = employee_id, フリガナ, 氏名), 種別, 支払金額, 給与所得控除後の金額（調整控除後）(⑨ − ⑩),
 * 所得控除の額の合計額, 源泉徴収税額 (㉖ 年調年税額; for an employee not adjusted, the tax withheld), the
 * spouse and dependant counts, 社会保険料等 (内 小規模企業共済等掛金), the 生命・地震保険料 and
 * 住宅借入金等特別控除 amounts, the premiums declared (生命保険料の金額の内訳), 配偶者の合計所得,
 * 国民年金保険料等, 旧長期損害保険料, 基礎控除, 所得金額調整控除, 特定親族特別控除, the flags (未成年者
 * from the birth date, 乙欄, 本人が特別障害者, 寡婦, ひとり親, 勤労学生), 受給者生年月日 (和暦), 摘要
 * (年調未済 and why; 前職分) and the 支払者. As on the official form a box is blank for none, except
 * the four main amounts, 社会保険料等, 基礎控除 and 配偶者の合計所得 (when a spouse deduction applies).
 *
 * No 個人番号 is printed: this is the employee's copy, and no input holds one. Boxes of the official
 * form for which the input has no data are drawn empty, to be filled by hand where they apply:
 * 外国人, 死亡退職, 災害者, 中途就・退職, 非居住者である親族の数, and the 住宅借入金等特別控除 breakdown
 * (適用数, 居住開始年月日, 区分, 年末残高 — the declaration gives only the credit). The names of the
 * spouse and of each dependant are not held, so their rows are left out.
 *
 * 障害者の数（本人を除く）: 特別 is the declared 特別障害者 and 同居特別障害者 less the employee when the
 * employee is one (内 = 同居特別障害者); その他 is the declared 障害者 count as it stands, since the
 * declaration has no field saying the employee is an ordinary 障害者 — so 本人が障害者 その他 is never
 * marked, and an employee who is an ordinary 障害者 is counted in その他.
 *
 * An employee not adjusted (乙欄, pay over 20,000,000) gets 支払金額 and 源泉徴収税額 only, every
 * other amount and count blank, and 年調未済 in 摘要 with the reason.
 */
import { formatWareki, toWareki } from '../../dates/wareki.js';
import { formatYen, type Yen } from '../../money/yen.js';
import { type Align, type PdfFontBytes, PdfWriter } from '../../pdf/document.js';
import type { Payer } from './payer.js';
import { withholdingItems } from './report.js';
import type { YearEndEmployee } from './run.js';

export interface WithholdingSlipOptions {
  readonly fonts: PdfFontBytes;
  /** 年分 (calendar year of the pay). */
  readonly year: number;
  /** 支払者: printed at the foot; without it the box stays empty. */
  readonly payer?: Payer;
}

/** A value box's content: the amount or count, its unit, and the 内 figure printed at its left. */
interface Value {
  readonly text?: string;
  readonly unit?: '円' | '人';
  readonly inner?: string;
  readonly align?: Align;
  readonly size?: number;
}

/** One box of a labelled row: a label band above, the value below. */
interface Box extends Value {
  readonly label: string;
  readonly width: number;
}

/** A box of a two-level header: a group label over sub-boxes, or one box under a label of full height. */
interface Group {
  readonly label: string;
  readonly width: number;
  readonly subs?: readonly Box[];
  readonly value?: Value;
}

const LABEL_SIZE = 6.5;
const LABEL_FILL = '#eef1f5';
const RULE = '#555555';
const PAD = 3;

/** An amount, or an empty box when there is none. */
const yen = (n: Yen | undefined): Value => (n === undefined ? { unit: '円' } : { text: formatYen(n), unit: '円' });
/** An amount printed only when there is one (the official form leaves a box blank for none). */
const yenIf = (n: Yen | undefined): Value => yen(n === 0 ? undefined : n);
const people = (n: number | undefined): Value => ({ ...(n ? { text: String(n) } : {}), unit: '人' });
const mark = (on: boolean | undefined): Value => (on ? { text: '○', align: 'center', size: 11 } : {});
/** The 内 figure of a box (同居, 小規模企業共済等掛金), when there is one. */
const inner = (n: number | undefined, unit: '円' | '人'): Pick<Value, 'inner'> => (n ? { inner: `${formatYen(n)}${unit}` } : {});

/** 令和8年分 from the year. */
function yearLabel(year: number): string {
  const w = toWareki(`${year}-12-31`);
  return `${w.era.name}${w.year === 1 ? '元' : w.year}年分`;
}

/** Draws a box outline and, optionally, a fill. */
function cell(pdf: PdfWriter, x: number, y: number, w: number, h: number, fill?: string): void {
  pdf.rect(x, y, w, h, fill ? { fill, stroke: RULE } : { stroke: RULE });
}

/**
 * Lines centred across a box and together in its height: each `\n`-separated line is drawn on its own
 * (pdfkit centres the lines of one wrapped text unevenly), and one too long for the width wraps.
 */
function centred(pdf: PdfWriter, text: string, x: number, y: number, w: number, h: number, size: number): void {
  const style = { size, width: w, align: 'center' as const, color: '#222222' };
  const lines = text.split('\n').map((t) => ({ t, h: pdf.heightOf(t, style) }));
  let ly = y + Math.max(1, (h - lines.reduce((sum, l) => sum + l.h, 0)) / 2);
  for (const l of lines) {
    pdf.text(l.t, x, ly, style);
    ly += l.h;
  }
}

/** A label band: filled box, the label centred in it. */
function label(pdf: PdfWriter, text: string, x: number, y: number, w: number, h: number, size = LABEL_SIZE): void {
  cell(pdf, x, y, w, h, LABEL_FILL);
  centred(pdf, text, x + PAD, y, w - 2 * PAD, h, size);
}

/** A value box: unit at the top right, 内 figure at the left, the value at the bottom. */
function value(pdf: PdfWriter, v: Value, x: number, y: number, w: number, h: number): void {
  cell(pdf, x, y, w, h);
  if (v.unit) pdf.text(v.unit, x + PAD, y + 1.5, { size: 6, width: w - 2 * PAD, align: 'right', color: '#444444' });
  if (v.inner !== undefined) pdf.text(`内 ${v.inner}`, x + PAD, y + 1.5, { size: 7, color: '#222222' });
  if (v.text !== undefined) {
    const size = v.size ?? 10.5;
    pdf.text(v.text, x + PAD, y + h - size - 4, { size, width: w - 2 * PAD, align: v.align ?? 'right' });
  }
}

/** A label band over a row of value boxes; returns the y below. */
function boxRow(pdf: PdfWriter, y: number, boxes: readonly Box[], labelHeight: number, valueHeight: number): number {
  let x = pdf.left;
  for (const b of boxes) {
    label(pdf, b.label, x, y, b.width, labelHeight);
    value(pdf, b, x, y + labelHeight, b.width, valueHeight);
    x += b.width;
  }
  return y + labelHeight + valueHeight;
}

/** A two-level label band (group over sub-labels) over the value boxes; returns the y below. */
function groupRow(
  pdf: PdfWriter,
  y: number,
  groups: readonly Group[],
  heights: { top: number; sub: number; value: number; labelSize?: number },
): number {
  const { top, sub, value: valueHeight, labelSize = LABEL_SIZE } = heights;
  let x = pdf.left;
  for (const g of groups) {
    if (g.subs) {
      label(pdf, g.label, x, y, g.width, top, labelSize);
      let sx = x;
      for (const s of g.subs) {
        label(pdf, s.label, sx, y + top, s.width, sub, 6);
        value(pdf, s, sx, y + top + sub, s.width, valueHeight);
        sx += s.width;
      }
    } else {
      label(pdf, g.label, x, y, g.width, top + sub, labelSize);
      value(pdf, g.value ?? {}, x, y + top + sub, g.width, valueHeight);
    }
    x += g.width;
  }
  return y + top + sub + valueHeight;
}

/** A row headed by a label cell at the left, its boxes holding label and value in one cell. */
function headedRow(pdf: PdfWriter, y: number, head: string, headWidth: number, boxes: readonly Box[], h: number): number {
  label(pdf, head, pdf.left, y, headWidth, h);
  let x = pdf.left + headWidth;
  for (const b of boxes) {
    value(pdf, b, x, y, b.width, h);
    pdf.text(b.label, x + PAD, y + PAD, { size: 6, width: b.width - 2 * PAD - 8, color: '#222222' });
    x += b.width;
  }
  return y + h;
}

/** Text set vertically, one character a line (a side heading such as 支払を受ける者). */
function sideHeading(pdf: PdfWriter, text: string, x: number, y: number, w: number, h: number): void {
  cell(pdf, x, y, w, h, LABEL_FILL);
  centred(pdf, [...text].join('\n'), x, y, w, h, 7);
}

/** Equal widths for `n` boxes over `total`, the last taking what rounding leaves. */
function split(total: number, n: number): number[] {
  const w = Math.floor((total / n) * 100) / 100;
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - w * (n - 1) : w));
}

/**
 * Renders the 源泉徴収票 (受給者交付用) of one employee. The creation date is 31 December of the year,
 * so the same result gives the same bytes.
 * @example const pdf = await renderWithholdingSlip(run.results[0], { fonts: japaneseFonts(), year: 2026, payer });
 */
export async function renderWithholdingSlip(e: YearEndEmployee, o: WithholdingSlipOptions): Promise<Uint8Array> {
  const emp = e.employee;
  const f = withholdingItems(e, o.year);
  const title = `${yearLabel(o.year)}　給与所得の源泉徴収票`;
  const pdf = new PdfWriter({
    fonts: o.fonts,
    title: `${title} ${emp.name}`,
    subject: `${emp.employee_id} ${o.year}`,
    creationDate: new Date(`${o.year}-12-31T00:00:00+09:00`),
    pageNumbers: false,
  });
  const x0 = pdf.left;
  const W = pdf.contentWidth;
  const gap = 5;
  let y = pdf.top;

  pdf.text(title, x0, y, { size: 16, bold: true, width: W, align: 'center' });
  pdf.text('（受給者交付用）', x0, y + 5, { size: 9, width: W, align: 'right' });
  y += 24;
  pdf.text(`Withholding tax statement on employment income, ${o.year} (recipient's copy)`, x0, y, {
    size: 7,
    width: W,
    align: 'center',
    color: '#555555',
  });
  y += 16;

  // 支払を受ける者: 住所 at the left; 受給者番号, フリガナ, 氏名 at the right.
  const side = 20;
  const addressWidth = 285;
  const rightWidth = W - side - addressWidth;
  const rightX = x0 + side + addressWidth;
  const blockHeight = 80;
  sideHeading(pdf, '支払を受ける者', x0, y, side, blockHeight);
  cell(pdf, x0 + side, y, addressWidth, blockHeight);
  pdf.text('住所又は居所', x0 + side + PAD, y + PAD, { size: LABEL_SIZE, color: '#222222' });
  if (emp.address) pdf.text(emp.address, x0 + side + 8, y + 22, { size: 10, width: addressWidth - 16, lineGap: 2 });
  const labelWidth = 52;
  const rightRows: [string, string | undefined, number, number][] = [
    ['受給者番号', emp.employee_id, 20, 9],
    ['フリガナ', emp.name_kana, 18, 8],
    ['氏名', emp.name, blockHeight - 38, 13],
  ];
  let ry = y;
  for (const [name, text, h, size] of rightRows) {
    label(pdf, name, rightX, ry, labelWidth, h);
    cell(pdf, rightX + labelWidth, ry, rightWidth - labelWidth, h);
    if (text) pdf.text(text, rightX + labelWidth + 6, ry + (h - size) / 2 - 1, { size, width: rightWidth - labelWidth - 12 });
    ry += h;
  }
  y += blockHeight + gap;

  // 種別 … 源泉徴収税額.
  const [w1 = 0, w2 = 0, w3 = 0, w4 = 0] = split(W - 71, 4);
  y = boxRow(
    pdf,
    y,
    [
      { label: '種別', width: 71, text: '給料・賞与', align: 'center', size: 10 },
      { label: '支払金額', width: w1, ...yen(f.totalPay) },
      { label: '給与所得控除後の金額\n（調整控除後）', width: w2, ...yen(f.employmentIncome) },
      { label: '所得控除の額の合計額', width: w3, ...yen(f.totalDeductions) },
      { label: '源泉徴収税額', width: w4, ...yen(f.tax) },
    ],
    22,
    30,
  );
  y += gap;

  // Spouse, dependants, disabled.
  y = groupRow(
    pdf,
    y,
    [
      {
        label: '(源泉)控除対象\n配偶者の有無等',
        width: 64,
        subs: [
          { label: '有', width: 32, ...mark(f.spouseDeductible) },
          { label: '老人', width: 32, ...mark(f.spouseElderly) },
        ],
      },
      { label: '配偶者（特別）\n控除の額', width: 80, value: yenIf(f.spouseDeduction) },
      {
        label: '控除対象扶養親族の数（配偶者を除く）',
        width: 150,
        subs: [
          { label: '特定', width: 45, ...people(f.dependantsSpecified) },
          { label: '老人', width: 60, ...people(f.dependantsElderly), ...inner(f.dependantsElderlyCohabiting, '人') },
          { label: 'その他', width: 45, ...people(f.dependantsGeneral) },
        ],
      },
      { label: '特定親族\nの数', width: 44, value: people(f.specifiedRelatives) },
      { label: '16歳未満\n扶養親族の数', width: 50, value: people(f.dependantsUnder16) },
      {
        label: '障害者の数（本人を除く）',
        width: 88,
        subs: [
          { label: '特別', width: 48, ...people(f.disabledSpecial), ...inner(f.disabledSpecialCohabiting, '人') },
          { label: 'その他', width: 40, ...people(f.disabledGeneral) },
        ],
      },
      { label: '非居住者\nである\n親族の数', width: W - 476, value: { unit: '人' } },
    ],
    { top: 22, sub: 12, value: 26 },
  );
  y += gap;

  // 社会保険料等 … 住宅借入金等特別控除.
  const [q1 = 0, q2 = 0, q3 = 0, q4 = 0] = split(W, 4);
  y = boxRow(
    pdf,
    y,
    [
      { label: '社会保険料等の金額', width: q1, ...yen(f.socialInsurance), ...inner(f.smallBusinessMutualAid, '円') },
      { label: '生命保険料の控除額', width: q2, ...yenIf(f.lifeInsurance) },
      { label: '地震保険料の控除額', width: q3, ...yenIf(f.earthquake) },
      { label: '住宅借入金等特別控除の額', width: q4, ...yenIf(f.housingLoanCredit) },
    ],
    16,
    30,
  );
  y += gap;

  // 摘要.
  const remarksHeight = 58;
  cell(pdf, x0, y, W, remarksHeight);
  pdf.text('（摘要）', x0 + PAD, y + PAD, { size: LABEL_SIZE, color: '#222222' });
  pdf.text(f.notes.join('\n'), x0 + 10, y + 16, { size: 9, width: W - 20, lineGap: 2 });
  y += remarksHeight + gap;

  // 生命保険料の金額の内訳: the premiums declared.
  const head = 62;
  const lifeWidths = split(W - head, 5);
  const lifeBoxes: [string, Yen | undefined][] = [
    ['新生命保険料の金額', f.lifeNewGeneral],
    ['旧生命保険料の金額', f.lifeOldGeneral],
    ['介護医療保険料の金額', f.lifeCareMedical],
    ['新個人年金保険料の金額', f.lifeNewPension],
    ['旧個人年金保険料の金額', f.lifeOldPension],
  ];
  y = headedRow(
    pdf,
    y,
    '生命保険料の\n金額の内訳',
    head,
    lifeBoxes.map(([name, amount], i) => ({ label: name, width: lifeWidths[i] ?? 0, ...yenIf(amount) })),
    36,
  );
  y += gap;

  // 住宅借入金等特別控除の額の内訳: only 可能額 is known (when it exceeds what applied).
  y = headedRow(
    pdf,
    y,
    '住宅借入金等\n特別控除の額\nの内訳',
    head,
    [
      { label: '住宅借入金等特別控除適用数', width: 70 },
      { label: '居住開始年月日', width: 80 },
      { label: '住宅借入金等特別控除区分', width: 95 },
      { label: '住宅借入金等年末残高', width: 90, unit: '円' },
      { label: '住宅借入金等特別控除可能額', width: W - head - 335, ...yenIf(f.housingLoanAvailable) },
    ],
    36,
  );
  y += gap;

  // 配偶者の合計所得 … 特定親族特別控除の額.
  const sixth = split(W, 6);
  const lastRow: [string, Value][] = [
    ['配偶者の合計所得', yen(f.spouseIncome)],
    ['国民年金保険料等の金額', yenIf(f.nationalPension)],
    ['旧長期損害保険料の金額', yenIf(f.earthquakeOldLongTerm)],
    ['基礎控除の額', yen(f.basic)],
    ['所得金額調整控除額', yenIf(f.incomeAdjustment)],
    ['特定親族特別控除の額', yenIf(f.specifiedRelativeDeduction)],
  ];
  y = boxRow(
    pdf,
    y,
    lastRow.map(([name, v], i) => ({ label: name, width: sixth[i] ?? 0, ...v })),
    16,
    28,
  );
  y += gap;

  // Flags, 中途就・退職, 受給者生年月日.
  const flag = 32;
  y = groupRow(
    pdf,
    y,
    [
      { label: '未成年者', width: flag, value: mark(f.minor) },
      { label: '外国人', width: flag },
      { label: '死亡退職', width: flag },
      { label: '災害者', width: flag },
      { label: '乙欄', width: flag, value: mark(f.otsu) },
      {
        label: '本人が障害者',
        width: 2 * flag,
        subs: [
          { label: '特別', width: flag, ...mark(f.selfSpecialDisabled) },
          { label: 'その他', width: flag },
        ],
      },
      { label: '寡婦', width: flag, value: mark(f.widow) },
      { label: 'ひとり親', width: flag, value: mark(f.singleParent) },
      { label: '勤労学生', width: flag, value: mark(f.workingStudent) },
      {
        label: '中途就・退職',
        width: 84,
        subs: [
          { label: '就職', width: 20 },
          { label: '退職', width: 20 },
          { label: '年月日', width: 44 },
        ],
      },
      { label: '受給者生年月日', width: W - 10 * flag - 84, value: { text: formatWareki(f.birthDate), align: 'center', size: 9.5 } },
    ],
    { top: 16, sub: 12, value: 24, labelSize: 6 },
  );
  y += gap;

  // 支払者.
  const payerHeight = 52;
  sideHeading(pdf, '支払者', x0, y, side, payerHeight);
  const payerLabel = 80;
  const rows: [string, string | undefined][] = [
    ['住所（居所）\n又は所在地', o.payer?.address],
    ['氏名又は名称', o.payer?.name],
  ];
  let py = y;
  for (const [name, text] of rows) {
    label(pdf, name, x0 + side, py, payerLabel, payerHeight / 2);
    cell(pdf, x0 + side + payerLabel, py, W - side - payerLabel, payerHeight / 2);
    if (text) pdf.text(text, x0 + side + payerLabel + 6, py + 7, { size: 10, width: W - side - payerLabel - 130 });
    py += payerHeight / 2;
  }
  if (o.payer?.phone) {
    pdf.text(`（電話）${o.payer.phone}`, x0 + W - 124, y + payerHeight / 2 + 8, { size: 9, width: 120, align: 'right' });
  }
  y += payerHeight + 10;
  pdf.text(
    '受給者交付用のため個人番号は記載していません。空欄の箇所は該当なし、または入力にない項目です。 / No My Number on the recipient’s copy; a blank box is not applicable or not in the input.',
    x0,
    y,
    { size: 6.5, width: W, color: '#555555' },
  );
  return pdf.finish();
}
