/**
 * 入金消込, step 1: which customer a deposit comes from — virtual account → EDI invoice number →
 * learned 振込依頼人コード → learned payer name → customer kana / 振込名義 (exact, after
 * normalisation) → a name the bank cut (prefix). Only a unique customer lets the amount passes
 * run; several are namesakes, left to match-leftovers.ts.
 */
import { compareNames, isCutPrefix, legalFormsAgree, mayBeTruncated } from '../kana/compare.js';
import { kanaKey } from '../kana/normalize.js';
import type { PayerName } from '../kana/payer-name.js';
import type { Learned, LearnedFact } from './learned.js';
import { compareText } from './invoice-key.js';
import { type CustomerBlock, NO_ITEM, type NameEntry, type OpenItemIndex, pushTo, type Seq } from './open-item-index.js';
import type { BankLine, CustomerMethod } from './types.js';
import type { LearnedIndex, Payer, Resolution, Run } from './match-work.js';

export function indexLearned(learned: Learned | undefined): LearnedIndex {
  const payers = new Map<string, LearnedFact[]>();
  const codes = new Map<string, LearnedFact[]>();
  const feeFacts = new Map<string, LearnedFact[]>();
  for (const f of learned?.facts ?? []) {
    const map = f.kind === 'payer' ? payers : f.kind === 'code' ? codes : feeFacts;
    const key = f.kind === 'fee' ? f.customerId : f.payerKey;
    pushTo(map, key, f);
  }
  const fees = new Map<string, number[]>();
  for (const [customer, facts] of feeFacts)
    fees.set(
      customer,
      facts.sort((a, b) => b.count - a.count).map((f) => f.fee),
    );
  return { payers, codes, fees };
}

/** The learned fact that wins: 仕向銀行・支店 agreeing first, then most seen, then newest. */
function bestLearned(facts: readonly LearnedFact[], line: BankLine): { customer: string; count: number } | 'ambiguous' | undefined {
  if (facts.length === 0) return undefined;
  const bank = kanaKey(line.remitterBank);
  const branch = kanaKey(line.remitterBranch);
  const rank = (f: LearnedFact) =>
    (f.remitterBank !== '' && f.remitterBank === bank ? 2 : 0) + (f.remitterBranch !== '' && f.remitterBranch === branch ? 1 : 0);
  const sorted = [...facts].sort((a, b) => rank(b) - rank(a) || b.count - a.count || compareText(b.lastDate, a.lastDate));
  const [top, second] = sorted;
  if (!top) return undefined;
  if (
    second &&
    second.customerId !== top.customerId &&
    rank(second) === rank(top) &&
    second.count === top.count &&
    second.lastDate === top.lastDate
  ) {
    return 'ambiguous';
  }
  return { customer: top.customerId, count: top.count };
}

/** The EDI field whole, and each word of it: payers write `INV-001 5月分` or `INV-001/INV-002`. */
export function ediTokens(edi: string): string[] {
  const words = edi.split(/[\s,./:;]+/);
  // One word (the usual case) is the field itself.
  return words.length === 1 && words[0] === edi ? words : [edi, ...words];
}

/** A resolution with its one customer's block looked up (once here, not once per deposit). */
function resolved(
  index: OpenItemIndex,
  method: CustomerMethod,
  customers: readonly string[],
  reason: string,
  invoice: Seq = NO_ITEM,
  /** The one customer's block when the caller has it at hand. */
  known?: CustomerBlock,
): Resolution {
  // One literal, every field always present: resolutions of one shape keep the property reads
  // of the passes monomorphic (a spread made a shape per combination of fields).
  const block = customers.length === 1 ? (known ?? index.customers.get(customers[0] ?? '')) : undefined;
  return { method, customers, reason, invoice, block, preferred: '' };
}

/** 専用口座: a virtual account that belongs to one customer (and maybe to one invoice). */
export function byVirtualAccount(line: BankLine, run: Run): Resolution | undefined {
  if (line.virtualAccount === '') return undefined;
  // Resolved before any pass clears an invoice, so one account always resolves the same way:
  // once per account, not once per deposit.
  let found = run.byAccount.get(line.virtualAccount);
  if (found === undefined) {
    found = byVirtualAccountUncached(line.virtualAccount.replace(/\D/g, ''), run.index) ?? null;
    run.byAccount.set(line.virtualAccount, found);
  }
  return found ?? undefined;
}

