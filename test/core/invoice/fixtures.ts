/** The invoice of the JP PINT worked example (10 % 40,900 + 8 % 6,192), as Urakata input. */
import { computeInvoice, type Invoice, type InvoiceInput, type InvoiceLineInput, type Issuer } from '../../../core/invoice/index.js';
import { rate } from '../../../core/money/rate.js';

export const issuer: Issuer = {
  name: '株式会社サンプル商事',
  registration_number: 'T5010001234566',
  address: '〒100-0001 東京都千代田区千代田1-1',
  phone: '03-1234-5678',
  email: 'billing@sample.example.jp',
  bank: {
    bank_name: 'みずほ銀行',
    branch_name: '東京営業部',
    account_type: '普通',
    account_number: '1234567',
    account_holder: 'カ）サンプルシヨウジ',
  },
  rounding: 'floor',
  prices: 'exclusive',
  notes: '振込手数料は貴社にてご負担ください。',
};

/** A freelancer (個人事業主): the issuer whose 報酬 its customer withholds 源泉所得税 from. */
export const freelancer: Issuer = {
  ...issuer,
  name: 'デザイン工房 山本太郎',
  registration_number: 'T3810452963781',
  bank: { ...(issuer.bank as NonNullable<Issuer['bank']>), account_holder: 'ヤマモト タロウ' },
};

export const line = (over: Partial<InvoiceLineInput> = {}): InvoiceLineInput => ({
  row: 2,
  item: 'コピー用紙（A4）500枚',
  quantity: rate(10, 1),
  unit: '冊',
  unit_price: 550,
  tax_rate: '10',
  withholding: false,
  transaction_date: '2026-05-08',
  ...over,
});

export const exampleInput: InvoiceInput = {
  invoice_no: 'INV-2026-00001',
  issue_date: '2026-05-31',
  due_date: '2026-06-30',
  customer: {
    id: 'C001',
    name: '株式会社テスト物産',
    honorific: '御中',
    address: '大阪府大阪市北区梅田1-2-3',
    registration_number: 'T6010401765432',
  },
  lines: [
    line(),
    line({ row: 3, item: 'システム保守（5月分）', quantity: rate(1, 1), unit: '式', unit_price: 35400, transaction_date: '2026-05-15' }),
    line({
      row: 4,
      item: 'ミネラルウォーター 2L×6本',
      quantity: rate(3, 2),
      unit: 'ケース',
      unit_price: 4128,
      tax_rate: '8',
      transaction_date: '2026-05-20',
    }),
  ],
};

export function compute(input: InvoiceInput = exampleInput, who: Issuer = issuer): Invoice {
  const r = computeInvoice(input, who, 'lines.csv');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.invoice;
}

/** The example plus a 非課税 line (E, 30,000) and a 不課税 line (O, 200): every tax category Urakata writes. */
export const allCategoriesInput: InvoiceInput = {
  ...exampleInput,
  lines: [
    ...exampleInput.lines,
    line({ row: 5, item: '土地賃貸料', quantity: rate(1, 1), unit_price: 30_000, tax_rate: '0' }),
    line({ row: 6, item: '収入印紙代（立替）', quantity: rate(1, 1), unit_price: 200, tax_rate: 'out' }),
  ],
};
