/**
 * A second 入金消込 data generator, separate from bench/reconcile-data.ts: its own vocabulary
 * (trade names built from place, nature and trade words, not family names), its own mix of legal
 * forms and its own rates, its own way of writing names the bank way, and its own truth. It
 * checks that the engine's accuracy is not an artefact of the one generator it is tuned on.
 */
import { bankLine } from '../../../core/reconcile/bank-statement.js';
import type { BankLine, OpenItem } from '../../../core/reconcile/types.js';

/** xorshift32 (the other generator uses mulberry32). */
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

const PLACE = 'ミナト アサヒ ホクト ナンカイ トウホク キンキ チュウブ シコク ヤマト ムサシ サガミ エチゴ'.split(' ');
const NATURE = 'カワ ヤマ モリ ウミ ソラ ハヤテ イズミ サクラ カエデ ツバサ ホシ タイヨウ'.split(' ');
const TRADE = 'ブッサン ショウカイ コウムテン セイキ ツウショウ カコウ ヨウコウ リース クリニック ガクエン'.split(' ');
const PERSON = 'オカベ ツジ ヒグチ ミズノ クリタ イマムラ'.split(' ');
const GIVEN = 'ケンタ ユイ ソウタ ハルカ'.split(' ');

interface Form {
  readonly abbr: string;
  readonly kanji: string;
  readonly kana: string;
  readonly share: number;
}
const FORMS: readonly Form[] = [
  { abbr: 'ｶ', kanji: '株式会社', kana: 'カブシキガイシャ', share: 0.5 },
  { abbr: 'ﾕ', kanji: '有限会社', kana: 'ユウゲンガイシャ', share: 0.15 },
  { abbr: 'ﾄﾞ', kanji: '合同会社', kana: 'ゴウドウガイシャ', share: 0.08 },
  { abbr: 'ｲ', kanji: '医療法人社団', kana: 'イリョウホウジンシャダン', share: 0.06 },
  { abbr: 'ｼﾔ', kanji: '一般社団法人', kana: 'イッパンシャダンホウジン', share: 0.05 },
  { abbr: 'ｻﾞｲ', kanji: '公益財団法人', kana: 'コウエキザイダンホウジン', share: 0.03 },
  { abbr: 'ﾌｸ', kanji: '社会福祉法人', kana: 'シャカイフクシホウジン', share: 0.04 },
  { abbr: 'ｶﾞｸ', kanji: '学校法人', kana: 'ガッコウホウジン', share: 0.03 },
  { abbr: 'ﾄｸﾋ', kanji: '特定非営利活動法人', kana: 'トクテイヒエイリカツドウホウジン', share: 0.03 },
  { abbr: 'ｼ', kanji: '合資会社', kana: 'ゴウシガイシャ', share: 0.03 },
];