function byVirtualAccountUncached(va: string, index: OpenItemIndex): Resolution | undefined {
  if (va === '') return undefined;
  const items = index.byVirtualAccount.get(va) ?? [];
  const customers = [...new Set(items.map((s) => index.blockOfItem(s).id))];
  if (customers.length !== 1) return undefined;
  const only = items.length === 1 ? (items[0] as Seq) : NO_ITEM;
  return resolved(
    index,
    'virtual_account',
    customers,
    `専用口座${va}`,
    only !== NO_ITEM && (index.residual[only] as number) > 0 ? only : NO_ITEM,
  );
}

/** EDI情報 naming exactly one invoice (`keys`: the invoice keys of its words, worked out in the walk). */
export function byEdi(keys: readonly string[], run: Run): Resolution | undefined {
  const hits = new Set<Seq>();
  for (const key of keys) {
    const hit = run.invoices.get(key);
    if (hit !== undefined) hits.add(hit);
  }
  const [only] = hits;
  if (hits.size !== 1 || only === undefined) return undefined;
  const { index } = run;
  const block = index.blockOfItem(only);
  return resolved(index, 'edi', [block.id], `EDI情報に請求書番号${index.invoiceId(only)}`, only, block);
}

/** After the virtual account and EDI: learned 振込依頼人コード, learned payer name, then the name itself. */
export function byPayer(line: BankLine, entry: Payer, run: Run): Resolution | undefined {
  const { index, learned } = run;
  // With nothing learned (most runs) the parsed name is not even read here: it was resolved already.
  if (learned.codes.size > 0) {
    const code = line.payerCode || entry.name.payerNumber;
    const best = code === '' ? undefined : bestLearned(learned.codes.get(code) ?? [], line);
    if (best && best !== 'ambiguous')
      return resolved(index, 'payer_code', [best.customer], `振込依頼人コード${code}（学習済み${best.count}回）`);
  }
  if (learned.payers.size > 0 && entry.name.key !== '') {
    const best = bestLearned(learned.payers.get(entry.name.key) ?? [], line);
    if (best && best !== 'ambiguous') {
      // A payer for several customers (a parent company) stays one: what was learned decides
      // only between those its amount fits, not every payment it makes.
      const several = entry.byName;
      if (several && several.customers.length > 1 && several.customers.includes(best.customer))
        return { ...several, reason: `${several.reason}（学習済み: ${best.customer}、${best.count}回）`, preferred: best.customer };
      return resolved(index, 'learned', [best.customer], `学習済みの振込名義（${best.count}回）`);
    }
  }
  return entry.byName ?? undefined;
}

/** Shortest payer key taken as a name the payer cut short (カントウヤマダ is 7). */
const SHORT_NAME_MIN = 5;
/** More customers than this sharing the start of their names: the cut name says too little. */
const SHORT_NAME_MAX_CUSTOMERS = 8;

/** Why an exact name match found this customer: the kana, a registered 振込名義, or the kana once a spelled-out 法人格 is read. */
function exactReason(payer: PayerName, entry: NameEntry): { method: CustomerMethod; reason: string } {
  if (entry.via === 'payer_names') return { method: 'payer_names', reason: '登録済みの振込名義と一致' };
  const spelled = payer.legalSpelled ? payer.legalForm : entry.name.legalSpelled ? entry.name.legalForm : undefined;
  if (spelled)
    return {
      method: 'spelled_legal_form',
      reason: `振込名義が得意先カナと一致（書き出された法人格「${spelled.ja}」を法人略語と同じに読んだ）`,
    };
  return { method: 'name', reason: '振込名義が得意先カナと一致' };
}

/**
 * By name alone. Each distinct payer string is resolved once; spellings that parse alike are
 * not looked up once per (key, legal form, written length) any more: the table for that cost
 * more to fill than the look-ups it saved (44,600 of 62,400 were distinct anyway).
 */
