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
 * (年調未済 and why; 前職分), 中途就・退職 (就職 or 退職 marked, with the day, for an employee who joined or left in
 * the year: employees' joined_on, left_on) and the 支払者. As on the official form a box is blank for none, except
 * the four main amounts, 社会保険料等, 基礎控除 and 配偶者の合計所得 (when a spouse deduction applies).
 *
 * No 個人番号 is printed: this is the employee's copy, and no input holds one. Boxes of the official
 * form for which the input has no data are drawn empty, to be filled by hand where they apply:
 * 外国人, 死亡退職, 災害者, 非居住者である親族の数, and the 住宅借入金等特別控除 breakdown
 * (適用数, 居住開始年月日, 区分, 年末残高 — the declaration gives only the credit), and the 区分 of a named
 * relative (for one living abroad). The spouse and the first four 控除対象扶養親族 and 16歳未満の扶養親族
 * are named in their rows when the declarations name them (the fifth and after in 摘要).
 *
 * 障害者の数（本人を除く）: 特別 is the declared 特別障害者 and 同居特別障害者 less the employee when the
 * employee is one (内 = 同居特別障害者); その他 is the declared 障害者 count as it stands, since the
 * declaration has no field saying the employee is an ordinary 障害者 — so 本人が障害者 その他 is never
 * marked, and an employee who is an ordinary 障害者 is counted in その他.
 *
 * An employee not adjusted (乙欄, pay over 20,000,000) gets 支払金額 and 源泉徴収税額 only, every
 * other amount and count blank, and 年調未済 in 摘要 with the reason.
 *
 * The form — rules, label bands, labels, units — is the same on every slip: it is laid out once per
 * font and drawn once per process as a stamp (PdfWriter.stamp) that later slips repeat, so a slip
 * lays out, measures and compresses only its own figures.
 */
import { formatWareki, formatWarekiShort, toWareki } from '../../dates/wareki.js';
import { formatYen, type Yen } from '../../money/yen.js';
import { type Align, type PdfFontBytes, PdfWriter, type TextStyle } from '../../pdf/document.js';
import type { Payer } from './payer.js';
import { NAMED_ROWS, type WithholdingItems, withholdingItems } from './report.js';
import type { NamedPerson } from './compute.js';
import type { YearEndEmployee } from './run.js';

export interface WithholdingSlipOptions {
  readonly fonts: PdfFontBytes;
  /** 年分 (calendar year of the pay). */
  readonly year: number;
  /** 支払者: printed at the foot; without it the box stays empty. */
  readonly payer?: Payer;
}

/** A value box's content: the amount or count, and the 内 figure printed at its left. */
interface Value {
  readonly text?: string;
  readonly inner?: string;
  readonly align?: Align;
  readonly size?: number;
  /** Measured into its box, smaller or on two lines (a name, as long as the input allows): fitted(). */
  readonly fit?: boolean;
}

/** A value box: its unit (printed at the top right) and its content, fixed or read from the items. */
interface Cell {
  readonly unit?: '円' | '人';
  readonly fixed?: Value;
  readonly value?: (f: WithholdingItems) => Value;
}

/** One box of a labelled row: a label band above, the value below. */
interface Box extends Cell {
  readonly label: string;
  readonly width: number;
}

/** A box of a two-level header: a group label over sub-boxes, or one box under a label of full height. */
interface Group {
  readonly label: string;
  readonly width: number;
  readonly subs?: readonly Box[];
  readonly cell?: Cell;
}

type Rect = readonly [x: number, y: number, w: number, h: number];

/** Fixed text and where it goes. */
interface FixedText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly style: TextStyle;
}

