import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../functions/fonts.js';
import { invoicePdf } from '../../../core/invoice/index.js';
import { rate } from '../../../core/money/rate.js';
import { darkShare, extractText, renderPage } from '../../helpers/pdf.js';
import { compute, exampleInput, line, freelancer } from './fixtures.js';

const fonts = japaneseFonts();
const squash = (s: string) => s.replace(/[ \t]+/g, ' ');

describe('invoice PDF', async () => {
  const bytes = await invoicePdf(compute(), fonts);
  const text = squash(extractText(bytes));

  it('prints every 記載事項 of 消費税法57条の4① (text extractable for 電帳法 search)', () => {
    expect(text).toContain('株式会社サンプル商事'); // ① 発行者
    expect(text).toContain('登録番号 T5010001234566'); // ① 登録番号
    expect(text).toContain('2026年5月8日〜2026年5月20日'); // ② 取引期間
    expect(text).toMatch(/ミネラルウォーター 2L×6本 ※/); // ③ 内容, ※ = 軽減税率
    expect(text).toContain('※は軽減税率（8%）対象品目です。');
    expect(text).toMatch(/10%対象 ¥40,900 ¥4,090/); // ④⑤ 税率ごとの合計・税額
    expect(text).toMatch(/8%対象（軽減税率） ¥6,192 ¥495/);
    expect(text).toContain('株式会社テスト物産 御中'); // ⑥ 交付先
  });

  it('prints the total, due date, bank account and notes', () => {
    expect(text).toMatch(/合計（税込） ¥51,677/);
    expect(text).toContain('お支払期限 2026年6月30日');
    expect(text).toContain('みずほ銀行 東京営業部 普通 1234567');
    expect(text).toContain('振込手数料は貴社にてご負担ください。');
    expect(text).toContain('INV-2026-00001');
  });

  it('stays a one-page document well under 60 KB with one font subset embedded (bold drawn by outlining)', () => {
    expect(bytes.length).toBeLessThan(60_000);
    const fontsEmbedded =
      Buffer.from(bytes)
        .toString('latin1')
        .match(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-\w+/g) ?? [];
    expect(new Set(fontsEmbedded).size).toBe(1);
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(1);
  });

  it('renders visible glyphs where the title and the amount box are, and nothing in the empty lower page', () => {
    const page = renderPage(bytes, 1, 50);
    // Title band (top centre) and amount box (left, about 27–32 % down the page).
    expect(darkShare(page, { x: 0.35, y: 0.04, w: 0.3, h: 0.045 })).toBeGreaterThan(0.03);
    expect(darkShare(page, { x: 0.3, y: 0.26, w: 0.25, h: 0.05 })).toBeGreaterThan(0.03);
    // Line-items band.
    expect(darkShare(page, { x: 0.07, y: 0.36, w: 0.86, h: 0.08 })).toBeGreaterThan(0.01);
    // The bottom fifth above the page number is empty paper.
    expect(darkShare(page, { x: 0.07, y: 0.75, w: 0.86, h: 0.15 })).toBe(0);
  });

  it('continues many lines over pages, with the totals only on the last page and numbered pages', async () => {
    const lines = Array.from({ length: 70 }, (_, i) =>
      line({ row: i + 2, item: `品目その${i + 1}`, quantity: rate(1, 1), unit_price: 1000 }),
    );
    const long = await invoicePdf(compute({ ...exampleInput, lines }), fonts);
    const pages = extractText(long)
      .split('\f')
      .filter((p) => p.trim())
      .map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const last = pages[pages.length - 1] ?? '';
    expect(last).toMatch(/10%対象 ¥70,000 ¥7,000/);
    expect(last).toMatch(/合計（税込） ¥77,000/);
    for (const p of pages.slice(0, -1)) expect(p).not.toMatch(/合計（税込）/);
    pages.forEach((p, i) => {
      expect(p).toMatch(new RegExp(`${i + 1}\\s*/\\s*${pages.length}`));
    });
    expect(pages.join('\n')).toContain('品目その70');
    expect(pages[1]).toContain('（続き）');
  });

  it('titles a credit note 返還請求書 and shows the original transaction date', async () => {
    const credit = compute({
      ...exampleInput,
      lines: [line({ quantity: rate(-2, 1), unit_price: 4128, tax_rate: '8', transaction_date: '2026-04-20' })],
    });
    const t = squash(extractText(await invoicePdf(credit, fonts)));
    expect(t).toMatch(/返\s*還\s*請\s*求\s*書/);
    expect(t).toContain('適格返還請求書');
    expect(t).toContain('元の取引日 2026年4月20日');
    expect(t).toMatch(/8%対象（軽減税率） -¥8,256 -¥660/);
    // The headline states the amount returned without the trailing "-" that would read as a minus.
    expect(t).toMatch(/返還金額（税込） ¥8,916(?! -)/);
  });

  it('a freelancer’s credit note with 源泉徴収 states one amount returned: the total less the tax withheld back', async () => {
    // −100,000 + −10,000 tax = −110,000; 源泉徴収 −10,210 comes back too: 99,790 returned. The
    // headline had said 110,000 and the summary 差引ご請求金額 −¥99,790 (a "please pay" with a minus).
    const credit = compute(
      {
        ...exampleInput,
        lines: [line({ quantity: rate(-1, 1), unit_price: 100_000, withholding: true, transaction_date: '2026-04-20' })],
      },
      freelancer,
    );
    const t = squash(extractText(await invoicePdf(credit, fonts)));
    expect(t).toMatch(/差引返還金額 ¥99,790(?! -)/);
    expect(t).not.toMatch(/返還金額（税込） ¥110,000/);
    expect(t).not.toContain('差引ご請求金額');
    expect(t).toMatch(/源泉徴収税額 ¥10,210/);
  });

  it('keeps the issuer’s notes above the page number, however many lines the invoice has', async () => {
    // Eight lines of notes (the most an issuer file takes), with 源泉徴収 and the bank details: the
    // notes had been given a fixed 40 pt and ran over the page number and off the page.
    const notes = Array.from({ length: 8 }, (_, i) => `備考${i + 1}行目: お振込手数料は貴社にてご負担ください。`).join('\n');
    for (const count of [10, 20, 44]) {
      const lines = Array.from({ length: count }, (_, i) =>
        line({ row: i + 2, item: `品目その${i + 1}`, quantity: rate(1, 1), unit_price: 1000 + i, withholding: i === 0 }),
      );
      const bytes = await invoicePdf(compute({ ...exampleInput, lines }, { ...freelancer, notes }), fonts);
      const pages = extractText(bytes)
        .split('\f')
        .filter((p) => p.trim() !== '');
      const last = renderPage(bytes, pages.length, 50);
      // The footer band, left of the centred page number: nothing printed there.
      expect(darkShare(last, { x: 0.06, y: (841.89 - 40 - 12) / 841.89, w: 0.3, h: 16 / 841.89 })).toBe(0);
      expect(pages[pages.length - 1]).toContain('備考8行目');
    }
  });

  it('prints 非課税 and 不課税 lines under their own names, each with its own total and no tax', async () => {
    const inv = compute({
      ...exampleInput,
      lines: [
        line({ item: '土地賃貸料', quantity: rate(1, 1), unit_price: 30_000, tax_rate: '0' }),
        line({ row: 3, item: '収入印紙代（立替）', quantity: rate(1, 1), unit_price: 200, tax_rate: 'out' }),
      ],
    });
    const t = squash(extractText(await invoicePdf(inv, fonts)));
    expect(t).toMatch(/土地賃貸料 1冊 30,000 非課税 30,000/);
    expect(t).toMatch(/収入印紙代（立替） 1冊 200 不課税 200/);
    expect(t).toMatch(/非課税 ¥30,000 —/);
    expect(t).toMatch(/不課税 ¥200 —/);
  });

  it('shows 源泉徴収税額 and the amount due after it', async () => {
    const fee = compute({ ...exampleInput, lines: [line({ quantity: rate(1, 1), unit_price: 150_000, withholding: true })] }, freelancer);
    const t = squash(extractText(await invoicePdf(fee, fonts)));
    // 150,000 × 10.21 % = 15,315; 165,000 − 15,315 = 149,685.
    expect(t).toMatch(/源泉徴収税額 -¥15,315/);
    expect(t).toMatch(/差引ご請求金額 ¥149,685/);
  });
});
