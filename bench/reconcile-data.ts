/**
 * A seeded generator of realistic 入金消込 data with ground truth, shared by the accuracy tests
 * and the benchmark: customers with 法人略語 at start or end, individuals, namesakes, aliases
 * (親会社名義), virtual accounts; open invoices including same-amount ones; and deposits that pay
 * one invoice, pay it minus a transfer fee from the §2.5 set, pay several at once, pay part,
 * carry EDI, arrive under cut names, or belong to nobody. Bank-side names are written as banks
 * write them: half-width, no small kana, long vowels as ｰ, - or nothing, noise words, 依頼人番号.
 *
 * With `patterns: 'payers'` (the default) it also writes what payers really do: names cut short
 * by the payer (ｶﾝﾄｳﾔﾏﾀﾞ for カントウヤマダショウジ), every 法人格 (医療法人社団, 一般社団法人,
 * 社会福祉法人, 特定非営利活動法人 …) spelled out in the master's kana and written on the bank side
 * as the abbreviation at start, middle or end or spelled out, sole proprietors sharing a company's
 * name, parent companies registered as the payer of several subsidiaries paying one invoice or
 * several across them, small differences (paid a few yen to a few hundred yen short or over) from
 * customers with and without their own 許容差額, and over-payments beyond it. `patterns: 'basic'`
 * gives the data set from before these patterns, the same for a seed as it always was.
 */
import { bankLine } from '../core/reconcile/bank-statement.js';
import type { BankLine, OpenItem } from '../core/reconcile/types.js';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY =
  'ヤマダ タナカ スズキ サトウ タカハシ イトウ ワタナベ ナカムラ コバヤシ カトウ ヨシダ ヤマモト サイトウ マツモト イノウエ キムラ ハヤシ シミズ ヤマザキ モリ アベ イケダ ハシモト ヤマシタ イシカワ ナカジマ マエダ フジタ オガワ ゴトウ オカダ ハセガワ ムラカミ コンドウ イシイ サカモト エンドウ アオキ フジイ ニシムラ フクダ オオタ ミウラ フジワラ オカモト マツダ ナカガワ ナカノ ハラダ オノ タムラ タケウチ カネコ ワダ ナカヤマ イシダ ウエダ モリタ ハラ シバタ サカイ クドウ ヨコヤマ ミヤザキ ミヤモト ウチダ タカギ アンドウ タニグチ オオノ マルヤマ イマイ タカダ フジモト タケダ ムラタ ウエノ スギヤマ マスダ スガワラ ヒラノ オオツカ チバ クボ マツイ イワサキ サクライ キノシタ ノグチ マツオ ノムラ キクチ サノ オオニシ スギモト アライ'.split(
    ' ',
  );
const BUSINESS =
  'ショウジ ケンセツ コウギョウ サンギョウ セイサクショ ショウテン デンキ ブッサン ウンユ ホーム フーズ テック システム コーポレーション エンジニアリング ファーマシー ジュウキ ショクヒン インサツ トレーディング ソリューションズ メディカル デザイン サービス ロジスティクス リョコウ ジツギョウ キカク ケミカル ファーム'.split(
    ' ',
  );
const REGION =
  'トウキョウ オオサカ ナゴヤ サッポロ センダイ ヨコハマ コウベ キョウト フクオカ ヒロシマ チバ サイタマ ニイガタ シズオカ カナザワ オカヤマ クマモト カゴシマ ナハ マツヤマ'.split(
    ' ',
  );
const GIVEN =
  'タロウ ハナコ イチロウ ジロウ ユウキ ショウタ ミサキ ケンジ アヤ リョウ ヒロシ マサミ ナオキ ユミ ケイコ ダイスケ サトシ マユミ タクヤ ヨウコ カズヤ アキコ ツヨシ ノリコ マコト エミ ヒデキ サチコ ユウタ メグミ'.split(
    ' ',
  );
/** A word between family name and trade (ヤマダ「ダイイチ」ショウジ) widens the name space for 20,000 customers. */
const MIDDLE = [
  '',
  '',
  '',
  'ダイイチ',
  'シン',
  'トウヨウ',
  'セントラル',
  'ユニオン',
  'ニホン',
  'ミライ',
  'ヒカリ',
  'アサヒ',
  'サクラ',
  'ミドリ',
  'ワコウ',
  'ソウゴウ',
];
const LONG_TAIL = ['ホールディングス', 'インターナショナル', 'コーポレーション', 'エンジニアリングサービス'];

interface Form {
  readonly ja: string;
  readonly abbr: string;
  readonly weight: number;
  /** As a customer master writes it out in kana (furigana, small kana and all). */
  readonly spelled?: string;
}