/** Where a value box's content goes. */
interface Slot extends Cell {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The part of the slip that is the same on every slip — the rules, the label bands and every label —
 * laid out once per font (labels are measured to centre them), and where the values go.
 */
interface Form {
  readonly bands: readonly Rect[];
  /** Every box, bands included: the rules. */
  readonly rules: readonly Rect[];
  /** Fixed text, by colour (fewer colour changes). */
  readonly texts: readonly FixedText[];
  readonly slots: readonly Slot[];
  /** Top of the 支払を受ける者 block, of 摘要, and of the 支払者 block. */
  readonly recipientY: number;
  readonly remarksY: number;
  readonly payerY: number;
}

const LABEL_SIZE = 6.5;
const LABEL_FILL = '#eef1f5';
const RULE = '#555555';
const INK = '#222222';
const PAD = 3;
const GAP = 5;
/** 支払を受ける者 and 支払者: the side heading's width, the block heights. */
const SIDE = 20;
const ADDRESS_WIDTH = 285;
const RECIPIENT_HEIGHT = 80;
const RIGHT_LABEL = 52;
/** 受給者番号, フリガナ, 氏名: label, row height, font size. */
const RIGHT_ROWS: readonly (readonly [string, number, number])[] = [
  ['受給者番号', 20, 9],
  ['フリガナ', 18, 8],
  ['氏名', RECIPIENT_HEIGHT - 38, 13],
];
const REMARKS_HEIGHT = 58;
const PAYER_HEIGHT = 52;
const PAYER_LABEL = 80;
const PAYER_ROWS = ['住所（居所）\n又は所在地', '氏名又は名称'];

/** The items of a type: amounts and counts (numbers), flags. */
type Item<T> = { [K in keyof WithholdingItems]-?: WithholdingItems[K] extends T | undefined ? K : never }[keyof WithholdingItems];

const NONE: Value = {};
const MARK: Value = { text: '○', align: 'center', size: 11 };
/** An amount, or an empty box when there is none; `inner` is the 内 amount (小規模企業共済等掛金). */
const yen = (item: Item<Yen>, inner?: Item<Yen>, blankZero = false): Cell => ({
  unit: '円',
  value: (f) => {
    const n = f[item];
    const text = n === undefined || (blankZero && n === 0) ? undefined : formatYen(n);
    const i = inner && f[inner];
    if (i) return text === undefined ? { inner: `${formatYen(i)}円` } : { text, inner: `${formatYen(i)}円` };
    return text === undefined ? NONE : { text };
  },
});
/** An amount printed only when there is one (the official form leaves a box blank for none). */
const yenIf = (item: Item<Yen>): Cell => yen(item, undefined, true);
/** A count, blank for none; `inner` is the 同居 count. */
const people = (item: Item<number>, inner?: Item<number>): Cell => ({
  unit: '人',
  value: (f) => {
    const n = f[item];
    const i = inner && f[inner];
    if (i) return n ? { text: String(n), inner: `${formatYen(i)}人` } : { inner: `${formatYen(i)}人` };
    return n ? { text: String(n) } : NONE;
  },
});
const mark = (item: Item<boolean>): Cell => ({ value: (f) => (f[item] ? MARK : NONE) });
/** A named person's 氏名 or フリガナ, left-aligned, smaller when long. */
const personCell = (who: (f: WithholdingItems) => NamedPerson | undefined, part: 'name' | 'kana'): Cell => ({
  value: (f) => {
    const text = who(f)?.[part] ?? '';
    if (text === '') return NONE;
    return { text, align: 'left', size: part === 'kana' ? 6.5 : 9, fit: true };
  },
});
/**
 * 中途就・退職 年月日: the day the employee left in the year, else the day they joined (one who
 * joined and left in the year has one box for both: the form asks for the later, 退職).
 */
const movedOn = (f: WithholdingItems): Value => {
  const day = f.leftOn ?? f.joinedOn;
  return day ? { text: formatWarekiShort(day), align: 'center', size: 7 } : NONE;
};

/** One named person's row: フリガナ, 氏名 and 区分. */
const PERSON_ROW = 23;
/** A box the input has no data for, to be filled by hand. */
const empty = (unit?: '円' | '人'): Cell => (unit ? { unit } : {});

/** 令和8年分 from the year. */
function yearLabel(year: number): string {
  const w = toWareki(`${year}-12-31`);
  return `${w.era.name}${w.year === 1 ? '元' : w.year}年分`;
}

/** A value box's figure: at the bottom, right-aligned unless the value says otherwise. */
function figure(v: Value, x: number, y: number, w: number, h: number): FixedText | undefined {
  if (v.text === undefined) return undefined;
  const size = v.size ?? 10.5;
  return { text: v.text, x: x + PAD, y: y + h - size - 4, style: { size, width: w - 2 * PAD, align: v.align ?? 'right' } };
}

/** Smallest type a name or 摘要 is set in. */
const MIN_SIZE = 4.5;

/**
 * A name in its box, measured: on one line at its size or smaller, else on two lines, else cut
 * with … (a name of 40 characters in a dependant's box is set on two lines).
 */
function fitted(pdf: PdfWriter, v: Value, s: Slot): FixedText | undefined {
  const text = v.text;
  if (text === undefined) return undefined;
  const room = s.w - 2 * PAD;
  const size = v.size ?? 10.5;
  const at = (n: number) => pdf.widthOf(text, { size: n });
  const one = Math.min(size, (size * room) / at(size));
  const style = (n: number) => ({ size: n, width: room, align: v.align ?? ('left' as Align) });
  if (one >= 6) return { text, x: s.x + PAD, y: s.y + s.h - one - 4, style: style(one) };
  // Two lines below the box's label (7 points).
  const two = Math.max(MIN_SIZE, Math.min(size, (size * room * 1.8) / at(size), (s.h - 9) / 2.3));
  let shown = text;
  while ([...shown].length > 1 && pdf.heightOf(shown, { size: two, width: room }) > 2 * two * 1.3)
    shown = `${[...shown].slice(0, -2).join('')}…`;
  return { text: shown, x: s.x + PAD, y: s.y + 7.5, style: style(two) };
}

/** 摘要 in its box: smaller type for more, and cut with 「…（以下略）」 when even the smallest does not hold it. */
function remarks(pdf: PdfWriter, notes: string, width: number, height: number): { text: string; size: number } {
  const fits = (text: string, size: number) => pdf.heightOf(text, { size, width, lineGap: 1 }) <= height;
  for (const size of [9, 8, 7, 6, 5, MIN_SIZE]) if (fits(notes, size)) return { text: notes, size };
  const chars = [...notes];
  const cut = (n: number) => `${chars.slice(0, n).join('')}…（以下略）`;
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(cut(mid), MIN_SIZE)) lo = mid;
    else hi = mid - 1;
  }
  return { text: cut(lo), size: MIN_SIZE };
}

