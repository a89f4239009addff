/**
 * 勘定科目の対応表 (account map): for each kind of amount a job produces, the 勘定科目, 補助科目,
 * 部門 and 税区分 it is booked to, and the 経理方式 (税込経理 / 税抜経理). The defaults are the
 * usual Japanese ones; a user whose chart differs gives a small CSV with only the rows to change
 * (`kind, account, sub_account, department, tax_category`; `kind` may be the Japanese label), and the
 * setting row `tax_method` (account = 税込 or 税抜). The names must be those registered in the
 * accounting package: its importer matches them as text.
 */
import { bad, Column, ok, text } from '../csv/columns.js';
import { columnsAsWritten, readTable } from '../csv/table.js';
import { problem, type Problem } from '../errors.js';
import type { Posting } from './entry.js';

/** Every kind of amount a journal is made of, with its default posting and Japanese label. */
export const ACCOUNT_KINDS = {
  // 給与・賞与 (payroll and bonus runs)
  salary: { label: '給与', account: '給料手当', subAccount: '', taxCategory: '対象外' },
  bonus: { label: '賞与', account: '賞与', subAccount: '', taxCategory: '対象外' },
  // 通勤手当 is 課税仕入れ for consumption tax (消費税法基本通達11-2-2) though free of income tax.
  commute: { label: '通勤手当', account: '旅費交通費', subAccount: '通勤手当', taxCategory: '課税仕入10%' },
  income_tax: { label: '源泉所得税', account: '預り金', subAccount: '源泉所得税', taxCategory: '対象外' },
  resident_tax: { label: '住民税', account: '預り金', subAccount: '住民税', taxCategory: '対象外' },
  // The payroll table's 健康保険料 column holds 介護保険料 too (one rate for both): one 補助科目.
  health_insurance: { label: '健康保険料', account: '預り金', subAccount: '健康保険', taxCategory: '対象外' },
  child_support: { label: '子ども・子育て支援金', account: '預り金', subAccount: '子ども・子育て支援金', taxCategory: '対象外' },
  pension: { label: '厚生年金保険料', account: '預り金', subAccount: '厚生年金', taxCategory: '対象外' },
  employment_insurance: { label: '雇用保険料', account: '預り金', subAccount: '雇用保険', taxCategory: '対象外' },
  other_deduction: { label: 'その他控除', account: '預り金', subAccount: 'その他控除', taxCategory: '対象外' },
  year_end_adjustment: { label: '年末調整', account: '預り金', subAccount: '源泉所得税', taxCategory: '対象外' },
  year_end_settlement: { label: '年末調整の精算（給与の外）', account: '未払金', subAccount: '年末調整', taxCategory: '対象外' },
  net_pay: { label: '差引支給額', account: '普通預金', subAccount: '', taxCategory: '対象外' },
  employer_social: { label: '法定福利費', account: '法定福利費', subAccount: '', taxCategory: '対象外' },
  employer_social_payable: { label: '社会保険料（事業主負担）未払', account: '未払金', subAccount: '社会保険料', taxCategory: '対象外' },
  // 請求書 (invoices)
  receivable: { label: '売掛金', account: '売掛金', subAccount: '', taxCategory: '対象外' },
  sales_10: { label: '売上 10%', account: '売上高', subAccount: '', taxCategory: '課税売上10%' },
  sales_8: { label: '売上 8%（軽減）', account: '売上高', subAccount: '', taxCategory: '課税売上8%(軽)' },
  sales_exempt: { label: '売上 非課税', account: '売上高', subAccount: '', taxCategory: '非課税売上' },
  sales_outside: { label: '売上 不課税', account: '売上高', subAccount: '', taxCategory: '不課税' },
  output_tax: { label: '仮受消費税（税抜経理）', account: '仮受消費税', subAccount: '', taxCategory: '対象外' },
  withholding_receivable: { label: '源泉徴収税額（請求書）', account: '仮払税金', subAccount: '源泉所得税', taxCategory: '対象外' },
  // 入金消込・支払 (reconciliation and supplier payments)
  bank: { label: '預金口座', account: '普通預金', subAccount: '', taxCategory: '対象外' },
  fee: { label: '振込手数料', account: '支払手数料', subAccount: '', taxCategory: '課税仕入10%' },
  misc_loss: { label: '雑損失', account: '雑損失', subAccount: '', taxCategory: '対象外' },
  misc_income: { label: '雑収入', account: '雑収入', subAccount: '', taxCategory: '対象外' },
  advance_received: { label: '前受金', account: '前受金', subAccount: '', taxCategory: '対象外' },
  payable: { label: '買掛金', account: '買掛金', subAccount: '', taxCategory: '対象外' },
} as const;

export type AccountKind = keyof typeof ACCOUNT_KINDS;

export const ACCOUNT_KIND_NAMES = Object.keys(ACCOUNT_KINDS) as AccountKind[];

/**
 * 税込経理 (amounts with tax; the default, and what the 弥生 and マネーフォワード importers take:
 * a 税込 amount with its tax in the 税額 column, split by the package by its own 経理方式) or
 * 税抜経理 (sales booked without tax and the tax on its own 仮受消費税 line).
 */
export type TaxMethod = 'inclusive' | 'exclusive';

