/**
 * 税区分 as each accounting package's importer names them. Urakata's default names (the account
 * map's, accounts.ts) are its own and are what the neutral CSV and the 仕訳 sheets show; the 弥生
 * and マネーフォワード files write the package's name for them instead. A 税区分 the user set in
 * the account map is written as given in every format (`Posting.ownTaxCategory`).
 *
 * Sources, consulted 2026-12-05 (docs/journal.md lists them with what each one says):
 *
 * 弥生会計 — support.yayoi-kk.co.jp/faq_Subcontents.html?page_id=1430 (インポートデータの税区分,
 * 弥生会計 オンライン): an imported 税区分 is the 税区分 combined with the 税計算区分 and the rate
 * (its example 課税売上内10%: 課税売上, 税抜・内税, 10%; 「税込」 is one of the 税計算区分), the
 * names 課対仕入 and 対外売上 (→ 対象外) are import names, 不明 or empty takes the account's own.
 * faq_Subcontents.html?grade_id=Kaikei&page_id=27184 (インポートする際の制限事項): 借方/貸方税区分
 * combine 税区分, 経理方式 and 請求書区分. Urakata writes 税込 amounts with the tax in the 税金額
 * column, so the 税込 form (込). The 込 spelling is also that of freee's developer notice on its
 * 弥生-format export (developer.freee.co.jp, 2023-11: 課対仕入込10%区分80%); 軽減8% and 非課売上
 * are corroborated only by independent public exporters of this format, not by a 弥生 page.
 *
 * マネーフォワード クラウド会計 — biz.moneyforward.com/support/tax-return/guide/import-books/ib01.html
 * (「仕訳帳」をインポートする): 税区分 must match 各種設定 > 税区分 exactly. The names, with a
 * half-width space before the rate: 「課税仕入 10%」 in クラウド経費's notices on クラウド会計's 税区分
 * (biz.moneyforward.com/support/expense/news/new-feature/tax_reform_201910_1.html, 2019-08-28;
 * support.biz.moneyforward.com/expense/faq/office/o08.html); 「対象外」 in
 * biz.moneyforward.com/support/account/faq/service/s16.html. 課税売上 10%, 課税売上 (軽)8% and
 * 非課税売上 are corroborated only by independent public projects (MF's 名称 beside its 省略名
 * 課売 10%, 課売 (軽)8%, 非売, and CSV exports), not by an MF page. MF has no 不課税 name: 対象外.
 */
import type { ACCOUNT_KINDS, AccountKind } from './accounts.js';
import type { JournalLine } from './entry.js';

/** Urakata's default 税区分 names (the account map's defaults). */
export type DefaultTaxName = (typeof ACCOUNT_KINDS)[AccountKind]['taxCategory'];

/** The formats that write a package's names. */
export type PackageFormat = 'yayoi' | 'mf';

/** Each default name as the package's importer takes it (sources above). */
export const PACKAGE_TAX_NAMES: Readonly<Record<PackageFormat, Readonly<Record<DefaultTaxName, string>>>> = {
  yayoi: {
    対象外: '対象外',
    '課税仕入10%': '課対仕入込10%',
    '課税売上10%': '課税売上込10%',
    '課税売上8%(軽)': '課税売上込軽減8%',
    非課税売上: '非課売上',
    不課税: '対象外',
  },
  mf: {
    対象外: '対象外',
    '課税仕入10%': '課税仕入 10%',
    '課税売上10%': '課税売上 10%',
    '課税売上8%(軽)': '課税売上 (軽)8%',
    非課税売上: '非課税売上',
    不課税: '対象外',
  },
};

const DEFAULT_NAMES: ReadonlySet<string> = new Set(Object.keys(PACKAGE_TAX_NAMES.yayoi));
const isDefaultName = (name: string): name is DefaultTaxName => DEFAULT_NAMES.has(name);

/**
 * The 税区分 a package's file writes for a line: the user's own as given, a default by the table.
 * @example packageTaxName({ ...line, taxCategory: '課税売上10%' }, 'mf') // '課税売上 10%'
 */
export function packageTaxName(line: Pick<JournalLine, 'taxCategory' | 'ownTaxCategory'>, format: PackageFormat): string {
  if (line.ownTaxCategory || !isDefaultName(line.taxCategory)) return line.taxCategory;
  return PACKAGE_TAX_NAMES[format][line.taxCategory];
}