/** Equal widths for `n` boxes over `total`, the last taking what rounding leaves. */
function split(total: number, n: number): number[] {
  const w = Math.floor((total / n) * 100) / 100;
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - w * (n - 1) : w));
}

/** Lays the form out, measuring its labels with `pdf` (nothing is drawn). */
class FormLayout {
  readonly bands: Rect[] = [];
  readonly rules: Rect[] = [];
  readonly texts: FixedText[] = [];
  readonly slots: Slot[] = [];

  constructor(readonly pdf: PdfWriter) {}

  /** Fixed text at (x, y). */
  text(text: string, x: number, y: number, style: TextStyle): void {
    this.texts.push({ text, x, y, style });
  }

  /** A box outline; filled as a label band when `band`. */
  box(x: number, y: number, w: number, h: number, band = false): void {
    this.rules.push([x, y, w, h]);
    if (band) this.bands.push([x, y, w, h]);
  }

  /**
   * Lines centred across a box and together in its height: each `\n`-separated line is placed on its
   * own (pdfkit centres the lines of one wrapped text unevenly), and one too long for the width wraps.
   */
  centred(text: string, x: number, y: number, w: number, h: number, size: number): void {
    const style = { size, width: w, align: 'center' as const, color: INK };
    const lines = text.split('\n').map((t) => ({ t, h: this.pdf.heightOf(t, style) }));
    let ly = y + Math.max(1, (h - lines.reduce((sum, l) => sum + l.h, 0)) / 2);
    for (const l of lines) {
      this.text(l.t, x, ly, style);
      ly += l.h;
    }
  }

  /** A label band: filled box, the label centred in it. */
  label(text: string, x: number, y: number, w: number, h: number, size = LABEL_SIZE): void {
    this.box(x, y, w, h, true);
    this.centred(text, x + PAD, y, w - 2 * PAD, h, size);
  }

  /** A value box: unit at the top right, a fixed figure, or the place of the value. */
  cell(c: Cell, x: number, y: number, w: number, h: number): void {
    this.box(x, y, w, h);
    if (c.unit) this.text(c.unit, x + PAD, y + 1.5, { size: 6, width: w - 2 * PAD, align: 'right', color: '#444444' });
    const fixed = c.fixed && figure(c.fixed, x, y, w, h);
    if (fixed) this.texts.push(fixed);
    if (c.value) this.slots.push({ ...c, x, y, w, h });
  }

