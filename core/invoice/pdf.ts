/**
 * The invoice as an A4 PDF. Every 記載事項 of 消費税法57条の4 is printed:
 * ① 発行者の名称と登録番号 ② 取引年月日（期間） ③ 内容（軽減税率対象は※） ④ 税率ごとの合計額と税率
 * ⑤ 税率ごとの消費税額等 ⑥ 交付先の名称 — plus the bank account, due date and notes.
 * Lines continue over pages; the totals always come on the last page, and every page is numbered.
 *
 * Only the regular face is embedded; bold is drawn by outlining it. A second embedded face would
 * add a third to the file size (≈ 10 KB) and to the time per invoice, for a difference a reader
 * hardly sees at these sizes.
 */
import { drawTable, type PdfFontBytes, PdfWriter, type TableColumn, type TableRow } from '../pdf/index.js';
import { japaneseDate, quantityText, rateHeading, rateLabel, yenText } from './format.js';
import type { Invoice } from './invoice.js';

const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#24466b';
const PANEL = '#eef2f7';

const TITLES = { invoice: '請 求 書', simplified: '請 求 書', credit: '返 還 請 求 書' } as const;
const DOCUMENT_NAMES = { invoice: '適格請求書', simplified: '適格簡易請求書', credit: '適格返還請求書' } as const;
const ROUNDING_JA = { floor: '切捨て', round: '四捨五入', ceil: '切上げ' } as const;

/**
 * Renders one invoice to PDF bytes.
 * @example const bytes = await invoicePdf(invoice, { regular, bold });
 */