export function resolveByName(payer: PayerName, index: OpenItemIndex): Resolution | undefined {
  const entries = index.byNameKey.get(payer.key) ?? NO_ENTRIES;
  // Most keys name one customer: that case without the lists below.
  const [only] = entries;
  if (entries.length === 1 && only && compareNames(payer, only.name) === 'exact') {
    const { method, reason } = exactReason(payer, only);
    return resolved(index, method, [only.customerId], reason, undefined, only.block);
  }
  const exact = entries.filter((e) => compareNames(payer, e.name) === 'exact');
  const exactCustomers = customersOf(exact);
  if (exactCustomers.length === 1) {
    const first = exact.find((e) => e.via === 'name') ?? (exact[0] as NameEntry);
    const { method, reason } = exactReason(payer, first);
    return resolved(index, method, exactCustomers, reason, undefined, first.block);
  }
  if (exactCustomers.length > 1) return severalByName(payer, exact, exactCustomers, index);
  if (mayBeTruncated(payer) && payer.key.length >= 6) {
    const found = index.keysStartingWith(payer.key.slice(0, -1)).filter((e) => compareNames(payer, e.name) !== 'none');
    const customers = customersOf(found);
    if (customers.length > 0) {
      const reason =
        customers.length === 1
          ? `振込名義（${payer.writtenLength}文字で切れている）が得意先カナの先頭と一致`
          : `切れた振込名義に合う得意先が${customers.length}件`;
      return resolved(index, 'truncated_name', customers, reason, undefined, found[0]?.block);
    }
  }
  return byShortName(payer, index);
}

/**
 * One name, several customers. A name registered as 振込名義 of several customers is a group
 * payer (a parent paying for its subsidiaries): the amount decides among them. Namesakes
 * (同名の得意先) are told apart by the legal form: the payer's, when exactly one of them has it;
 * a payer without one, when exactly one of them has none (a sole proprietor beside a company).
 */
function severalByName(payer: PayerName, exact: readonly NameEntry[], customers: string[], index: OpenItemIndex): Resolution {
  if (exact.some((e) => e.via === 'payer_names'))
    return resolved(index, 'group', customers, `登録済みの振込名義が得意先${customers.length}件に共通（グループ会社の支払）`);
  const form = payer.legalForm;
  const sameForm = customersOf(exact.filter((e) => (form ? e.name.legalForm?.id === form.id : e.name.legalForm === undefined)));
  const [one] = sameForm;
  if (sameForm.length === 1 && one !== undefined) {
    const reason = form
      ? `同名の得意先${customers.length}件のうち法人格（${form.ja}）が一致するのはこの1件`
      : `同名の得意先${customers.length}件のうち法人格のない得意先（個人事業主）はこの1件`;
    return resolved(index, 'legal_form', [one], reason);
  }
  return resolved(index, 'name', customers, `同名の得意先が${customers.length}件`, undefined, exact[0]?.block);
}

/**
 * A name the payer wrote short (ｶﾝﾄｳﾔﾏﾀﾞ for カントウヤマダショウジ, ｶ)ｼﾝｱｻﾋｺｳｷ for シンアサヒコウギョウ):
 * its key, at least SHORT_NAME_MIN long, starts the name of one customer — or of a few, among
 * whom the amount must decide; the legal forms agree where both are known.
 */
function byShortName(payer: PayerName, index: OpenItemIndex): Resolution | undefined {
  const key = payer.key;
  if (key.length < SHORT_NAME_MIN) return undefined;
  // A cut between a kana and its voiced mark (ｺｳｷ|ﾞ): the voiced spelling is looked for too.
  const last = key.charAt(key.length - 1);
  const voiced = `${last}\u3099`.normalize('NFC');
  const limit = 4 * SHORT_NAME_MAX_CUSTOMERS;
  const starting = index.keysStartingWith(key, limit + 1);
  if (voiced.length === 1) starting.push(...index.keysStartingWith(key.slice(0, -1) + voiced, limit + 1));
  if (starting.length > limit) return undefined;
  const found = starting.filter((e) => e.name.key.length > key.length && legalFormsAgree(payer, e.name) && isCutPrefix(key, e.name.key));
  const customers = customersOf(found);
  if (customers.length === 0 || customers.length > SHORT_NAME_MAX_CUSTOMERS) return undefined;
  const reason =
    customers.length === 1
      ? '振込名義が得意先名の先頭と一致（途中で切れた名義）'
      : `振込名義が得意先${customers.length}件の名前の先頭と一致（途中で切れた名義）`;
  return resolved(index, 'short_name', customers, reason, undefined, found[0]?.block);
}

const NO_ENTRIES: readonly NameEntry[] = Object.freeze([]);

/** The distinct customers of name entries, in order (most names belong to one). */
function customersOf(entries: readonly NameEntry[]): string[] {
  const [only] = entries;
  if (entries.length === 1 && only) return [only.customerId];
  return [...new Set(entries.map((e) => e.customerId))];
}