  /** A label band over a row of value boxes; returns the y below. */
  boxRow(y: number, boxes: readonly Box[], labelHeight: number, valueHeight: number): number {
    let x = this.pdf.left;
    for (const b of boxes) {
      this.label(b.label, x, y, b.width, labelHeight);
      this.cell(b, x, y + labelHeight, b.width, valueHeight);
      x += b.width;
    }
    return y + labelHeight + valueHeight;
  }

  /** A two-level label band (group over sub-labels) over the value boxes; returns the y below. */
  groupRow(y: number, groups: readonly Group[], heights: { top: number; sub: number; value: number; labelSize?: number }): number {
    const { top, sub, value: valueHeight, labelSize = LABEL_SIZE } = heights;
    let x = this.pdf.left;
    for (const g of groups) {
      if (g.subs) {
        this.label(g.label, x, y, g.width, top, labelSize);
        let sx = x;
        for (const s of g.subs) {
          this.label(s.label, sx, y + top, s.width, sub, 6);
          this.cell(s, sx, y + top + sub, s.width, valueHeight);
          sx += s.width;
        }
      } else {
        this.label(g.label, x, y, g.width, top + sub, labelSize);
        this.cell(g.cell ?? {}, x, y + top + sub, g.width, valueHeight);
      }
      x += g.width;
    }
    return y + top + sub + valueHeight;
  }

  /** A row headed by a label cell at the left, its boxes holding label and value in one cell. */
  headedRow(y: number, head: string, headWidth: number, boxes: readonly Box[], h: number): number {
    this.label(head, this.pdf.left, y, headWidth, h);
    let x = this.pdf.left + headWidth;
    for (const b of boxes) {
      this.cell(b, x, y, b.width, h);
      this.text(b.label, x + PAD, y + PAD, { size: 6, width: b.width - 2 * PAD - 8, color: INK });
      x += b.width;
    }
    return y + h;
  }

  /** A value box with its label small at the top left (the named rows' フリガナ, 氏名, 区分). */
  labelled(label: string, c: Cell, x: number, y: number, w: number, h: number): void {
    this.cell(c, x, y, w, h);
    this.text(label, x + PAD, y + 1.5, { size: 5.5, width: w - 2 * PAD, color: INK });
  }

  /** Text set vertically, one character a line (a side heading such as 支払を受ける者). */
  sideHeading(text: string, x: number, y: number, w: number, h: number): void {
    this.box(x, y, w, h, true);
    const chars = [...text];
    // Smaller for a long heading, so that its characters stay inside the box (a line is about 1.4 em).
    this.centred(chars.join('\n'), x, y, w, h, Math.min(7, (h - 4) / (chars.length * 1.4)));
  }
}