const FORMS: readonly Form[] = [
  { ja: '株式会社', abbr: 'ｶ', weight: 0.68 },
  { ja: '有限会社', abbr: 'ﾕ', weight: 0.1 },
  { ja: '合同会社', abbr: 'ﾄﾞ', weight: 0.06 },
  { ja: '医療法人', abbr: 'ｲ', weight: 0.03 },
];

/** Every 法人格 payers write, with the 全銀 abbreviation (reconciliation notes §2.2) and the kana masters spell. */
const ALL_FORMS: readonly Form[] = [
  { ja: '株式会社', abbr: 'ｶ', weight: 0.6, spelled: 'カブシキガイシャ' },
  { ja: '有限会社', abbr: 'ﾕ', weight: 0.09, spelled: 'ユウゲンガイシャ' },
  { ja: '合同会社', abbr: 'ﾄﾞ', weight: 0.06, spelled: 'ゴウドウガイシャ' },
  { ja: '医療法人社団', abbr: 'ｲ', weight: 0.025, spelled: 'イリョウホウジンシャダン' },
  { ja: '医療法人財団', abbr: 'ｲ', weight: 0.01, spelled: 'イリョウホウジンザイダン' },
  { ja: '医療法人', abbr: 'ｲ', weight: 0.01, spelled: 'イリョウホウジン' },
  { ja: '一般社団法人', abbr: 'ｼﾔ', weight: 0.02, spelled: 'イッパンシャダンホウジン' },
  { ja: '公益社団法人', abbr: 'ｼﾔ', weight: 0.005, spelled: 'コウエキシャダンホウジン' },
  { ja: '一般財団法人', abbr: 'ｻﾞｲ', weight: 0.01, spelled: 'イッパンザイダンホウジン' },
  { ja: '公益財団法人', abbr: 'ｻﾞｲ', weight: 0.005, spelled: 'コウエキザイダンホウジン' },
  { ja: '社会福祉法人', abbr: 'ﾌｸ', weight: 0.015, spelled: 'シャカイフクシホウジン' },
  { ja: '学校法人', abbr: 'ｶﾞｸ', weight: 0.01, spelled: 'ガッコウホウジン' },
  { ja: '宗教法人', abbr: 'ｼﾕｳ', weight: 0.005, spelled: 'シュウキョウホウジン' },
  { ja: '特定非営利活動法人', abbr: 'ﾄｸﾋ', weight: 0.01, spelled: 'トクテイヒエイリカツドウホウジン' },
  { ja: '合資会社', abbr: 'ｼ', weight: 0.005, spelled: 'ゴウシガイシャ' },
  { ja: '合名会社', abbr: 'ﾒ', weight: 0.003, spelled: 'ゴウメイガイシャ' },
  { ja: '農業協同組合', abbr: 'ﾉｳｷﾖｳ', weight: 0.004, spelled: 'ノウギョウキョウドウクミアイ' },
];
const PARENT_TAIL = ['ホールディングス', 'グループ', 'ホールディングス', 'グループホンシャ'];
/** 許容差額 a customer may be given in the master (yen). */
const TOLERANCES = [300, 500, 1_000, 1_000];
/** 振込手数料 deductions seen in practice (reconciliation notes §2.5). */
const FEES = [110, 154, 165, 220, 275, 330, 385, 440, 550, 660, 770, 880];

export interface Customer {
  readonly id: string;
  /** 得意先カナ as the master holds it (with the 法人格 spelled out, for some). */
  readonly kana: string;
  /** The name without any legal form: what payers write. */
  readonly core: string;
  /** The core without its trade word (ヤマダショウジ → ヤマダ), for names payers cut short. */
  readonly stem: string;
  readonly name: string;
  readonly form: Form | undefined;
  readonly formAtEnd: boolean;
  readonly feeBurden: 'ours' | 'theirs' | undefined;
  readonly virtualAccount: string;
  /** Name a parent company pays under (and whether the master lists it in 振込名義). */
  readonly alias: { readonly kana: string; readonly registered: boolean } | undefined;
  /** The customer's own 許容差額, when the master gives one. */
  readonly tolerance: number | undefined;
  /** The parent company group it belongs to (index into Dataset.groups). */
  readonly group: number | undefined;
}

/** A parent company registered as the payer (振込名義) of several subsidiaries. */
export interface Group {
  readonly kana: string;
  readonly members: readonly string[];
}

export interface Truth {
  /** '' = belongs to no customer (should stay unmatched). */
  readonly customerId: string;
  readonly invoiceIds: readonly string[];
  readonly scenario: string;
}

export interface Dataset {
  readonly customers: Customer[];
  readonly groups: Group[];
  readonly items: OpenItem[];
  readonly lines: BankLine[];
  /** By bank line number (1-based). */
  readonly truth: Map<number, Truth>;
}

