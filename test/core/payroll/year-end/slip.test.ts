import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../../functions/fonts.js';
import { EMPTY_DECLARATION, yearEnd } from '../../../../core/payroll/year-end/index.js';
import type { Payer } from '../../../../core/payroll/year-end/payer.js';
import { renderWithholdingSlip } from '../../../../core/payroll/year-end/slip.js';
import { extractText, type WordBox, wordBoxes } from '../../../helpers/pdf.js';
import { sampleEmployee } from './sample-run.js';

const payer: Payer = { name: '株式会社ウラカタ', address: '東京都港区芝公園4-2-8', phone: '03-1234-5678' };
const fonts = japaneseFonts();
const slip = (id: string, p: Payer | null = payer) =>
  renderWithholdingSlip(sampleEmployee(id), { fonts, year: 2026, ...(p ? { payer: p } : {}) });
/** The text layer, runs of layout spaces made one. */
const text = async (pdf: Promise<Uint8Array>) => extractText(await pdf).replace(/[ \t]+/g, ' ');
/** The text of a sample employee's slip with these changes to their employees row (a 入社日, a 退職日). */
const slipWith = (id: string, changes: { joined_on?: string; left_on?: string }) => {
  const e = sampleEmployee(id);
  return text(renderWithholdingSlip({ ...e, employee: { ...e.employee, ...changes } }, { fonts, year: 2026, payer }));
};
/** Every amount printed with thousands separators, in reading order. */
const amounts = (t: string) => t.match(/\d{1,3}(?:,\d{3})+/g) ?? [];