/** Katakana → what a bank sends: small kana full size, half-width, long vowel as ｰ. */
const HALF = new Map<string, string>();
for (let c = 0xff71; c <= 0xff9d; c++) {
  const h = String.fromCharCode(c);
  HALF.set(h.normalize('NFKC'), h);
  for (const mark of ['ﾞ', 'ﾟ']) {
    const full = (h + mark).normalize('NFKC');
    if (full.length === 1) HALF.set(full, h + mark);
  }
}
HALF.set('ヲ', 'ｦ');
HALF.set('ー', 'ｰ');
const BIG: Record<string, string> = { ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ッ: 'ツ', ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ' };
function asBank(kana: string): string {
  let out = '';
  for (const ch of kana.replace(/ /g, '')) out += HALF.get(BIG[ch] ?? ch) ?? ch;
  return out;
}

export interface IndependentCase {
  readonly items: OpenItem[];
  readonly lines: BankLine[];
  /** Per bank line: the customer and invoice ids it pays ('' and [] for nobody's). */
  readonly truth: Map<number, { customer: string; invoices: string[]; kind: string }>;
}

interface Party {
  id: string;
  name: string;
  kana: string;
  core: string;
  form: Form | undefined;
  burden: 'ours' | 'theirs' | undefined;
  payerNames: string[];
  items: OpenItem[];
}

export function independentCase(seed: number, parties = 1_500, deposits = 3_000): IndependentCase {
  const rnd = random(seed);
  const any = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const people: Party[] = [];
  const taken = new Set<string>();
  for (let i = 0; people.length < parties && i < parties * 20; i++) {
    let form: Form | undefined;
    let core: string;
    const kind = rnd();
    if (kind < 0.06) {
      core = `${any(PERSON)} ${any(GIVEN)}`;
    } else {
      const x = rnd();
      let below = 0;
      form =
        FORMS.find((f) => {
          below += f.share;
          return x < below;
        }) ?? FORMS[0];
      core = `${any(PLACE)}${any(NATURE)}${any(TRADE)}`;
      if (rnd() < 0.03 && people.length > 0) {
        // A sole proprietor under the name of a company already in the master.
        const company = any(people.filter((p) => p.form));
        if (company) {
          core = company.core;
          form = undefined;
        }
      }
    }
    const key = `${core}/${form?.kanji ?? ''}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const spelled = form && form.abbr !== 'ｶ' && rnd() < 0.5;
    people.push({
      id: `K-${people.length + 1}`,
      name: `${form?.kanji ?? ''}${core}`,
      kana: spelled && form ? `${form.kana}${core}` : core,
      core,
      form,
      burden: rnd() < 0.5 ? 'ours' : rnd() < 0.7 ? 'theirs' : undefined,
      payerNames: [],
      items: [],
    });
  }
  // Holding companies: about 2 % of the parties pay through a parent registered as their 振込名義.
  const parents: { name: string; members: Party[] }[] = [];
  for (let g = 0; g < Math.max(1, Math.floor(people.length / 60)); g++) {
    const name = `ｶ)${asBank(`${any(PLACE)}${any(NATURE)}ホールディングス`)}`;
    const members = [any(people), any(people)].filter((p, k, a) => p.form && !p.payerNames.length && a.indexOf(p) === k);
    if (members.length < 2) continue;
    for (const m of members) m.payerNames.push(name);
    parents.push({ name, members });
  }
  const items: OpenItem[] = [];
  let no = 0;
  for (const p of people) {
    const count = 2 + Math.floor(rnd() * 8);
    for (let k = 0; k < count; k++) {
      const month = 2 + Math.floor(rnd() * 4);
      const item: OpenItem = {
        invoiceId: `S${seed}-${++no}`,
        customerId: p.id,
        customerName: p.name,
        customerKana: p.kana,
        issueDate: `2026-0${month}-1${Math.floor(rnd() * 10)}`,
        dueDate: `2026-0${month + 1}-2${Math.floor(rnd() * 9)}`,
        amount: rnd() < 0.5 ? 1_100 * (1 + Math.floor(rnd() * 300)) : 3_000 + Math.floor(rnd() * 900_000),
        payerNames: p.payerNames,
        feeBurden: p.burden,
        virtualAccount: '',
        row: items.length + 2,
      };
      p.items.push(item);
      items.push(item);
    }
  }
  const paid = new Set<string>();
  const unpaid = (p: Party) => p.items.filter((i) => !paid.has(i.invoiceId) && p.items.filter((j) => j.amount === i.amount).length === 1);
  const lines: BankLine[] = [];
  const truth: IndependentCase['truth'] = new Map();
  const add = (amount: number, payer: string, customer: string, invoices: string[], kind: string) => {
    const n = lines.length + 1;
    lines.push(
      bankLine({
        line: n,
        row: n + 1,
        file: 'bank.csv',
        date: `2026-07-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
        direction: 'in',
        amount,
        payer,
      }),
    );
    truth.set(n, { customer, invoices, kind });
  };
  const written = (p: Party) => {
    const name = asBank(p.core);
    if (!p.form) return name;
    const w = rnd();
    return w < 0.6 ? `${p.form.abbr})${name}` : w < 0.85 ? `${name}(${p.form.abbr}` : `${asBank(p.form.kana)} ${name}`.slice(0, 48);
  };
  for (let guard = 0; lines.length < deposits && guard < deposits * 20; guard++) {
    const roll = rnd();
    if (roll < 0.05) {
      add(1 + Math.floor(rnd() * 90_000), asBank(`${any(PERSON)}${any(GIVEN)}`), '', [], 'nobody');
      continue;
    }
    if (roll < 0.1 && parents.length > 0) {
      const g = any(parents);
      const open = g.members.flatMap(unpaid);
      if (open.length === 0) continue;
      const one = any(open);
      paid.add(one.invoiceId);
      add(one.amount, g.name, one.customerId, [one.invoiceId], 'parent');
      continue;
    }
    const p = any(people);
    const open = unpaid(p);
    if (open.length === 0) continue;
    const inv = any(open);
    if (roll < 0.18 && open.length >= 2) {
      const two = [inv, any(open.filter((i) => i !== inv))];
      for (const i of two) paid.add(i.invoiceId);
      add(
        two.reduce((s, i) => s + i.amount, 0),
        written(p),
        p.id,
        two.map((i) => i.invoiceId),
        'two',
      );
      continue;
    }
    paid.add(inv.invoiceId);
    if (roll < 0.25 && p.form) {
      const cut = asBank(p.core).slice(0, 6 + Math.floor(rnd() * 3));
      add(inv.amount, cut, p.id, [inv.invoiceId], 'cut');
    } else if (roll < 0.29) {
      add(inv.amount - (1 + Math.floor(rnd() * 600)), written(p), p.id, [inv.invoiceId], 'short');
    } else if (roll < 0.4 && p.burden === 'ours') {
      add(inv.amount - any([220, 330, 440, 660]), written(p), p.id, [inv.invoiceId], 'fee');
    } else add(inv.amount, written(p), p.id, [inv.invoiceId], 'exact');
  }
  return { items, lines, truth };
}