export interface AccountMap {
  readonly postings: Readonly<Record<AccountKind, Posting>>;
  readonly taxMethod: TaxMethod;
}

function defaultPostings(): Record<AccountKind, Posting> {
  const out = {} as Record<AccountKind, Posting>;
  for (const k of ACCOUNT_KIND_NAMES) {
    const d = ACCOUNT_KINDS[k];
    out[k] = { account: d.account, subAccount: d.subAccount, department: '', taxCategory: d.taxCategory };
  }
  return out;
}

/** The embedded defaults (税込経理, net pay from 普通預金). */
export const DEFAULT_ACCOUNT_MAP: AccountMap = { postings: defaultPostings(), taxMethod: 'inclusive' };

/** A posting of the map with another 補助科目 (the customer, the vendor). */
export function postingFor(map: AccountMap, kind: AccountKind, subAccount?: string): Posting {
  const p = map.postings[kind];
  return subAccount === undefined || subAccount === '' ? p : { ...p, subAccount };
}

const TAX_METHODS: Readonly<Record<string, TaxMethod>> = {
  税込: 'inclusive',
  税込経理: 'inclusive',
  inclusive: 'inclusive',
  税抜: 'exclusive',
  税抜経理: 'exclusive',
  exclusive: 'exclusive',
};

/** `kind` by its English id or its Japanese label; `tax_method` is the setting row. */
function kindColumn(): Column<AccountKind | 'tax_method'> {
  const byName = new Map<string, AccountKind | 'tax_method'>([
    ['tax_method', 'tax_method'],
    ['経理方式', 'tax_method'],
  ]);
  for (const k of ACCOUNT_KIND_NAMES) {
    byName.set(k, k);
    byName.set(ACCOUNT_KINDS[k].label, k);
  }
  return new Column(['kind', '種類'], (raw) => {
    const k = byName.get(raw.trim());
    return k !== undefined
      ? ok(k)
      : bad(
          `種類が分かりません（${ACCOUNT_KIND_NAMES.slice(0, 4).join(', ')} … docs/journal.md の一覧から）`,
          `unknown kind (see the list in docs/journal.md: ${ACCOUNT_KIND_NAMES.slice(0, 4).join(', ')} …)`,
        );
  });
}

const accountMapSchema = {
  kind: kindColumn(),
  account: text('account', '勘定科目'),
  sub_account: text('sub_account', '補助科目').withDefault(''),
  department: text('department', '部門').withDefault(''),
  tax_category: text('tax_category', '税区分').withDefault(''),
  // Written by accountMapRows for the reader's eye; not read.
  label: text('label', '説明').withDefault(''),
};

/**
 * The map from a user's CSV over the defaults: each row replaces its kind's posting (an empty
 * 税区分 keeps the default one, which the 弥生 and マネーフォワード files write in the package's
 * name; one given is the user's own, written as given); every bad row is reported with its row
 * and column.
 * @example readAccountMap('kind,account,sub_account\nnet_pay,未払金,給与\n', 'accounts.csv').map.postings.net_pay.account // '未払金'
 */
export function readAccountMap(data: Uint8Array | string, file: string): { map: AccountMap; problems: Problem[] } {
  const table = readTable(data, accountMapSchema, { file });
  const problems: Problem[] = [...table.problems];
  const postings = defaultPostings();
  let taxMethod: TaxMethod = 'inclusive';
  const seen = new Map<string, number>();
  for (const { row, value } of table.rows) {
    const previous = seen.get(value.kind);
    if (previous !== undefined) {
      problems.push(problem(file, row, 'kind', value.kind, `${previous}行目と同じ種類です`, `the same kind as row ${previous}`));
      continue;
    }
    seen.set(value.kind, row);
    if (value.kind === 'tax_method') {
      const m = TAX_METHODS[value.account];
      if (m === undefined) {
        problems.push(
          problem(
            file,
            row,
            'account',
            value.account,
            '経理方式は「税込」か「税抜」です',
            'the tax method is 税込 (inclusive) or 税抜 (exclusive)',
          ),
        );
      } else taxMethod = m;
      continue;
    }
    if (value.account === '') {
      problems.push(problem(file, row, 'account', '', '勘定科目が空です', 'the account is empty'));
      continue;
    }
    postings[value.kind] = {
      account: value.account,
      subAccount: value.sub_account,
      department: value.department,
      taxCategory: value.tax_category || postings[value.kind].taxCategory,
      // A 税区分 of the user's own is written as given; a default one in each package's name.
      ...(value.tax_category !== '' ? { ownTaxCategory: true } : {}),
    };
  }
  return { map: { postings, taxMethod }, problems: columnsAsWritten(problems, file, table.written) };
}

/** The map as the CSV `readAccountMap` reads (the defaults: a file to start editing from). */
export function accountMapRows(map: AccountMap = DEFAULT_ACCOUNT_MAP): string[][] {
  const rows: string[][] = [['kind', 'label', 'account', 'sub_account', 'department', 'tax_category']];
  rows.push(['tax_method', '経理方式', map.taxMethod === 'inclusive' ? '税込' : '税抜', '', '', '']);
  for (const k of ACCOUNT_KIND_NAMES) {
    const p = map.postings[k];
    rows.push([k, ACCOUNT_KINDS[k].label, p.account, p.subAccount, p.department, p.taxCategory]);
  }
  return rows;
}