export interface GenerateOptions {
  readonly seed: number;
  readonly customers: number;
  readonly itemsPerCustomer: number;
  readonly deposits: number;
  /** 'payers' (default): with the payer patterns above; 'basic': the data set from before them. */
  readonly patterns?: 'basic' | 'payers';
}

// ── bank-side writing ──────────────────────────────────────────────────────────────────

let toHalf: Map<string, string> | undefined;
/** Full-width katakana → half-width, built by inverting NFKC over the half-width block. */
function halfWidth(text: string): string {
  if (!toHalf) {
    toHalf = new Map();
    for (let cp = 0xff66; cp <= 0xff9d; cp++) {
      const h = String.fromCharCode(cp);
      for (const mark of ['', 'ﾞ', 'ﾟ']) {
        const full = (h + mark).normalize('NFKC');
        if (full.length === 1 && !toHalf.has(full)) toHalf.set(full, h + mark);
      }
    }
    toHalf.set('ー', 'ｰ');
  }
  const table = toHalf;
  return [...text].map((c) => table.get(c) ?? c).join('');
}

const SMALL: Record<string, string> = { ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ッ: 'ツ' };

/** How a payer's bank writes a kana name: full-size kana, half-width, long vowel varied. */
function bankWriting(kana: string, r: () => number): string {
  const style = r();
  const full = kana.replace(/[ァィゥェォャュョッ]/g, (c) => SMALL[c] ?? c).replace(/ー/g, style < 0.6 ? 'ー' : style < 0.85 ? '-' : '');
  return halfWidth(full).replace(/-/g, '-');
}

function withForm(c: Customer, name: string, r: () => number): string {
  if (!c.form) return name;
  const atEnd = r() < 0.1 ? !c.formAtEnd : c.formAtEnd;
  return atEnd ? `${name}(${c.form.abbr}` : `${c.form.abbr})${name}`;
}

/**
 * How a bank writes a customer's 法人格 with the payer patterns: mostly the abbreviation at start
 * or end, sometimes in the middle before a branch (ﾔﾏﾀﾞ(ｶ)ﾄｳｷﾖｳｼﾃﾝ), sometimes spelled out in full
 * (ｲﾘﾖｳﾎｳｼﾞﾝｼﾔﾀﾞﾝ ﾔﾏﾀﾞ…, which the 48-character field may then cut).
 */
function formWritten(c: Customer, name: string, r: () => number): string {
  if (!c.form) return name;
  const f = r();
  if (f < 0.1 && c.form.spelled) return `${bankWriting(c.form.spelled, r)} ${name}`;
  if (f < 0.18) return `${name}(${c.form.abbr})${bankWriting(`${pick(r, REGION)}シテン`, r)}`;
  return withForm(c, name, r);
}

/**
 * A name the payer wrote short: the stem without the trade word (ｶﾝﾄｳﾔﾏﾀﾞ for カントウヤマダショウジ),
 * or the name cut inside a word; the legal form kept half the time. Undefined when that would be
 * under five characters.
 */
function shortName(c: Customer, r: () => number): string | undefined {
  const full = c.core.replace(/ /g, '');
  let short: string;
  if (c.stem.length >= 5 && c.stem.length < full.length && r() < 0.5) short = c.stem;
  else short = full.slice(0, Math.min(full.length - 1, 5 + Math.floor(r() * Math.max(1, full.length - 6))));
  if (short.length < 5) return undefined;
  const name = bankWriting(short, r);
  return r() < 0.5 ? withForm(c, name, r) : name;
}

function halfLength(s: string): number {
  return s.length;
}