/** The form of the slip: every box, label and unit, and the value boxes' places. */
function layOut(pdf: PdfWriter): Form {
  const form = new FormLayout(pdf);
  const x0 = pdf.left;
  const W = pdf.contentWidth;
  let y = pdf.top;

  form.text('（受給者交付用）', x0, y + 5, { size: 9, width: W, align: 'right' });
  y += 40;

  // 支払を受ける者: 住所 at the left; 受給者番号, フリガナ, 氏名 at the right.
  const recipientY = y;
  const rightX = x0 + SIDE + ADDRESS_WIDTH;
  const rightWidth = W - SIDE - ADDRESS_WIDTH;
  form.sideHeading('支払を受ける者', x0, y, SIDE, RECIPIENT_HEIGHT);
  form.box(x0 + SIDE, y, ADDRESS_WIDTH, RECIPIENT_HEIGHT);
  form.text('住所又は居所', x0 + SIDE + PAD, y + PAD, { size: LABEL_SIZE, color: INK });
  let ry = y;
  for (const [name, h] of RIGHT_ROWS) {
    form.label(name, rightX, ry, RIGHT_LABEL, h);
    form.box(rightX + RIGHT_LABEL, ry, rightWidth - RIGHT_LABEL, h);
    ry += h;
  }
  y += RECIPIENT_HEIGHT + GAP;

  // 種別 … 源泉徴収税額.
  const [w1 = 0, w2 = 0, w3 = 0, w4 = 0] = split(W - 71, 4);
  y = form.boxRow(
    y,
    [
      { label: '種別', width: 71, fixed: { text: '給料・賞与', align: 'center', size: 10 } },
      { label: '支払金額', width: w1, ...yen('totalPay') },
      { label: '給与所得控除後の金額\n（調整控除後）', width: w2, ...yen('employmentIncome') },
      { label: '所得控除の額の合計額', width: w3, ...yen('totalDeductions') },
      { label: '源泉徴収税額', width: w4, ...yen('tax') },
    ],
    22,
    30,
  );
  y += GAP;

  // Spouse, dependants, disabled.
  y = form.groupRow(
    y,
    [
      {
        label: '(源泉)控除対象\n配偶者の有無等',
        width: 64,
        subs: [
          { label: '有', width: 32, ...mark('spouseDeductible') },
          { label: '老人', width: 32, ...mark('spouseElderly') },
        ],
      },
      { label: '配偶者（特別）\n控除の額', width: 80, cell: yenIf('spouseDeduction') },
      {
        label: '控除対象扶養親族の数（配偶者を除く）',
        width: 150,
        subs: [
          { label: '特定', width: 45, ...people('dependantsSpecified') },
          { label: '老人', width: 60, ...people('dependantsElderly', 'dependantsElderlyCohabiting') },
          { label: 'その他', width: 45, ...people('dependantsGeneral') },
        ],
      },
      { label: '特定親族\nの数', width: 44, cell: people('specifiedRelatives') },
      { label: '16歳未満\n扶養親族の数', width: 50, cell: people('dependantsUnder16') },
      {
        label: '障害者の数（本人を除く）',
        width: 88,
        subs: [
          { label: '特別', width: 48, ...people('disabledSpecial', 'disabledSpecialCohabiting') },
          { label: 'その他', width: 40, ...people('disabledGeneral') },
        ],
      },
      { label: '非居住者\nである\n親族の数', width: W - 476, cell: empty('人') },
    ],
    { top: 22, sub: 12, value: 26 },
  );
  y += GAP;

  // 社会保険料等 … 住宅借入金等特別控除.
  const [q1 = 0, q2 = 0, q3 = 0, q4 = 0] = split(W, 4);
  y = form.boxRow(
    y,
    [
      { label: '社会保険料等の金額', width: q1, ...yen('socialInsurance', 'smallBusinessMutualAid') },
      { label: '生命保険料の控除額', width: q2, ...yenIf('lifeInsurance') },
      { label: '地震保険料の控除額', width: q3, ...yenIf('earthquake') },
      { label: '住宅借入金等特別控除の額', width: q4, ...yenIf('housingLoanCredit') },
    ],
    16,
    30,
  );
  y += GAP;

  // 摘要.
  const remarksY = y;
  form.box(x0, y, W, REMARKS_HEIGHT);
  form.text('（摘要）', x0 + PAD, y + PAD, { size: LABEL_SIZE, color: INK });
  y += REMARKS_HEIGHT + GAP;

  // 生命保険料の金額の内訳: the premiums declared.
  const head = 62;
  const lifeWidths = split(W - head, 5);
  const lifeBoxes: [string, Item<Yen>][] = [
    ['新生命保険料の金額', 'lifeNewGeneral'],
    ['旧生命保険料の金額', 'lifeOldGeneral'],
    ['介護医療保険料の金額', 'lifeCareMedical'],
    ['新個人年金保険料の金額', 'lifeNewPension'],
    ['旧個人年金保険料の金額', 'lifeOldPension'],
  ];
  y = form.headedRow(
    y,
    '生命保険料の\n金額の内訳',
    head,
    lifeBoxes.map(([name, amount], i) => ({ label: name, width: lifeWidths[i] ?? 0, ...yenIf(amount) })),
    36,
  );
  y += GAP;

  // 住宅借入金等特別控除の額の内訳: only 可能額 is known (when it exceeds what applied).
  y = form.headedRow(
    y,
    '住宅借入金等\n特別控除の額\nの内訳',
    head,
    [
      { label: '住宅借入金等特別控除適用数', width: 70 },
      { label: '居住開始年月日', width: 80 },
      { label: '住宅借入金等特別控除区分', width: 95 },
      { label: '住宅借入金等年末残高', width: 90, ...empty('円') },
      { label: '住宅借入金等特別控除可能額', width: W - head - 335, ...yenIf('housingLoanAvailable') },
    ],
    36,
  );
  y += GAP;

  // 配偶者の合計所得 … 特定親族特別控除の額.
  const sixth = split(W, 6);
  const lastRow: [string, Cell][] = [
    ['配偶者の合計所得', yen('spouseIncome')],
    ['国民年金保険料等の金額', yenIf('nationalPension')],
    ['旧長期損害保険料の金額', yenIf('earthquakeOldLongTerm')],
    ['基礎控除の額', yen('basic')],
    ['所得金額調整控除額', yenIf('incomeAdjustment')],
    ['特定親族特別控除の額', yenIf('specifiedRelativeDeduction')],
  ];
  y = form.boxRow(
    y,
    lastRow.map(([name, c], i) => ({ label: name, width: sixth[i] ?? 0, ...c })),
    16,
    28,
  );
  y += GAP;

  // (源泉・特別)控除対象配偶者, 控除対象扶養親族 1–4 and 16歳未満の扶養親族 1–4 by name. 区分 is for
  // a relative living abroad (非居住者), which no input holds: left blank.
  const personHead = 62;
  const kubun = 28;
  const [spouseKana = 0, spouseName = 0] = split(W - personHead - kubun, 2);
  form.label('(源泉・特別)\n控除対象配偶者', x0, y, personHead, PERSON_ROW);
  form.labelled(
    'フリガナ',
    personCell((f) => f.spouse, 'kana'),
    x0 + personHead,
    y,
    spouseKana,
    PERSON_ROW,
  );
  form.labelled(
    '氏名',
    personCell((f) => f.spouse, 'name'),
    x0 + personHead + spouseKana,
    y,
    spouseName,
    PERSON_ROW,
  );
  form.labelled('区分', {}, x0 + W - kubun, y, kubun, PERSON_ROW);
  y += PERSON_ROW + GAP;
  const half = W / 2;
  const number = 12;
  const [kanaWidth = 0, nameWidth = 0] = split(half - SIDE - number - kubun, 2);
  const sides: [string, (f: WithholdingItems) => readonly NamedPerson[]][] = [
    ['控除対象扶養親族', (f) => f.dependants],
    ['16歳未満の扶養親族', (f) => f.under16],
  ];
  sides.forEach(([heading, people], k) => {
    const x = x0 + k * half;
    form.sideHeading(heading, x, y, SIDE, NAMED_ROWS * PERSON_ROW);
    for (let i = 0; i < NAMED_ROWS; i++) {
      const ry = y + i * PERSON_ROW;
      form.label(String(i + 1), x + SIDE, ry, number, PERSON_ROW);
      form.labelled(
        'フリガナ',
        personCell((f) => people(f)[i], 'kana'),
        x + SIDE + number,
        ry,
        kanaWidth,
        PERSON_ROW,
      );
      form.labelled(
        '氏名',
        personCell((f) => people(f)[i], 'name'),
        x + SIDE + number + kanaWidth,
        ry,
        nameWidth,
        PERSON_ROW,
      );
      form.labelled('区分', {}, x + half - kubun, ry, kubun, PERSON_ROW);
    }
  });
  y += NAMED_ROWS * PERSON_ROW + GAP;

  // Flags, 中途就・退職, 受給者生年月日.
  const flag = 32;
  y = form.groupRow(
    y,
    [
      { label: '未成年者', width: flag, cell: mark('minor') },
      { label: '外国人', width: flag },
      { label: '死亡退職', width: flag },
      { label: '災害者', width: flag },
      { label: '乙欄', width: flag, cell: mark('otsu') },
      {
        label: '本人が障害者',
        width: 2 * flag,
        subs: [
          { label: '特別', width: flag, ...mark('selfSpecialDisabled') },
          { label: 'その他', width: flag, ...mark('selfDisabled') },
        ],
      },
      { label: '寡婦', width: flag, cell: mark('widow') },
      { label: 'ひとり親', width: flag, cell: mark('singleParent') },
      { label: '勤労学生', width: flag, cell: mark('workingStudent') },
      {
        label: '中途就・退職',
        width: 84,
        subs: [
          { label: '就職', width: 20, value: (f) => (f.joinedOn ? MARK : NONE) },
          { label: '退職', width: 20, value: (f) => (f.leftOn ? MARK : NONE) },
          { label: '年月日', width: 44, value: (f) => movedOn(f) },
        ],
      },
      {
        label: '受給者生年月日',
        width: W - 10 * flag - 84,
        cell: { value: (f) => ({ text: formatWareki(f.birthDate), align: 'center', size: 9.5 }) },
      },
    ],
    { top: 16, sub: 12, value: 24, labelSize: 6 },
  );
  y += GAP;

  // 支払者.
  const payerY = y;
  form.sideHeading('支払者', x0, y, SIDE, PAYER_HEIGHT);
  let py = y;
  for (const name of PAYER_ROWS) {
    form.label(name, x0 + SIDE, py, PAYER_LABEL, PAYER_HEIGHT / 2);
    form.box(x0 + SIDE + PAYER_LABEL, py, W - SIDE - PAYER_LABEL, PAYER_HEIGHT / 2);
    py += PAYER_HEIGHT / 2;
  }
  y += PAYER_HEIGHT + 10;
  form.text(
    '受給者交付用のため個人番号は記載していません。空欄の箇所は該当なし、または入力にない項目です。 / No My Number on the recipient’s copy; a blank box is not applicable or not in the input.',
    x0,
    y,
    { size: 6.5, width: W, color: '#555555' },
  );

  const colour = (t: FixedText) => t.style.color ?? '';
  return {
    bands: form.bands,
    rules: form.rules,
    texts: [...form.texts].sort((a, b) => (colour(a) < colour(b) ? -1 : colour(a) > colour(b) ? 1 : 0)),
    slots: form.slots,
    recipientY,
    remarksY,
    payerY,
  };
}