describe('給与所得の源泉徴収票 (受給者交付用)', () => {
  it('prints every figure of the NTA worked example', async () => {
    const t = await text(slip('E001'));
    expect(t).toContain('令和8年分 給与所得の源泉徴収票');
    expect(t).toContain('（受給者交付用）');
    expect(t).toContain('東京都千代田区霞が関3-1-1');
    expect(t).toContain('山田 太郎');
    expect(t).toContain('ヤマダ タロウ');
    expect(t).toContain('給料・賞与');
    expect(t).toContain('昭和53年4月12日');
    const printed = amounts(t);
    for (const a of [
      '8,970,000', // 支払金額
      '6,973,000', // 給与所得控除後の金額（調整控除後）: ⑨ 7,020,000 − ⑩ 47,000
      '4,826,102', // 所得控除の額の合計額
      '41,400', // 源泉徴収税額 = ㉖
      '1,386,102', // 社会保険料等の金額
      '120,000', // 生命保険料の控除額
      '50,000', // 地震保険料の控除額
      '380,000', // 配偶者控除
      '410,000', // 特定親族特別控除
      '620,000', // 基礎控除
      '47,000', // 所得金額調整控除額
      '76,500', // 住宅借入金等特別控除の額
      '150,000', // 新生命保険料の金額
      '100,000', // 介護医療, 新個人年金
    ]) {
      expect(printed).toContain(a);
    }
    // 住宅借入金等特別控除可能額 is not printed: the whole credit applied.
    expect(printed.filter((a) => a === '76,500')).toHaveLength(1);
    // The withheld tax and the refund are not on the slip.
    expect(printed).not.toContain('156,670');
    expect(printed).not.toContain('115,270');
    expect(t).not.toContain('年調未済');
    // 有 (控除対象配偶者).
    expect(t.match(/○/g)).toHaveLength(1);
    expect(t).toContain('株式会社ウラカタ');
    expect(t).toContain('（電話）03-1234-5678');
  });

  it('an employee not adjusted gets 支払金額 and the tax withheld only, and 年調未済 with the reason', async () => {
    const t = await text(slip('E002'));
    expect(amounts(t)).toEqual(['1,200,000', '36,000']);
    expect(t).toContain('年調未済 乙欄（扶養控除等申告書の提出なし）のため年末調整の対象外');
    // 乙欄 marked, nothing else.
    expect(t.match(/○/g)).toHaveLength(1);
    expect(t).toContain('平成2年11月3日');
  });

  it('marks 中途就・退職 退職 with the day for an employee who left in the year (it was only in 摘要)', async () => {
    const t = await slipWith('E002', { left_on: '2026-06-30' });
    expect(t).toContain('R8.6.30');
    // 乙欄 and 退職 marked.
    expect(t.match(/○/g)).toHaveLength(2);
    // A day of another year is not this year's 中途退職.
    const later = await slipWith('E002', { left_on: '2027-01-15' });
    expect(later).not.toContain('R9.1.15');
    expect(later.match(/○/g)).toHaveLength(1);
  });

  it('names the spouse, four dependants and four under 16 in their rows, the fifth and after in 摘要', async () => {
    const person = (name: string, kana: string) => ({ name, kana });
    const declaration = {
      ...EMPTY_DECLARATION,
      spouseIncome: 0,
      spouse: person('山田 花子', 'ヤマダ ハナコ'),
      dependantsGeneral: 5,
      dependants: ['一郎', '二郎', '三郎', '四郎', '五郎'].map((n) => person(`山田 ${n}`, '')),
      dependantsUnder16: 1,
      under16: [person('山田 ハル', 'ヤマダ ハル')],
    };
    const result = yearEnd({
      year: 2026,
      taxColumn: 'kou',
      totalPay: 5_000_000,
      withheldTax: 100_000,
      socialInsurance: 700_000,
      declaration,
    });
    const t = await text(renderWithholdingSlip({ ...sampleEmployee('E001'), declaration, result }, { fonts, year: 2026 }));
    for (const name of ['山田 花子', 'ヤマダ ハナコ', '山田 一郎', '山田 四郎', '山田 ハル', 'ヤマダ ハル']) expect(t).toContain(name);
    expect(t).toContain('5人目以降の控除対象扶養親族: 山田 五郎');
    // Not adjusted: the counts and names are not on the slip.
    const e002 = sampleEmployee('E002');
    const otsu = await text(renderWithholdingSlip({ ...e002, declaration }, { fonts, year: 2026 }));
    expect(otsu).not.toContain('山田 花子');
  });

  describe('long and many names stay on one page, each in its box', () => {
    const person = (name: string, kana = '') => ({ name, kana });
    const slipOf = async (dependants: string[], under16: string[], prevPay = 0) => {
      const declaration = {
        ...EMPTY_DECLARATION,
        dependantsGeneral: dependants.length,
        dependants: dependants.map((n) => person(n)),
        dependantsUnder16: under16.length,
        under16: under16.map((n) => person(n)),
        prevPay,
        prevWithheldTax: prevPay > 0 ? 20_000 : 0,
      };
      const result = yearEnd({
        year: 2026,
        taxColumn: 'kou',
        totalPay: 5_000_000,
        withheldTax: 100_000,
        socialInsurance: 700_000,
        declaration,
      });
      return wordBoxes(await renderWithholdingSlip({ ...sampleEmployee('E001'), declaration, result }, { fonts, year: 2026 }));
    };
    const top = (words: readonly WordBox[], text: string) => words.find((w) => w.text.startsWith(text))?.yMin ?? Number.NaN;

    it('摘要 takes a 前職分 and six of each, with long names, above 生命保険料の金額の内訳', async () => {
      const long = (i: number) => `長谷川${'あ'.repeat(18)}${i}`;
      const words = await slipOf([1, 2, 3, 4, 5, 6].map(long), [1, 2, 3, 4, 5, 6].map(long), 600_000);
      expect(new Set(words.map((w) => w.page))).toEqual(new Set([1]));
      const notes = words.filter((w) => w.text.includes('人目以降') || w.text.includes('前職分'));
      expect(notes.length).toBeGreaterThanOrEqual(2);
      // Every word of the notes (between 摘要 and the named rows) ends above the box below 摘要.
      const remarks = top(words, '（摘要）');
      const below = words.find((w) => w.text.startsWith('生命保険料の') && w.yMin > remarks)?.yMin ?? Number.NaN;
      const noted = words.filter(
        (x) => x.text.includes('あ') && x.yMin > top(words, '（摘要）') && x.yMin < top(words, '配偶者の合計所得'),
      );
      expect(noted.length).toBeGreaterThan(0);
      for (const w of noted) expect(w.yMax).toBeLessThan(below);
    });

    it('99 names of 40 characters: one page, 摘要 cut with 以下略', async () => {
      const names = Array.from({ length: 99 }, (_, i) => `${'名'.repeat(38)}${String(i).padStart(2, '0')}`);
      const words = await slipOf(names, []);
      expect(new Set(words.map((w) => w.page))).toEqual(new Set([1]));
      expect(words.some((w) => w.text.includes('以下略'))).toBe(true);
      // The first four in their rows: made small, and still of a readable size.
      const inRow = words.find((w) => w.text.startsWith('名名名') && w.yMin > top(words, '1'));
      expect(inRow).toBeDefined();
      expect((inRow?.yMax ?? 0) - (inRow?.yMin ?? 0)).toBeGreaterThanOrEqual(4);
    });

    it('the side heading 16歳未満の扶養親族 ends above the flags row', async () => {
      const words = await slipOf([], []);
      const heading = words.filter((w) => w.text === '族');
      expect(heading.length).toBeGreaterThan(0);
      // Above the flags row's label band, which starts about 5 points above its centred label.
      for (const w of heading) expect(w.yMax).toBeLessThanOrEqual(top(words, '未成年者') - 5);
    });
  });

  it('marks 中途就・退職 就職 with the day for an employee who joined in the year (joined_on), not one who joined before', async () => {
    const joined = await slipWith('E003', { joined_on: '2026-04-01' });
    expect(joined).toContain('R8.4.1');
    // The minor and 就職 marked.
    expect(joined.match(/○/g)).toHaveLength(2);
    const before = await slipWith('E003', { joined_on: '2025-04-01' });
    expect(before).not.toContain('R7.4.1');
    expect(before.match(/○/g)).toHaveLength(1);
  });

  it('shows 前職分 in 摘要 and marks a minor (under 18 on 31 December)', async () => {
    const t = await text(slip('E003'));
    expect(t).toContain('前職分 支払金額 600,000円 源泉徴収税額 12,000円 社会保険料 90,000円');
    // 支払金額 includes the previous employer's pay.
    expect(amounts(t)[0]).toBe('2,000,000');
    expect(t.match(/○/g)).toHaveLength(1);
  });

  it('counts 障害者 without the employee, and marks the employee as 特別障害者', async () => {
    const declaration = { ...EMPTY_DECLARATION, disabledSpecial: 2, disabledSpecialCohabiting: 1, selfSpecialDisabled: true };
    const result = yearEnd({
      year: 2026,
      taxColumn: 'kou',
      totalPay: 5_000_000,
      withheldTax: 100_000,
      socialInsurance: 700_000,
      declaration,
    });
    const lines = (await text(renderWithholdingSlip({ ...sampleEmployee('E001'), declaration, result }, { fonts, year: 2026 }))).split(
      '\n',
    );
    // 特別 2 (two 特別障害者 and one 同居特別障害者, the employee not counted), 内 (同居) 1.
    const units = lines.findIndex((l) => l.includes('内 1人'));
    expect(lines[units + 2]?.trim()).toBe('2');
    expect(lines.join('\n').match(/○/g)).toHaveLength(1);
  });

  it('marks the employee as 障害者 その他 and leaves them out of the count; a refused ひとり親 is not marked', async () => {
    const declaration = { ...EMPTY_DECLARATION, disabledGeneral: 1, selfDisabled: true, singleParent: true };
    const result = yearEnd({ year: 2026, taxColumn: 'kou', totalPay: 8_000_000, withheldTax: 300_000, socialInsurance: 0, declaration });
    const t = await text(renderWithholdingSlip({ ...sampleEmployee('E001'), declaration, result }, { fonts, year: 2026 }));
    // One mark: 本人が障害者 その他. ひとり親 was refused (合計所得 6,100,000 over 5,000,000).
    expect(t.match(/○/g)).toHaveLength(1);
    const withSingleParent = { ...declaration, disabledGeneral: 1, selfDisabled: false };
    const lower = yearEnd({
      year: 2026,
      taxColumn: 'kou',
      totalPay: 4_000_000,
      withheldTax: 100_000,
      socialInsurance: 0,
      declaration: withSingleParent,
    });
    const u = await text(
      renderWithholdingSlip({ ...sampleEmployee('E001'), declaration: withSingleParent, result: lower }, { fonts, year: 2026 }),
    );
    expect(u.match(/○/g)).toHaveLength(1);
  });

  it('never prints a 個人番号: no 12-digit number anywhere on the employee’s copy', async () => {
    for (const id of ['E001', 'E002', 'E003']) {
      const pdf = await slip(id);
      const t = extractText(pdf);
      expect(t).not.toMatch(/\d{12}/);
      // Nor split by the usual separators (1234-5678-9012, 1234 5678 9012).
      expect(t).not.toMatch(/\d{4}[ \-－]\d{4}[ \-－]\d{4}/);
      expect(t).not.toMatch(/個人番号[^\n]*\d/);
    }
  });

  it('renders the same bytes for the same input', async () => {
    const a = await slip('E001');
    const b = await slip('E001');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('draws the form once per font and repeats it: the first slip in new fonts is the bytes of the next', async () => {
    // Copies of the font files are new fonts to the renderer: their first slip lays out and draws the
    // form, the next ones repeat it. All three are the same document.
    const copies = { regular: new Uint8Array(fonts.regular), ...(fonts.bold ? { bold: new Uint8Array(fonts.bold) } : {}) };
    const first = await renderWithholdingSlip(sampleEmployee('E001'), { fonts: copies, year: 2026, payer });
    const next = await renderWithholdingSlip(sampleEmployee('E001'), { fonts: copies, year: 2026, payer });
    expect(Buffer.from(next).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(await slip('E001')).equals(Buffer.from(first))).toBe(true);
    // Another employee after the form: its own figures and the form's labels, all extractable.
    const t = await text(renderWithholdingSlip(sampleEmployee('E002'), { fonts: copies, year: 2026, payer }));
    for (const label of ['支払金額', '源泉徴収税額', '受給者生年月日', '（摘要）', '住所又は居所', '非居住者', '16歳未満']) {
      expect(t).toContain(label);
    }
    expect(t).toContain('受給者交付用のため個人番号は記載していません。');
    expect(amounts(t)).toEqual(['1,200,000', '36,000']);
  });

  it('renders without a payer, the 支払者 box left empty', async () => {
    const t = await text(slip('E001', null));
    expect(t).toContain('氏名又は名称');
    expect(t).not.toContain('株式会社ウラカタ');
  });
});