// ── generation ─────────────────────────────────────────────────────────────────────────

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function isoDay(month: number, day: number): string {
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function lastDay(month: number): number {
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 30;
}

/** The customers of the basic data set: the same draws, in the same order, as before the payer patterns. */
function basicCustomers(o: GenerateOptions, r: () => number): Customer[] {
  const customers: Customer[] = [];
  const usedKana = new Set<string>();
  for (let i = 0; i < o.customers; i++) {
    const id = `C${String(i + 1).padStart(6, '0')}`;
    const roll = r();
    let kana: string;
    let form: Customer['form'];
    if (roll < 0.1) {
      kana = `${pick(r, FAMILY)} ${pick(r, GIVEN)}`;
      form = undefined;
    } else {
      const namesake = customers.length > 10 && r() < 0.02;
      const twin = namesake ? pick(r, customers) : undefined;
      if (twin?.form) {
        kana = twin.kana;
      } else {
        const parts = [
          r() < 0.75 ? pick(r, REGION) : '',
          pick(r, FAMILY),
          pick(r, MIDDLE),
          pick(r, BUSINESS),
          r() < 0.08 ? pick(r, LONG_TAIL) : '',
        ];
        kana = parts.join('');
      }
      const x = r();
      let cumulative = 0;
      form = FORMS[0];
      for (const f of FORMS) {
        cumulative += f.weight;
        if (x < cumulative) {
          form = f;
          break;
        }
      }
    }
    if (usedKana.has(`${kana}|${form?.ja}`) && roll < 0.1) {
      kana = `${kana}${pick(r, GIVEN)}`;
    }
    usedKana.add(`${kana}|${form?.ja}`);
    const burdenRoll = r();
    const aliasRoll = r();
    customers.push({
      id,
      kana,
      core: kana,
      stem: kana,
      name: form ? `${form.ja}${kana}` : kana,
      form,
      formAtEnd: r() < 0.35,
      feeBurden: burdenRoll < 0.45 ? 'ours' : burdenRoll < 0.85 ? 'theirs' : undefined,
      virtualAccount: r() < 0.08 ? String(9_000_000 + i) : '',
      alias:
        form && aliasRoll < 0.04
          ? { kana: `${pick(r, FAMILY)}${pick(r, LONG_TAIL.slice(0, 2))}`, registered: aliasRoll < 0.025 }
          : undefined,
      tolerance: undefined,
      group: undefined,
    });
  }
  return customers;
}

function pickForm(r: () => number, forms: readonly Form[]): Form {
  const x = r();
  let cumulative = 0;
  for (const f of forms) {
    cumulative += f.weight;
    if (x < cumulative) return f;
  }
  return forms[0] as Form;
}

/**
 * Customers as a master with every 法人格 holds them: some spell the form out in the kana
 * (イリョウホウジンシャダン カンサイイケダサンギョウ), some sole proprietors share a company's name,
 * some carry their own 許容差額.
 */
function payerCustomers(o: GenerateOptions, r: () => number): Customer[] {
  const customers: Customer[] = [];
  const used = new Set<string>();
  for (let i = 0; i < o.customers; i++) {
    const id = `C${String(i + 1).padStart(6, '0')}`;
    const roll = r();
    let core: string;
    let stem: string;
    let form: Form | undefined;
    const twin = customers.length > 10 && r() < 0.04 ? pick(r, customers) : undefined;
    if (twin?.form && roll >= 0.1) {
      // A namesake: a sole proprietor under a company's name, or a company of another form.
      core = twin.core;
      stem = twin.stem;
      form = r() < 0.6 ? undefined : pickForm(r, ALL_FORMS);
    } else if (roll < 0.1) {
      core = `${pick(r, FAMILY)} ${pick(r, GIVEN)}`;
      stem = core;
      form = undefined;
    } else {
      stem = `${r() < 0.75 ? pick(r, REGION) : ''}${pick(r, FAMILY)}${pick(r, MIDDLE)}`;
      core = `${stem}${pick(r, BUSINESS)}${r() < 0.08 ? pick(r, LONG_TAIL) : ''}`;
      form = pickForm(r, ALL_FORMS);
    }
    while (used.has(`${core}|${form?.ja}`)) core = `${core}${pick(r, GIVEN)}`;
    used.add(`${core}|${form?.ja}`);
    const spellRate = form?.abbr === 'ｶ' ? 0.05 : 0.4;
    const spelled = form?.spelled !== undefined && r() < spellRate;
    const kana = spelled && form?.spelled ? (r() < 0.75 ? `${form.spelled} ${core}` : `${core} ${form.spelled}`) : core;
    const burdenRoll = r();
    const aliasRoll = r();
    customers.push({
      id,
      kana,
      core,
      stem,
      name: form ? `${form.ja}${core.replace(/ /g, '')}` : core,
      form,
      formAtEnd: r() < 0.35,
      feeBurden: burdenRoll < 0.45 ? 'ours' : burdenRoll < 0.85 ? 'theirs' : undefined,
      virtualAccount: r() < 0.08 ? String(9_000_000 + i) : '',
      alias:
        form && aliasRoll < 0.03
          ? { kana: `${pick(r, FAMILY)}${pick(r, LONG_TAIL.slice(0, 2))}`, registered: aliasRoll < 0.02 }
          : undefined,
      tolerance: r() < 0.15 ? pick(r, TOLERANCES) : undefined,
      group: undefined,
    });
  }
  return customers;
}

/**
 * Parent companies (about one customer in eighty belongs to one), each registered in 振込名義 of
 * two to four of its subsidiaries, who pay one subsidiary's invoice or several across them.
 */
function makeGroups(customers: Customer[], r: () => number): Group[] {
  const groups: Group[] = [];
  const count = Math.max(1, Math.round(customers.length / 80));
  const taken = new Set<string>();
  for (let g = 0; g < count; g++) {
    const kana = `${r() < 0.5 ? pick(r, REGION) : ''}${pick(r, FAMILY)}${pick(r, PARENT_TAIL)}`;
    const size = 2 + Math.floor(r() * 3);
    const members: string[] = [];
    for (let tries = 0; members.length < size && tries < 50; tries++) {
      const k = Math.floor(r() * customers.length);
      const c = customers[k] as Customer;
      if (!c.form || c.alias || taken.has(c.id)) continue;
      taken.add(c.id);
      members.push(c.id);
      customers[k] = { ...c, alias: { kana, registered: true }, group: groups.length };
    }
    if (members.length >= 2) groups.push({ kana, members });
    else for (const id of members) taken.delete(id);
  }
  return groups;
}

/**
 * A dataset with ground truth. Same seed, same data.
 * @example generateDataset({ seed: 1, customers: 300, itemsPerCustomer: 6, deposits: 2000 }).lines.length // 2000
 */
export function generateDataset(o: GenerateOptions): Dataset {
  const r = rng(o.seed);
  const payers = o.patterns !== 'basic';
  const customers = payers ? payerCustomers(o, r) : basicCustomers(o, r);
  const groups = payers ? makeGroups(customers, r) : [];

  const items: OpenItem[] = [];
  const byCustomer = new Map<string, OpenItem[]>();
  let invoiceNo = 0;
  for (const c of customers) {
    const n = Math.max(1, Math.round(o.itemsPerCustomer * (0.5 + r())));
    const fixed = r() < 0.15 ? Math.round((5_000 + r() * 200_000) / 10) * 10 : 0;
    const list: OpenItem[] = [];
    for (let k = 0; k < n; k++) {
      const month = 1 + Math.floor(r() * 5);
      const day = 1 + Math.floor(r() * 28);
      const base = r() < 0.7 ? Math.round((1_000 + r() * 400_000) / 10) * 10 : Math.round(1_000 + r() * 2_000_000);
      const amount = fixed && r() < 0.6 ? fixed : base;
      invoiceNo++;
      const item: OpenItem = {
        invoiceId: `INV-${String(invoiceNo).padStart(7, '0')}`,
        customerId: c.id,
        customerName: c.name,
        customerKana: c.kana,
        issueDate: isoDay(month, day),
        dueDate: isoDay(month + 1, lastDay(month + 1)),
        amount,
        payerNames: c.alias?.registered ? [c.alias.kana] : [],
        feeBurden: c.feeBurden,
        virtualAccount: c.virtualAccount,
        row: items.length + 2,
        ...(c.tolerance === undefined ? {} : { tolerance: c.tolerance }),
      };
      list.push(item);
      items.push(item);
    }
    list.sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.invoiceId.localeCompare(b.invoiceId),
    );
    byCustomer.set(c.id, list);
  }

  const targeted = new Set<string>();
  const untargeted = (c: Customer) => (byCustomer.get(c.id) ?? []).filter((i) => !targeted.has(i.invoiceId));
  const partialCustomers = new Set<string>();
  const lines: BankLine[] = [];
  const truth = new Map<number, Truth>();
  const pending: { line: BankLine; customer: Customer }[] = [];

  const push = (line: Pick<BankLine, 'date' | 'direction' | 'amount' | 'payer'> & Partial<BankLine>, t: Truth) => {
    const n = lines.length + 1;
    const full = bankLine({ transactionType: '11', ...line, line: n, row: n + 1, file: 'bank.csv', id: '' });
    lines.push(full);
    truth.set(n, t);
    return full;
  };
  const payerFor = (c: Customer, opts: { cut?: number } = {}): string => {
    let name = payers
      ? formWritten(c, bankWriting(c.core, r).replace(/ /g, r() < 0.5 ? ' ' : ''), r)
      : withForm(c, bankWriting(c.kana, r).replace(/ /g, r() < 0.5 ? ' ' : ''), r);
    if (r() < 0.05) name = `${String(Math.floor(r() * 1e7))} ${name}`;
    const cut = opts.cut ?? 48;
    if (halfLength(name) > cut) name = name.slice(0, cut);
    return name;
  };
  let misses = 0;
  const depositDate = () => isoDay(6, 1 + Math.floor(r() * 30));
  /** Open invoices of a customer no deposit pays yet whose amount no other of them shares. */
  const distinctOpen = (c: Customer) => {
    const open = untargeted(c);
    return open.filter((i) => open.filter((j) => j.amount === i.amount).length === 1);
  };
  const byId = new Map(customers.map((c) => [c.id, c] as const));
  const tolerant = customers.filter((c) => c.tolerance !== undefined);
  const companies = customers.filter((c) => c.form !== undefined);
  /**
   * The payer patterns, about 15 % of the deposits: a parent paying for its subsidiaries (5 %),
   * small differences (3.5 %), names cut short by the payer (6 %), over-payments beyond any
   * tolerance (0.5 %). False when the pattern drawn found nothing to pay.
   */
  const payerPattern = (date: string): boolean => {
    const z = r();
    if (z < 0.05) {
      const g = groups.length > 0 ? pick(r, groups) : undefined;
      if (!g) return false;
      const pool = g.members.flatMap((id) => distinctOpen(byId.get(id) as Customer));
      if (pool.length === 0) return false;
      const k = r() < 0.6 ? 1 : 2 + Math.floor(r() * 2);
      const chosen = k === 1 ? [pick(r, pool)] : [...pool].sort(() => r() - 0.5).slice(0, k);
      for (const i of chosen) targeted.add(i.invoiceId);
      const name = bankWriting(g.kana, r).slice(0, 46);
      push(
        { date, direction: 'in', amount: chosen.reduce((sum, i) => sum + i.amount, 0), payer: r() < 0.8 ? `ｶ)${name}` : `${name}(ｶ` },
        {
          customerId: (chosen[0] as OpenItem).customerId,
          invoiceIds: chosen.map((i) => i.invoiceId).sort(),
          scenario: chosen.length === 1 ? 'group' : 'group-combined',
        },
      );
      return true;
    }
    if (z < 0.085) {
      const c = tolerant.length > 0 && r() < 0.7 ? pick(r, tolerant) : pick(r, customers);
      const open = distinctOpen(c);
      if (open.length === 0) return false;
      const inv = pick(r, open);
      const limit = Math.min(c.tolerance ?? 1_000, 999);
      const short = r() < 0.75;
      const diff = short ? -(1 + Math.floor(r() * limit)) : 1 + Math.floor(r() * Math.min(limit, 500));
      if (inv.amount + diff <= 0) return false;
      targeted.add(inv.invoiceId);
      push(
        { date, direction: 'in', amount: inv.amount + diff, payer: payerFor(c) },
        { customerId: c.id, invoiceIds: [inv.invoiceId], scenario: short ? 'short' : 'over' },
      );
      return true;
    }
    if (z < 0.145) {
      const c = pick(r, companies);
      const open = distinctOpen(c);
      const payer = shortName(c, r);
      if (open.length === 0 || payer === undefined) return false;
      const inv = pick(r, open);
      targeted.add(inv.invoiceId);
      push(
        { date, direction: 'in', amount: inv.amount, payer },
        { customerId: c.id, invoiceIds: [inv.invoiceId], scenario: 'exact+short-name' },
      );
      return true;
    }
    if (z < 0.15) {
      // Paid over by far more than any tolerance (twice, or in advance), the invoice named in EDI.
      const c = pick(r, customers);
      const open = distinctOpen(c);
      if (open.length === 0) return false;
      const inv = pick(r, open);
      targeted.add(inv.invoiceId);
      push(
        {
          date,
          direction: 'in',
          amount: inv.amount + 10_000 * (1 + Math.floor(r() * 10)),
          payer: payerFor(c, { cut: 26 }),
          edi: inv.invoiceId,
        },
        { customerId: c.id, invoiceIds: [inv.invoiceId], scenario: 'advance' },
      );
      return true;
    }
    return false;
  };

  for (let d = 0; d < o.deposits; d++) {
    const x = r();
    const date = depositDate();
    if (x < 0.06) {
      // Unrelated: interest, refunds, individuals nobody billed.
      const amount = r() < 0.3 ? Math.floor(r() * 500) + 1 : Math.round(r() * 300_000);
      const payer = r() < 0.3 ? 'ﾘｿｸ' : halfWidth(`${pick(r, FAMILY)} ${pick(r, GIVEN)}`).replace('ｰ', '');
      push({ date, direction: 'in', amount: Math.max(1, amount), payer }, { customerId: '', invoiceIds: [], scenario: 'unrelated' });
      continue;
    }
    if (payers && payerPattern(date)) continue;
    const c = pick(r, customers);
    const open = untargeted(c);
    if (open.length === 0) {
      if (++misses > o.deposits * 10) throw new RangeError('too few open items for the deposits asked for');
      d--;
      continue;
    }
    if (x < 0.1 && !partialCustomers.has(c.id)) {
      partialCustomers.add(c.id);
      const line = push(
        { date, direction: 'in', amount: 0, payer: payerFor(c) },
        { customerId: c.id, invoiceIds: [], scenario: 'partial' },
      );
      pending.push({ line, customer: c });
      continue;
    }
    // Invoices whose amount no other open invoice of the customer shares: with two equal
    // amounts only "the oldest takes it" can decide, and that is what single payments test.
    const distinct = open.filter((i) => open.filter((j) => j.amount === i.amount).length === 1);
    if (x < 0.18 && distinct.length >= 3) {
      // 合算: 2–4 invoices, perhaps minus a fee.
      const k = Math.min(distinct.length, 2 + Math.floor(r() * 3));
      const chosen = [...distinct].sort(() => r() - 0.5).slice(0, k);
      for (const i of chosen) targeted.add(i.invoiceId);
      const fee = c.feeBurden === 'ours' && r() < 0.5 ? pick(r, FEES) : 0;
      const sum = chosen.reduce((s, i) => s + i.amount, 0);
      push(
        { date, direction: 'in', amount: sum - fee, payer: payerFor(c) },
        { customerId: c.id, invoiceIds: chosen.map((i) => i.invoiceId).sort(), scenario: fee ? 'combined+fee' : 'combined' },
      );
      continue;
    }
    // One invoice: the oldest of its amount, so "oldest due date takes it" is the truth.
    const target = open[Math.floor(r() * open.length)] as OpenItem;
    const same = open.filter((i) => i.amount === target.amount);
    const inv = same[0] as OpenItem;
    targeted.add(inv.invoiceId);
    const deductsFee = (c.feeBurden === 'ours' && r() < 0.6) || (c.feeBurden === undefined && r() < 0.2);
    const fee = deductsFee && inv.amount > 2_000 ? pick(r, FEES) : 0;
    const y = r();
    let scenario = fee ? 'fee' : same.length > 1 ? 'same-amount' : 'exact';
    let payer: string;
    let edi = '';
    let virtualAccount = '';
    if (c.virtualAccount && y < 0.7) {
      virtualAccount = c.virtualAccount;
      payer = payerFor(c);
      scenario += '+va';
    } else if (y < 0.04) {
      edi = inv.invoiceId;
      payer = payerFor(c, { cut: 26 });
      scenario += '+edi';
    } else if (c.alias && y < 0.5) {
      payer = withForm(c, bankWriting(c.alias.kana, r), r);
      scenario += c.alias.registered ? '+alias' : '+alias-unregistered';
    } else if (y < 0.12) {
      payer = `ﾌﾘｺﾐ ${payerFor(c)}`;
      scenario += '+noise';
    } else if (y < 0.2) {
      edi = `ｼﾊﾗｲ${Math.floor(r() * 1e6)}`;
      payer = payerFor(c, { cut: 26 });
      scenario += '+cut';
    } else {
      payer = payerFor(c);
    }
    push(
      { date, direction: 'in', amount: inv.amount - fee, payer, edi, virtualAccount },
      { customerId: c.id, invoiceIds: [inv.invoiceId], scenario },
    );
  }

  // Same-amount invoices of one customer: earlier deposits take older invoices.
  const itemById = new Map(items.map((i) => [i.invoiceId, i] as const));
  const sameAmount = new Map<string, number[]>();
  for (const l of lines) {
    const t = truth.get(l.line);
    if (t?.invoiceIds.length !== 1 || t.scenario.startsWith('partial')) continue;
    const inv = itemById.get(t.invoiceIds[0] ?? '');
    if (!inv) continue;
    const key = `${inv.customerId}|${inv.amount}`;
    const g = sameAmount.get(key);
    if (g) g.push(l.line);
    else sameAmount.set(key, [l.line]);
  }
  for (const g of sameAmount.values()) {
    if (g.length < 2) continue;
    const ordered = [...g].sort((a, b) => (lines[a - 1]?.date ?? '').localeCompare(lines[b - 1]?.date ?? '') || a - b);
    const invoices = ordered
      .map((n) => truth.get(n)?.invoiceIds[0] ?? '')
      .map((id) => itemById.get(id) as OpenItem)
      .sort(
        (a, b) => a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.invoiceId.localeCompare(b.invoiceId),
      );
    ordered.forEach((n, k) => {
      const t = truth.get(n);
      const inv = invoices[k];
      if (t && inv) truth.set(n, { ...t, invoiceIds: [inv.invoiceId] });
    });
  }

  // Partial payments last: part of the oldest invoice nobody else pays.
  for (const { line, customer } of pending) {
    const oldest = untargeted(customer)[0];
    const t = truth.get(line.line);
    if (!oldest || !t) {
      lines[line.line - 1] = { ...line, amount: 1_234, payer: 'ｿﾉﾀ' };
      truth.set(line.line, { customerId: '', invoiceIds: [], scenario: 'unrelated' });
      continue;
    }
    targeted.add(oldest.invoiceId);
    const amount = Math.max(1_000, Math.floor((oldest.amount * (0.2 + r() * 0.5)) / 1_000) * 1_000);
    if (amount >= oldest.amount) {
      lines[line.line - 1] = { ...line, amount: oldest.amount };
      truth.set(line.line, { ...t, invoiceIds: [oldest.invoiceId], scenario: 'exact' });
      continue;
    }
    lines[line.line - 1] = { ...line, amount };
    truth.set(line.line, { ...t, invoiceIds: [oldest.invoiceId] });
  }
  return { customers, groups, items, lines, truth };
}