/** The form, per regular font (the labels are measured in it). */
const forms = new WeakMap<Uint8Array, Form>();

function formFor(pdf: PdfWriter, fonts: PdfFontBytes): Form {
  let form = forms.get(fonts.regular);
  if (!form) {
    form = layOut(pdf);
    forms.set(fonts.regular, form);
  }
  return form;
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
  const form = formFor(pdf, o.fonts);
  const x0 = pdf.left;
  const W = pdf.contentWidth;

  // The form: label bands, rules, labels — drawn on the first slip, repeated on the others.
  pdf.stamp(form, () => {
    pdf.rects(form.bands, { fill: LABEL_FILL });
    pdf.rects(form.rules, { stroke: RULE });
    for (const t of form.texts) pdf.text(t.text, t.x, t.y, t.style);
  });

  // The title and the values.
  pdf.text(title, x0, pdf.top, { size: 16, bold: true, width: W, align: 'center' });
  pdf.text(`Withholding tax statement on employment income, ${o.year} (recipient's copy)`, x0, pdf.top + 24, {
    size: 7,
    width: W,
    align: 'center',
    color: '#555555',
  });
  const y = form.recipientY;
  if (emp.address) pdf.text(emp.address, x0 + SIDE + 8, y + 22, { size: 10, width: ADDRESS_WIDTH - 16, lineGap: 2 });
  const rightX = x0 + SIDE + ADDRESS_WIDTH + RIGHT_LABEL;
  const rightWidth = W - SIDE - ADDRESS_WIDTH - RIGHT_LABEL;
  const rightTexts = [emp.employee_id, emp.name_kana, emp.name];
  let ry = y;
  RIGHT_ROWS.forEach(([, h, size], i) => {
    const text = rightTexts[i];
    if (text) pdf.text(text, rightX + 6, ry + (h - size) / 2 - 1, { size, width: rightWidth - 12 });
    ry += h;
  });
  const inners: [Slot, string][] = [];
  for (const s of form.slots) {
    const v = s.value?.(f) ?? NONE;
    if (v.inner !== undefined) inners.push([s, v.inner]);
    const t = v.fit ? fitted(pdf, v, s) : figure(v, s.x, s.y, s.w, s.h);
    if (t) pdf.text(t.text, t.x, t.y, t.style);
  }
  for (const [s, text] of inners) pdf.text(`内 ${text}`, s.x + PAD, s.y + 1.5, { size: 7, color: INK });
  const notes = remarks(pdf, f.notes.join('\n'), W - 20, REMARKS_HEIGHT - 19);
  pdf.text(notes.text, x0 + 10, form.remarksY + 16, { size: notes.size, width: W - 20, lineGap: 1 });
  let py = form.payerY;
  for (const text of [o.payer?.address, o.payer?.name]) {
    if (text) pdf.text(text, x0 + SIDE + PAYER_LABEL + 6, py + 7, { size: 10, width: W - SIDE - PAYER_LABEL - 130 });
    py += PAYER_HEIGHT / 2;
  }
  if (o.payer?.phone) {
    pdf.text(`（電話）${o.payer.phone}`, x0 + W - 124, form.payerY + PAYER_HEIGHT / 2 + 8, { size: 9, width: 120, align: 'right' });
  }
  return pdf.finish();
}