export async function invoicePdf(inv: Invoice, fonts: PdfFontBytes): Promise<Uint8Array> {
  const credit = inv.kind === 'credit';
  const pdf = new PdfWriter({
    fonts: { regular: fonts.regular },
    title: `${DOCUMENT_NAMES[inv.kind]} ${inv.invoice_no}`,
    author: inv.issuer.name,
    subject: `${inv.customer.name} ${inv.issue_date} ${inv.total}`,
    // 電帳法の検索要件: 取引年月日・金額・取引先 searchable from the document info as well.
    keywords: `${inv.issue_date} ${inv.total} ${inv.customer.id} ${inv.customer.name} ${inv.issuer.registration_number}`,
    creationDate: new Date(`${inv.issue_date}T00:00:00+09:00`),
  });
  const L = pdf.left;
  const W = pdf.contentWidth;

  // Title and document number.
  pdf.text(TITLES[inv.kind], L, 36, { size: 22, bold: true, width: W, align: 'center', color: ACCENT });
  pdf.line(L + W / 2 - 90, 68, L + W / 2 + 90, 68, { width: 1.2, color: ACCENT });
  pdf.text(`${DOCUMENT_NAMES[inv.kind]}`, L, 72, { size: 7.5, width: W, align: 'center', color: MUTED });
  const metaX = L + W - 200;
  const meta: [string, string][] = [
    ['請求書番号', inv.invoice_no],
    [credit ? '返還日' : '請求日', japaneseDate(inv.issue_date)],
  ];
  meta.forEach(([k, v], i) => {
    pdf.text(k, metaX, 84 + i * 13, { size: 8.5, color: MUTED });
    pdf.text(v, metaX + 55, 84 + i * 13, { size: 8.5, width: 145, align: 'right' });
  });

  // Recipient (⑥) on the left, issuer (①) on the right.
  let y = 120;
  const customerWidth = 285;
  const customerLine = inv.customer.name ? `${inv.customer.name}　${inv.customer.honorific}` : '';
  let cy = y;
  if (customerLine) {
    // 適格簡易請求書 may omit the recipient (57条の4②): then no empty name line is drawn.
    const nameHeight = pdf.text(customerLine, L, y, { size: 14, bold: true, width: customerWidth });
    pdf.line(L, y + nameHeight + 2, L + customerWidth, y + nameHeight + 2, { width: 0.8 });
    cy += nameHeight + 7;
  }
  if (inv.customer.address) cy += pdf.text(inv.customer.address, L, cy, { size: 8.5, width: customerWidth, color: MUTED });
  if (inv.customer.registration_number) {
    cy += pdf.text(`登録番号 ${inv.customer.registration_number}`, L, cy, { size: 8.5, color: MUTED });
  }

  const ix = L + W - 200;
  let iy = y;
  iy += pdf.text(inv.issuer.name, ix, iy, { size: 11, bold: true, width: 200 }) + 2;
  iy += pdf.text(`登録番号 ${inv.issuer.registration_number}`, ix, iy, { size: 9, bold: true, width: 200 });
  iy += pdf.text(inv.issuer.address, ix, iy, { size: 8.5, width: 200, color: INK });
  iy += pdf.text(`TEL ${inv.issuer.phone}`, ix, iy, { size: 8.5, color: INK });
  if (inv.issuer.email) iy += pdf.text(inv.issuer.email, ix, iy, { size: 8.5, color: INK });

  y = Math.max(cy, iy) + 14;
  pdf.text(credit ? '下記のとおり返品・値引きにつき返還いたします。' : '下記のとおりご請求申し上げます。', L, y, { size: 9 });
  y += 18;

  // The amount box, with due date and period beside it.
  const boxW = 285;
  const withholding = inv.withholding !== 0;
  // A 返還請求書 states the amount returned; its sign is already in the title. The trailing "-" of
  // ¥12,345 - (nothing may be written after it) is left off there: beside a returned amount it reads as a minus.
  // With 源泉徴収, what changes hands is the total less it: on a credit note the tax withheld comes
  // back too, and the amount returned is the one figure stated (the headline had said the total).
  const headline = credit ? Math.abs(withholding ? inv.amount_due : inv.total) : withholding ? inv.amount_due : inv.total;
  const headlineLabel = credit
    ? withholding
      ? '差引返還金額'
      : '返還金額（税込）'
    : withholding
      ? '差引ご請求金額'
      : 'ご請求金額（税込）';
  pdf.rect(L, y, boxW, 42, { fill: PANEL, stroke: ACCENT, lineWidth: 0.8 });
  pdf.text(headlineLabel, L + 10, y + 15, { size: 10, bold: true, color: ACCENT });
  pdf.text(credit ? yenText(headline) : `${yenText(headline)} -`, L + 110, y + 10, {
    size: 18,
    bold: true,
    width: boxW - 120,
    align: 'right',
  });
  const side: [string, string][] = [];
  if (!credit) side.push(['お支払期限', japaneseDate(inv.due_date)]);
  side.push([
    credit ? '元の取引日' : '取引期間',
    inv.period.start === inv.period.end
      ? japaneseDate(inv.period.start)
      : `${japaneseDate(inv.period.start)}〜${japaneseDate(inv.period.end)}`,
  ]);
  side.forEach(([k, v], i) => {
    pdf.text(k, ix, y + 4 + i * 16, { size: 8.5, color: MUTED });
    pdf.text(v, ix + 52, y + 4 + i * 16, { size: 8.5, width: 148, align: 'right' });
    pdf.line(ix, y + 17 + i * 16, ix + 200, y + 17 + i * 16, { width: 0.3, color: '#bbbbbb' });
  });
  y += 58;

  // Line items (②③): ※ marks reduced-rate items.
  const priceNote = inv.prices === 'inclusive' ? '（税込）' : '（税抜）';
  const columns: TableColumn[] = [
    { header: credit ? '元取引日' : '取引日', width: 54 },
    { header: '品目', width: W - 54 - 62 - 66 - 42 - 80 },
    { header: '数量', width: 62, align: 'right' },
    { header: `単価${priceNote}`, width: 66, align: 'right' },
    { header: '税率', width: 42, align: 'center' },
    { header: `金額${priceNote}`, width: 80, align: 'right' },
  ];
  const rows: TableRow[] = inv.lines.map((l) => {
    const date = l.transaction_date ?? inv.issue_date;
    const item = `${l.item}${l.tax_rate === '8' ? ' ※' : ''}${l.withholding ? '（源泉対象）' : ''}${l.note ? `\n${l.note}` : ''}`;
    return {
      cells: [
        date.slice(5).replace('-', '/'),
        item,
        `${quantityText(l.quantity)}${l.unit ? ` ${l.unit}` : ''}`,
        yenText(l.unit_price).replace('¥', ''),
        rateLabel(l.tax_rate),
        yenText(l.amount).replace('¥', ''),
      ],
    };
  });
  const continuation = (p: PdfWriter): number => {
    p.text(`${TITLES[inv.kind].replace(/ /g, '')}（続き）　No. ${inv.invoice_no}`, L, p.top, { size: 10, bold: true, color: ACCENT });
    p.text(customerLine, L, p.top, { size: 9, width: W, align: 'right' });
    return p.top + 22;
  };
  y = drawTable(pdf, y, columns, rows, { zebra: '#f7f8fa', headerFill: '#e3e9f1', onNewPage: continuation });
  if (inv.lines.some((l) => l.tax_rate === '8')) pdf.text('※は軽減税率（8%）対象品目です。', L, y + 4, { size: 8, color: MUTED });
  y += 20;

  // Totals (④⑤) always on the last page: move on if they do not fit.
  // The notes as tall as they print (a fixed 40 pt had let eight lines run over the page number).
  const notesHeight = inv.issuer.notes ? 19 + pdf.heightOf(inv.issuer.notes, { size: 8.5, width: W - 8 }) : 0;
  const totalsHeight = 100 + 16 * inv.byRate.length + (inv.issuer.bank && !credit ? 70 : 0) + notesHeight;
  if (y + totalsHeight > pdf.bottom) {
    pdf.addPage();
    y = continuation(pdf) + 4;
  }

  // Per-rate breakdown on the left.
  const rateColumns: TableColumn[] = [
    { header: '税率区分', width: 120 },
    { header: inv.prices === 'inclusive' ? '対象金額（税込）' : '対象金額（税抜）', width: 90, align: 'right' },
    { header: '消費税額等', width: 75, align: 'right' },
  ];
  const rateRows: TableRow[] = inv.byRate.map((r) => ({
    cells: [
      rateHeading(r.rate),
      yenText(inv.prices === 'inclusive' ? r.gross : r.base),
      r.rate === '0' || r.rate === 'out' ? '—' : yenText(r.tax),
    ],
  }));
  const afterRates = drawTable(pdf, y, rateColumns, rateRows, { headerFill: '#e3e9f1' });
  pdf.text(`消費税の端数処理: 税率ごとに1回、1円未満${ROUNDING_JA[inv.rounding]}`, L, afterRates + 4, { size: 7.5, color: MUTED });

  // Summary on the right.
  const sx = L + W - 200;
  const summary: [string, string, boolean][] = [
    ['小計（税抜）', yenText(inv.subtotal), false],
    ['消費税額等', yenText(inv.tax), false],
    [credit ? '返還金額合計（税込）' : '合計（税込）', yenText(inv.total), true],
  ];
  if (withholding) {
    summary.push(['源泉徴収税額', yenText(-inv.withholding), false]);
    summary.push(credit ? ['差引返還金額', yenText(Math.abs(inv.amount_due)), true] : ['差引ご請求金額', yenText(inv.amount_due), true]);
  }
  let sy = y;
  for (const [k, v, strong] of summary) {
    if (strong) pdf.rect(sx, sy, 200, 20, { fill: PANEL });
    pdf.text(k, sx + 6, sy + 5, { size: strong ? 9.5 : 9, bold: strong, color: strong ? ACCENT : INK });
    pdf.text(v, sx + 90, sy + 4, { size: strong ? 11 : 9.5, bold: strong, width: 104, align: 'right' });
    pdf.line(sx, sy + 20, sx + 200, sy + 20, { width: strong ? 0.8 : 0.3, color: strong ? ACCENT : '#999999' });
    sy += 20;
  }
  y = Math.max(afterRates + 18, sy) + 14;

  // Bank transfer details.
  const bank = inv.issuer.bank;
  if (bank && !credit) {
    pdf.text('お振込先', L, y, { size: 9, bold: true, color: ACCENT });
    pdf.line(L, y + 14, L + W, y + 14, { width: 0.6, color: ACCENT });
    y += 19;
    y += pdf.text(`${bank.bank_name}　${bank.branch_name}　${bank.account_type}　${bank.account_number}`, L + 4, y, { size: 9.5 }) + 2;
    y += pdf.text(`口座名義　${bank.account_holder}`, L + 4, y, { size: 9.5 }) + 2;
    y += pdf.text(`お支払期限 ${japaneseDate(inv.due_date)} までにお振込みください。`, L + 4, y, { size: 8.5, color: MUTED }) + 10;
  }
  if (inv.issuer.notes) {
    pdf.text('備考', L, y, { size: 9, bold: true, color: ACCENT });
    pdf.line(L, y + 14, L + W, y + 14, { width: 0.6, color: ACCENT });
    pdf.text(inv.issuer.notes, L + 4, y + 19, { size: 8.5, width: W - 8 });
  }
  return pdf.finish();
}