// ── evaluation ─────────────────────────────────────────────────────────────────────────

export interface Accuracy {
  readonly deposits: number;
  /** Deposits that belong to an invoice. */
  readonly matchable: number;
  readonly auto: number;
  readonly autoCorrect: number;
  readonly suggested: number;
  /** Matchable deposits whose truth is the auto match or the suggestion's best candidate. */
  readonly truthInAutoOrBest: number;
  /** … or any candidate the decision lists (best + alternatives). */
  readonly truthInAutoOrAny: number;
  /** auto correct / auto */
  readonly precision: number;
  /** auto correct / matchable */
  readonly recall: number;
  readonly coverage: number;
  readonly coverageAny: number;
  /** Wrong auto matches by scenario, to see what fails. */
  readonly wrongByScenario: Record<string, number>;
}

interface DecisionLike {
  readonly line: { readonly line: number };
  readonly status: string;
  readonly customerId: string;
  readonly allocations: readonly { readonly invoiceId: string }[];
  readonly alternatives: readonly { readonly invoiceIds: readonly string[] }[];
}

/**
 * Precision, recall and coverage of decisions against the truth. Two open invoices of one
 * customer with the same amount cannot be told apart by anything on the bank line; the rule
 * "the oldest due date takes it" decides, so either counts as right (compared as customer+amount).
 */
