/**
 * The 銀行勘定調整表 as a Japanese A4 PDF (両者区分調整法): the bank side and the book side each
 * from its balance to the adjusted balance, the difference, then the proposed 修正仕訳 to review.
 * Font bytes come from the caller (core does no file I/O).
 */
import { formatYenTriangle } from '../money/yen.js';
import { formatWareki } from '../dates/wareki.js';
import { PdfWriter, type PdfFontBytes } from '../pdf/document.js';
import { drawTable, type TableRow } from '../pdf/table.js';
import { BANK_SIDE, BOOK_SIDE, type BankRecResult, type RecSection, SECTION_JA } from './bank-rec.js';

export interface BankRecPdfOptions {
  readonly fonts: PdfFontBytes;
  /** The account as the user names it (e.g. 三菱UFJ銀行 東京支店 当座 1234567). */
  readonly accountLabel?: string;
  readonly companyName?: string;
}

const yen = formatYenTriangle;

/**
 * Renders the statement; the same result gives the same bytes (the as-of date is the creation date).
 * @example const pdf = await renderBankRec(result, { fonts: japaneseFonts() });
 */
export async function renderBankRec(r: BankRecResult, o: BankRecPdfOptions): Promise<Uint8Array> {
  const pdf = new PdfWriter({ fonts: o.fonts, title: `銀行勘定調整表 ${r.asOf}`, creationDate: new Date(`${r.asOf}T00:00:00+09:00`) });
  const x = pdf.left;
  let y = pdf.top;
  pdf.text('銀行勘定調整表', x, y, { size: 18, bold: true });
  if (o.companyName) pdf.text(o.companyName, x, y + 4, { size: 10, width: pdf.contentWidth, align: 'right' });
  y += 30;
  pdf.text(`${formatWareki(r.asOf)}（${r.asOf}）現在${o.accountLabel ? `　${o.accountLabel}` : ''}　両者区分調整法`, x, y, { size: 10 });
  y += 22;

  const columns = [
    { header: '区分', width: 150 },
    { header: '日付', width: 62 },
    { header: '内容', width: 200 },
    { header: '金額（円）', width: 103, align: 'right' as const },
  ];
  const total = (label: string, amount: number): TableRow => ({ cells: [label, '', '', yen(amount)], bold: true, fill: '#eeeeee' });
  const items = (sections: readonly RecSection[]): TableRow[] =>
    r.items
      .filter((i) => sections.includes(i.section))
      .map((i) => ({
        cells: [
          SECTION_JA[i.section],
          i.date,
          [i.chequeNo && `小切手${i.chequeNo}`, i.description, i.section === 'outstanding_cheque' ? `（${i.ageDays}日）` : '']
            .filter(Boolean)
            .join(' '),
          yen(i.adjustment),
        ],
      }));
  const rows: TableRow[] = [
    total('銀行残高', r.bankBalance),
    ...items(BANK_SIDE),
    total('修正後銀行残高', r.adjustedBank),
    total('帳簿残高', r.bookBalance),
    ...items(BOOK_SIDE),
    total('修正後帳簿残高', r.adjustedBook),
    { cells: ['差異', '', r.difference === 0 ? '一致' : '不一致: 未解明の差異があります', yen(r.difference)], bold: true },
  ];
  y = drawTable(pdf, y, columns, rows) + 20;

  if (r.journal.length > 0) {
    pdf.text('修正仕訳（案）— 要確認', x, y, { size: 11, bold: true });
    y += 18;
    y = drawTable(
      pdf,
      y,
      [
        { header: '日付', width: 62 },
        { header: '借方', width: 80 },
        { header: '貸方', width: 80 },
        { header: '金額（円）', width: 80, align: 'right' as const },
        { header: '摘要', width: 213 },
      ],
      r.journal.map((j) => ({ cells: [j.date, j.debit, j.credit, yen(j.amount), j.memo] })),
    );
  }
  return pdf.finish();
}