export function evaluate(
  decisions: readonly DecisionLike[],
  truth: ReadonlyMap<number, Truth>,
  items: readonly Pick<OpenItem, 'invoiceId' | 'customerId' | 'amount'>[],
): Accuracy {
  const sig = new Map(items.map((i) => [i.invoiceId, `${i.customerId}|${i.amount}`] as const));
  const key = (ids: readonly string[]) => ids.map((id) => sig.get(id) ?? id).sort();
  const sameSet = (a: readonly string[], b: readonly string[]) => {
    const x = key(a);
    const y = key(b);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  };
  let matchable = 0;
  let auto = 0;
  let autoCorrect = 0;
  let suggested = 0;
  let best = 0;
  let any = 0;
  const wrongByScenario: Record<string, number> = {};
  for (const d of decisions) {
    const t = truth.get(d.line.line);
    if (!t) continue;
    const ids = d.allocations.map((a) => a.invoiceId);
    const right = t.customerId !== '' && sameSet(ids, t.invoiceIds);
    if (t.customerId !== '') matchable++;
    if (d.status === 'auto') {
      auto++;
      if (right) autoCorrect++;
      else wrongByScenario[t.scenario] = (wrongByScenario[t.scenario] ?? 0) + 1;
    }
    if (d.status === 'suggested') suggested++;
    if (t.customerId === '' || d.status === 'unmatched') continue;
    if (right) {
      best++;
      any++;
    } else if (d.status === 'suggested' && d.alternatives.some((a) => sameSet(a.invoiceIds, t.invoiceIds))) any++;
  }
  return {
    deposits: decisions.length,
    matchable,
    auto,
    autoCorrect,
    suggested,
    truthInAutoOrBest: best,
    truthInAutoOrAny: any,
    precision: auto === 0 ? 1 : autoCorrect / auto,
    recall: matchable === 0 ? 1 : autoCorrect / matchable,
    coverage: matchable === 0 ? 1 : best / matchable,
    coverageAny: matchable === 0 ? 1 : any / matchable,
    wrongByScenario,
  };
}

// ── files ──────────────────────────────────────────────────────────────────────────────

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The statement as a generic bank CSV. */
export function bankCsv(lines: readonly BankLine[]): string {
  const out = ['date,amount,payer,edi,virtual_account'];
  for (const l of lines) out.push([l.date, l.direction === 'in' ? l.amount : -l.amount, q(l.payer), q(l.edi), l.virtualAccount].join(','));
  return `${out.join('\n')}\n`;
}

/** The open items as the open-items CSV. */
export function openItemsCsv(items: readonly OpenItem[]): string {
  // The 許容差額 column only when some customer has one: the basic data set's file stays as it was.
  const tolerance = items.some((i) => i.tolerance !== undefined);
  const out = [
    `invoice_id,customer_id,customer_name,customer_kana,issue_date,due_date,amount,payer_names,fee_burden,virtual_account${tolerance ? ',tolerance' : ''}`,
  ];
  for (const i of items) {
    out.push(
      [
        i.invoiceId,
        i.customerId,
        q(i.customerName),
        q(i.customerKana),
        i.issueDate,
        i.dueDate,
        i.amount,
        q(i.payerNames.join('|')),
        i.feeBurden === 'ours' ? '当方' : i.feeBurden === 'theirs' ? '先方' : '',
        i.virtualAccount,
        ...(tolerance ? [i.tolerance ?? ''] : []),
      ].join(','),
    );
  }
  return `${out.join('\n')}\n`;
}
