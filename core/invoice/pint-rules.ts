/**
 * The official JP PINT rules that can apply to what Urakata writes, checked on the written XML.
 *
 * Source: Peppol PINT JP 1.1.3 (OpenPEPPOL, valid from 2026-05-18), as published in phax/phive-rules
 * `pint-jp/1.1.3`: the jurisdiction rules `PINT-jurisdiction-aligned-rules` (aligned-ibr-jp-*,
 * aligned-ibrp-*) and the shared PINT UBL rules (ibr-*, ibr-co-*, ibr-sr-*, ibr-cl-*). Each rule
 * keeps its official id and test; where the official context is narrower than the test here, the
 * note says so. Rules about elements Urakata never writes (allowances and charges, preceding
 * invoices, payee, tax representative, attachments, card payments, delivery…) are left out: they
 * cannot fire on this output. Code lists are the official ones (ISO 4217, ISO 3166-1, UNCL 4461,
 * the Peppol EAS list) except UN/ECE Rec 20, of which only the unit codes Urakata writes are kept.
 *
 * {@link pintRuleFailures} runs them all; {@link parsePeppolId} applies the electronic-address
 * rules (ibr-cl-25 and the scheme formats) to an id as the user typed it.
 */
import { checkRegistrationNumber } from './registration.js';
import { parseXml, type XmlElement } from './xml-read.js';

/** A participant identifier: EAS scheme (4 digits) and the id within it. */
export interface PeppolId {
  readonly scheme: string;
  readonly id: string;
}

/**
 * Electronic address schemes Peppol accepts (ibr-cl-25, the Peppol EAS code list as in the PINT JP
 * 1.1.3 rules: 9901 is no longer in it; 0154, 0158, 0177, 0235, 0240, 0242, 0244, 0245, 0246 and 0248
 * are). The Japanese ones: 0188 法人番号 (JP:SST, 13 digits) and 0221 適格請求書発行事業者登録番号
 * (JP:IIN, "T" + 13 digits).
 */
export const EAS_CODES: ReadonlySet<string> = new Set(
  (
    '0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0151 0154 0158 0177 0183 0184 0188 0190 0191 0192 0193 ' +
    '0195 0196 0198 0199 0200 0201 0202 0204 0208 0209 0210 0211 0212 0213 0215 0216 0218 0221 0230 0235 0240 0242 0244 ' +
    '0245 0246 0248 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 ' +
    '9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959'
  ).split(' '),
);

const digitsOf = (s: string): number[] => [...s].map(Number);

/** GS1 check digit (ibr-068). */
function gln(v: string): boolean {
  const d = digitsOf(v.slice(0, -1)).reverse();
  const sum = d.reduce((a, x, i) => a + x * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(v.slice(-1));
}

/** Norwegian organisation number, mod 11 (ibr-069). */
function mod11(v: string): boolean {
  const d = digitsOf(v.slice(0, -1)).reverse();
  const sum = d.reduce((a, x, i) => a + x * ((i % 6) + 2), 0);
  return Number(v) > 0 && (11 - (sum % 11)) % 11 === Number(v.slice(-1));
}

/** Italian partita IVA: the official u:checkPIVA sum (ibr-116). */
function pivaOk(v: string): boolean {
  if (!/^\d+$/.test(v)) return false;
  const sum = digitsOf(v).reduce((a, x, i) => a + (i % 2 === 1 ? Number('0246813579'[x]) : x), 0);
  return sum % 10 === 0;
}

/** An Italian VAT number is checked only when it starts with IT (or it), as the official u:checkPIVAseIT does. */
const partitaIva = (v: string): boolean => !(v.startsWith('IT') || v.startsWith('it')) || (v.length === 13 && pivaOk(v.slice(2)));

/** Italian codice fiscale: 16 characters in the official letter/digit pattern, or 11 digits (ibr-115). */
const codiceFiscale = (v: string): boolean => /^[A-Za-z]{6}\d{2}[A-Za-z]\d{2}.{3}\d[A-Za-z]$/.test(v) || /^[+-]?\d{11}$/.test(v);

/** Australian Business Number, weights 10,1,3,…,19 mod 89 (ibr-120). */
function abn(v: string): boolean {
  const w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  const d = digitsOf(v);
  return d.reduce((a, x, i) => a + (i === 0 ? x - 1 : x) * (w[i] ?? 0), 0) % 89 === 0;
}

/** The official format rules of some schemes, for endpoints, party and legal identifiers. */
const SCHEME_FORMAT: Readonly<Record<string, { rule: string; ok: (v: string) => boolean }>> = {
  '0088': { rule: 'ibr-068', ok: (v) => /^\d+$/.test(v) && gln(v) },
  '0007': { rule: 'ibr-127', ok: (v) => v.length === 10 && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) },
  '0192': { rule: 'ibr-069', ok: (v) => /^\d{9}$/.test(v) && mod11(v) },
  '0184': { rule: 'ibr-070', ok: (v) => /^DK\d{8}$/.test(v) },
  '0208': { rule: 'ibr-113', ok: (v) => /^\d{10}$/.test(v) && 97 - (Number(v.slice(0, 8)) % 97) === Number(v.slice(8)) },
  '0201': { rule: 'ibr-114', ok: (v) => /^[A-Za-z0-9]{6}$/.test(v) },
  '0210': { rule: 'ibr-115', ok: codiceFiscale },
  '9907': { rule: 'ibr-115', ok: codiceFiscale },
  '0211': { rule: 'ibr-116', ok: (v) => partitaIva(v) },
  '9906': { rule: 'ibr-116', ok: (v) => partitaIva(v) },
  '0151': { rule: 'ibr-120', ok: (v) => /^\d{11}$/.test(v) && abn(v) },
};

export type PeppolIdResult =
  | { readonly ok: true; readonly value: PeppolId }
  | { readonly ok: false; readonly ja: string; readonly en: string };

/**
 * A Peppol participant id as typed: `scheme:id` (full-width characters and a leading
 * `iso6523-actorid-upis::` are accepted). The scheme must be in the EAS list (ibr-cl-25); 0188 is a
 * 法人番号 (13 digits whose first is the check digit, no "T"), 0221 a registration number ("T" + 13
 * digits); the schemes with an official format rule must follow it.
 * @example parsePeppolId('0188:5010001234566') // { ok: true, value: { scheme: '0188', id: '5010001234566' } }
 * @example parsePeppolId('0188:T5010001234566') // { ok: false, ja: '0188（法人番号）は「T」を付けない13桁です…', … }
 */
export function parsePeppolId(text: string): PeppolIdResult {
  const t = text
    .normalize('NFKC')
    .trim()
    .replace(/^iso6523-actorid-upis::/i, '');
  const m = /^(\d{4}):(\S+)$/.exec(t);
  if (!m) {
    return {
      ok: false,
      ja: 'Peppol IDは「スキームID:ID」で入力してください（例: 0188:5010001234566）',
      en: 'Peppol id must be "scheme:id" (e.g. 0188:5010001234566)',
    };
  }
  const [, scheme = '', id = ''] = m;
  if (!EAS_CODES.has(scheme)) {
    return {
      ok: false,
      ja: `スキームID ${scheme} はPeppolの電子アドレス体系（EAS）にありません（ibr-cl-25）。日本の事業者は 0188（法人番号）か 0221（登録番号）です`,
      en: `scheme ${scheme} is not in the Peppol EAS code list (ibr-cl-25); Japanese businesses use 0188 (corporate number) or 0221 (registration number)`,
    };
  }
  if (scheme === '0188' && !(/^\d{13}$/.test(id) && checkRegistrationNumber(`T${id}`).status === 'valid')) {
    return {
      ok: false,
      ja: '0188（法人番号）は「T」を付けない13桁で、先頭が検査用数字です。「T」付きの登録番号なら 0221 を使ってください',
      en: '0188 (corporate number) is 13 digits without "T" whose first digit is the check digit; for a "T" registration number use 0221',
    };
  }
  if (scheme === '0221' && !/^T\d{13}$/.test(id)) {
    return { ok: false, ja: '0221（登録番号）は「T」＋13桁です', en: '0221 (registration number) is "T" followed by 13 digits' };
  }
  const format = SCHEME_FORMAT[scheme];
  if (format && !format.ok(id)) {
    return {
      ok: false,
      ja: `スキーム ${scheme} のIDの形式が正しくありません（${format.rule}）`,
      en: `the id is not in the format of scheme ${scheme} (${format.rule})`,
    };
  }
  return { ok: true, value: { scheme, id } };
}

/* ── Reading the document ─────────────────────────────────────────────────────────────── */

/** Each element's children by name, built once per element (the rules look up the same paths often). */
const childIndex = new WeakMap<XmlElement, Map<string, XmlElement[]>>();
function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  let index = childIndex.get(el);
  if (!index) {
    index = new Map();
    for (const c of el.children) {
      const list = index.get(c.name);
      if (list) list.push(c);
      else index.set(c.name, [c]);
    }
    childIndex.set(el, index);
  }
  return index.get(name) ?? [];
}
const steps = new Map<string, string[]>();
/** Children by a path of names, as xml-read's `all`, through the index. */
function all(el: XmlElement, path: string): XmlElement[] {
  let names = steps.get(path);
  if (!names) {
    names = path.split('/');
    steps.set(path, names);
  }
  let level = [el];
  for (const n of names) level = level.length === 1 && level[0] ? childrenNamed(level[0], n) : level.flatMap((e) => childrenNamed(e, n));
  return level;
}

/** `el` and every element under it, in document order. */
function subtree(el: XmlElement, into: XmlElement[] = []): XmlElement[] {
  into.push(el);
  for (const c of el.children) subtree(c, into);
  return into;
}

const text = (el: XmlElement | undefined): string => el?.text.trim() ?? '';
const first = (el: XmlElement, path: string): XmlElement | undefined => all(el, path)[0];
const has = (el: XmlElement, path: string): boolean => all(el, path).length > 0;
const filled = (el: XmlElement, path: string): boolean => all(el, path).some((e) => text(e) !== '');
const atMost = (el: XmlElement, path: string, n: number): boolean => all(el, path).length <= n;
const vatTax = (cat: XmlElement): boolean => all(cat, 'cac:TaxScheme/cbc:ID').some((i) => text(i).toUpperCase() === 'VAT');

/** A decimal as an exact number of hundredths; undefined when it is not a decimal of at most 2 places. */
function hundredths(s: string): bigint | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const v = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -v : v;
}
const amount = (el: XmlElement, path: string): bigint | undefined => {
  const e = first(el, path);
  return e ? hundredths(e.text) : undefined;
};
const sumOf = (els: XmlElement[], path: string): bigint | undefined =>
  els.reduce<bigint | undefined>((a, e) => {
    const v = amount(e, path);
    return a === undefined || v === undefined ? undefined : a + v;
  }, 0n);
const decimalsAtMost2 = (el: XmlElement, path: string): boolean => all(el, path).every((e) => (e.text.split('.')[1] ?? '').length <= 2);

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

/** xs:date as YYYY-MM-DD of a real day (ibr-073). */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (days[mo - 1] ?? 0);
}

/* ── Code lists ───────────────────────────────────────────────────────────────────────── */

const codes = (s: string): ReadonlySet<string> => new Set(s.split(' '));
/** ISO 4217 alpha-3 (ibr-cl-03, ibr-cl-04), as in the official PINT JP 1.1.3 rules. */
const ISO_4217 = codes(
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW ' +
    'CLF CLP CNH CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD ' +
    'HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL ' +
    'MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON ' +
    'RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
    'USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX ' +
    'YER ZAR ZMW ZWG',
);
/** ISO 3166-1 alpha-2 (ibr-cl-14), as in the official rules. */
const ISO_3166 = codes(
  '1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC ' +
    'CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE ' +
    'GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM ' +
    'KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
    'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH ' +
    'SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG ' +
    'VI VN VU WF WS XI YE YT ZA ZM ZW',
);
/** UNCL 4461 payment means (ibr-cl-16), as in the official rules. */
const UNCL_4461 = codes(
  '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 ' +
    '45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 70 74 75 76 77 78 91 92 93 94 95 96 97 98 ZZZ Z01 ' +
    'Z02 Z03 Z04 Z05 Z06 Z07 Z08',
);
/** The UN/ECE Rec 20 unit codes Urakata writes (H87 piece); all are in the official ibr-cl-23 list. */
const REC_20_WRITTEN = codes('H87');
/** UNCL 5305 tax categories allowed in Japan (aligned-ibrp-cl-01-jp). */
const JP_TAX_CATEGORIES = codes('AA E S G O');

const AMOUNT_NAMES = codes(
  'cbc:Amount cbc:BaseAmount cbc:PriceAmount cbc:LineExtensionAmount cbc:TaxExclusiveAmount cbc:TaxInclusiveAmount ' +
    'cbc:AllowanceTotalAmount cbc:ChargeTotalAmount cbc:PrepaidAmount cbc:PayableRoundingAmount cbc:PayableAmount',
);

/* ── The rules ────────────────────────────────────────────────────────────────────────── */

interface Doc {
  readonly root: XmlElement;
  /** Every element, the root first, in document order. */
  readonly all: XmlElement[];
  /** The elements of each name (`//name`), in document order. */
  readonly byName: ReadonlyMap<string, XmlElement[]>;
  readonly lines: XmlElement[];
  readonly currency: string;
  readonly seller: XmlElement | undefined;
  readonly buyer: XmlElement | undefined;
}

export interface PintRule {
  /** The official id. */
  readonly id: string;
  /** The official text (shortened). */
  readonly text: string;
  /** True when the document satisfies the rule. */
  readonly holds: (d: Doc) => boolean;
}

/** `//name`: every element of that name in the document. */
const named = (d: Doc, name: string): XmlElement[] => d.byName.get(name) ?? [];
const every = <T>(xs: readonly T[], f: (x: T) => boolean): boolean => xs.every(f);
const subtotals = (d: Doc): XmlElement[] => all(d.root, 'cac:TaxTotal/cac:TaxSubtotal');
const categoryOf = (el: XmlElement, path: string): string => text(first(el, path));
const lineParts = (d: Doc, part: string): XmlElement[] => d.lines.flatMap((l) => all(l, part));

/** aligned-ibrp-e-01 / g-01 / o-01: a category used anywhere has exactly one breakdown. */
const oneBreakdown = (cat: string) => (d: Doc) => {
  const used = [...named(d, 'cac:TaxCategory'), ...named(d, 'cac:ClassifiedTaxCategory')].some(
    (c) => vatTax(c) && text(first(c, 'cbc:ID')) === cat,
  );
  const breakdowns = subtotals(d).flatMap((st) => all(st, 'cac:TaxCategory').filter((c) => vatTax(c) && text(first(c, 'cbc:ID')) === cat));
  return !used || breakdowns.length === 1;
};

/** aligned-ibrp-e-05 / g-05: lines of the category have rate 0; o-05: lines of O have no rate. */
const lineRate = (cat: string) => (d: Doc) =>
  every(
    lineParts(d, 'cac:Item/cac:ClassifiedTaxCategory').filter((c) => vatTax(c) && text(first(c, 'cbc:ID')) === cat),
    (c) => (cat === 'O' ? !has(c, 'cbc:Percent') : hundredths(text(first(c, 'cbc:Percent'))) === 0n),
  );

/** aligned-ibrp-e-09 / g-09 / o-09: the breakdown of the category has tax 0. */
const zeroTax = (cat: string) => (d: Doc) =>
  every(
    subtotals(d).filter((st) => categoryOf(st, 'cac:TaxCategory/cbc:ID') === cat),
    (st) => amount(st, 'cbc:TaxAmount') === 0n,
  );

/** aligned-ibrp-051-jp: floor(base × rate) ≤ tax ≤ ceiling(base × rate); tax 0 at rate 0 and for O. */
function taxWindow(st: XmlElement): boolean {
  const cat = categoryOf(st, 'cac:TaxCategory/cbc:ID').toUpperCase();
  const tax = amount(st, 'cbc:TaxAmount');
  if (tax === undefined) return false;
  if (cat === 'O') return !has(st, 'cac:TaxCategory/cbc:Percent') && tax === 0n;
  const base = amount(st, 'cbc:TaxableAmount');
  const pct = hundredths(text(first(st, 'cac:TaxCategory/cbc:Percent')));
  if (base === undefined || pct === undefined) return false;
  if (pct < 50n && pct > -50n) return tax === 0n; // round(rate) = 0
  // base and pct in hundredths: base × pct / 100 in yen = b·p / 10⁶; the tax (hundredths) compared ×100.
  const x = base * pct;
  return floorDiv(x, 1_000_000n) * 100n <= tax && tax <= ceilDiv(x, 1_000_000n) * 100n;
}

/** ibr-085 / ibr-086 / ibr-030 / ibr-co-20 on one line period. */
function linePeriod(d: Doc, p: XmlElement): Record<'085' | '086' | '030' | 'co20', boolean> {
  const start = text(first(p, 'cbc:StartDate'));
  const end = text(first(p, 'cbc:EndDate'));
  const docStart = text(first(d.root, 'cac:InvoicePeriod/cbc:StartDate'));
  const docEnd = text(first(d.root, 'cac:InvoicePeriod/cbc:EndDate'));
  return {
    '085': !start || !docStart || start >= docStart,
    '086': !end || !docEnd || end <= docEnd,
    '030': !start || !end || end >= start,
    co20: start !== '' || end !== '',
  };
}

const endpointOk = (e: XmlElement): boolean => {
  const f = SCHEME_FORMAT[e.attrs.schemeID ?? ''];
  return !f || f.ok(text(e));
};

/** Every rule checked, in the order of the official files (jurisdiction rules, then the shared ones). */
export const PINT_RULES: readonly PintRule[] = [
  // PINT JP 1.1.3 jurisdiction rules (PINT-jurisdiction-aligned-rules).
  {
    id: 'aligned-ibrp-001-jp',
    text: "Specification identifier MUST start with 'urn:fdc:peppol:jp:billing:3.0' or 'urn:peppol:pint:billing-1@jp-1'",
    holds: (d) => /^(urn:fdc:peppol:jp:billing:3\.0|urn:peppol:pint:billing-1@jp-1)/.test(text(first(d.root, 'cbc:CustomizationID'))),
  },
  {
    id: 'aligned-ibrp-002-jp',
    text: "Business process MUST be 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0' or 'urn:peppol:bis:billing'",
    holds: (d) => /urn:fdc:peppol\.eu:2017:poacc:billing:01:1\.0|urn:peppol:bis:billing/.test(text(first(d.root, 'cbc:ProfileID'))),
  },
  {
    id: 'aligned-ibrp-009',
    text: 'Seller tax identifier (ibt-031) MUST occur maximum once (also aligned-ibrp-sr-12)',
    holds: (d) =>
      !d.seller ||
      all(d.seller, 'cac:PartyTaxScheme')
        .filter(vatTax)
        .flatMap((s) => all(s, 'cbc:CompanyID')).length <= 1,
  },
  {
    id: 'aligned-ibrp-sr-13',
    text: 'Seller tax registration (ibt-032) MUST occur maximum once',
    holds: (d) =>
      !d.seller ||
      all(d.seller, 'cac:PartyTaxScheme')
        .filter((s) => !vatTax(s))
        .flatMap((s) => all(s, 'cbc:CompanyID')).length <= 1,
  },
  {
    id: 'aligned-ibrp-052',
    text: 'An Invoice MUST have an invoice period (ibg-14) or an Invoice line period (ibg-26)',
    holds: (d) => named(d, 'cac:InvoicePeriod').length > 0,
  },
  { id: 'aligned-ibrp-e-01', text: 'Exempt (E) used: exactly one E tax breakdown', holds: oneBreakdown('E') },
  { id: 'aligned-ibrp-g-01', text: 'Export (G) used: exactly one G tax breakdown', holds: oneBreakdown('G') },
  { id: 'aligned-ibrp-o-01', text: 'Not subject to tax (O) used: exactly one O tax breakdown', holds: oneBreakdown('O') },
  {
    id: 'aligned-ibr-jp-04',
    text: 'An Invoice shall have the Seller tax identifier (ibt-031)',
    holds: (d) => !!d.seller && has(d.seller, 'cac:PartyTaxScheme/cbc:CompanyID'),
  },
  {
    id: 'aligned-ibr-jp-05',
    text: 'Tax accounting currency (ibt-006), if present, shall be JPY',
    holds: (d) => every(all(d.root, 'cbc:TaxCurrencyCode'), (c) => text(c) === 'JPY'),
  },
  {
    id: 'aligned-ibrp-053-jp',
    text: 'Only one Invoice total tax amount may be present in the document currency (ibt-110)',
    holds: (d) => all(d.root, 'cac:TaxTotal/cbc:TaxAmount').filter((t) => t.attrs.currencyID === d.currency).length <= 1,
  },
  {
    id: 'aligned-ibrp-045',
    text: 'Each tax breakdown (ibg-23) MUST have a tax category taxable amount (ibt-116)',
    holds: (d) => every(subtotals(d), (st) => has(st, 'cbc:TaxableAmount')),
  },
  {
    id: 'aligned-ibrp-051-jp',
    text: 'Tax category tax amount (ibt-117) between floor and ceiling of taxable amount (ibt-116) × rate (ibt-119) / 100',
    holds: (d) => every(subtotals(d), taxWindow),
  },
  {
    id: 'aligned-ibrp-046',
    text: 'Each tax breakdown (ibg-23) MUST have a tax category tax amount (ibt-117)',
    holds: (d) => every(subtotals(d), (st) => has(st, 'cbc:TaxAmount')),
  },
  {
    id: 'aligned-ibrp-047',
    text: 'Each tax breakdown (ibg-23) MUST be defined through a tax category code (ibt-118)',
    holds: (d) => every(subtotals(d), (st) => all(st, 'cac:TaxCategory').some((c) => vatTax(c) && has(c, 'cbc:ID'))),
  },
  {
    id: 'aligned-ibrp-048',
    text: 'Each tax breakdown (ibg-23) MUST have a tax category rate (ibt-119), except if not subject to tax',
    holds: (d) =>
      every(subtotals(d), (st) =>
        all(st, 'cac:TaxCategory').some((c) => vatTax(c) && (has(c, 'cbc:Percent') || text(first(c, 'cbc:ID')) === 'O')),
      ),
  },
  {
    id: 'aligned-ibr-jp-06',
    text: 'Tax category tax amount (ibt-117) in JPY shall not have decimals',
    holds: (d) =>
      every(subtotals(d), (st) => every(all(st, 'cbc:TaxAmount'), (t) => t.attrs.currencyID !== 'JPY' || !t.text.includes('.'))),
  },
  {
    id: 'aligned-ibrp-016',
    text: 'A Payment account identifier (ibt-084) MUST be present for a credit transfer (ibg-17)',
    holds: (d) =>
      every(
        all(d.root, 'cac:PaymentMeans').filter((p) => ['30', '58'].includes(text(first(p, 'cbc:PaymentMeansCode')))),
        (p) => every(all(p, 'cac:PayeeFinancialAccount'), (a) => filled(a, 'cbc:ID')),
      ),
  },
  {
    id: 'aligned-ibrp-049',
    text: 'A Payment instruction (ibg-16) MUST specify the Payment means type code (ibt-081) (also ibr-049)',
    holds: (d) => every(all(d.root, 'cac:PaymentMeans'), (p) => has(p, 'cbc:PaymentMeansCode')),
  },
  { id: 'aligned-ibrp-e-05', text: 'Exempt (E) invoice line: item tax rate (ibt-152) MUST be 0', holds: lineRate('E') },
  { id: 'aligned-ibrp-e-09', text: 'Exempt (E) tax breakdown: tax amount (ibt-117) MUST be 0', holds: zeroTax('E') },
  { id: 'aligned-ibrp-g-05', text: 'Export (G) invoice line: item tax rate (ibt-152) MUST be 0', holds: lineRate('G') },
  { id: 'aligned-ibrp-g-09', text: 'Export (G) tax breakdown: tax amount (ibt-117) MUST be 0', holds: zeroTax('G') },
  { id: 'aligned-ibrp-o-05', text: 'Not subject to tax (O) invoice line: no item tax rate (ibt-152)', holds: lineRate('O') },
  { id: 'aligned-ibrp-o-09', text: 'Not subject to tax (O) tax breakdown: tax amount (ibt-117) MUST be 0', holds: zeroTax('O') },
  {
    id: 'aligned-ibr-jp-01',
    // Official context: /ubl:Invoice only; checked here on credit notes too.
    text: 'From 2023-10-01 the Seller tax identifier shall be a registration number: T + 13 digits',
    holds: (d) => {
      const dates = [...named(d, 'cbc:StartDate'), ...named(d, 'cbc:EndDate')].map(text);
      if (!dates.some((x) => x >= '2023-10-01') || !d.seller) return true;
      return every(all(d.seller, 'cac:PartyTaxScheme').filter(vatTax), (s) => /^T\d{13}$/.test(text(first(s, 'cbc:CompanyID'))));
    },
  },
  {
    id: 'aligned-ibr-jp-03',
    text: 'Tax scheme shall be VAT (Consumption Tax in Japan)',
    holds: (d) =>
      every(
        [...named(d, 'cac:TaxCategory'), ...named(d, 'cac:ClassifiedTaxCategory')].flatMap((c) => all(c, 'cac:TaxScheme/cbc:ID')),
        (i) => text(i).includes('VAT'),
      ),
  },
  {
    id: 'aligned-ibrp-050-jp',
    // Official context `/ubl:InvoiceLine` never matches; checked here on every line, O lines without a rate (o-05).
    text: 'Each Invoice line (ibg-25) MUST have an item tax category code (ibt-151) and rate (ibt-152)',
    holds: (d) =>
      every(d.lines, (l) =>
        all(l, 'cac:Item/cac:ClassifiedTaxCategory').some(
          (c) => vatTax(c) && has(c, 'cbc:ID') && (has(c, 'cbc:Percent') || text(first(c, 'cbc:ID')) === 'O'),
        ),
      ),
  },
  {
    id: 'aligned-ibrp-cl-01-jp',
    text: 'Japanese invoice tax categories MUST be coded using UNCL5305 (AA E S G O)',
    holds: (d) =>
      every(
        [...named(d, 'cac:TaxCategory'), ...named(d, 'cac:ClassifiedTaxCategory')].flatMap((c) => all(c, 'cbc:ID')),
        (i) => JP_TAX_CATEGORIES.has(text(i)),
      ),
  },
  {
    id: 'aligned-ibrp-cl-02-jp',
    text: 'The document type code (ibt-003) MUST be 380',
    holds: (d) => every(all(d.root, 'cbc:InvoiceTypeCode'), (c) => text(c) === '380'),
  },

  // Shared PINT UBL rules.
  { id: 'ibr-001', text: 'An Invoice MUST have a Specification identifier (ibt-024)', holds: (d) => filled(d.root, 'cbc:CustomizationID') },
  { id: 'ibr-002', text: 'An Invoice MUST have an Invoice number (ibt-001)', holds: (d) => filled(d.root, 'cbc:ID') },
  { id: 'ibr-003', text: 'An Invoice MUST have an Invoice issue date (ibt-002)', holds: (d) => filled(d.root, 'cbc:IssueDate') },
  {
    id: 'ibr-004',
    text: 'An Invoice MUST have an Invoice type code (ibt-003)',
    holds: (d) => filled(d.root, 'cbc:InvoiceTypeCode') || filled(d.root, 'cbc:CreditNoteTypeCode'),
  },
  {
    id: 'ibr-005',
    text: 'An Invoice MUST have an Invoice currency code (ibt-005)',
    holds: (d) => filled(d.root, 'cbc:DocumentCurrencyCode'),
  },
  {
    id: 'ibr-006',
    text: 'An Invoice MUST contain the Seller name (ibt-027)',
    holds: (d) => !!d.seller && filled(d.seller, 'cac:PartyLegalEntity/cbc:RegistrationName'),
  },
  {
    id: 'ibr-007',
    text: 'An Invoice MUST contain the Buyer name (ibt-044)',
    holds: (d) => !!d.buyer && filled(d.buyer, 'cac:PartyLegalEntity/cbc:RegistrationName'),
  },
  {
    id: 'ibr-008',
    text: 'An Invoice MUST contain the Seller postal address (ibg-05)',
    holds: (d) => !!d.seller && has(d.seller, 'cac:PostalAddress'),
  },
  {
    id: 'ibr-009',
    text: 'The Seller postal address (ibg-05) MUST contain a Seller country code (ibt-040)',
    holds: (d) => !d.seller || every(all(d.seller, 'cac:PostalAddress'), (a) => filled(a, 'cac:Country/cbc:IdentificationCode')),
  },
  {
    id: 'ibr-010',
    text: 'An Invoice MUST contain the Buyer postal address (ibg-08)',
    holds: (d) => !!d.buyer && has(d.buyer, 'cac:PostalAddress'),
  },
  {
    id: 'ibr-011',
    text: 'The Buyer postal address (ibg-08) MUST contain a Buyer country code (ibt-055)',
    holds: (d) => !d.buyer || every(all(d.buyer, 'cac:PostalAddress'), (a) => filled(a, 'cac:Country/cbc:IdentificationCode')),
  },
  {
    id: 'ibr-sr-53',
    text: 'The Seller and Buyer Postal Address Line (ibt-162, ibt-163) MUST occur maximum once (also ibr-sr-54)',
    holds: (d) =>
      every([d.seller, d.buyer], (p) => !p || every(all(p, 'cac:PostalAddress'), (a) => atMost(a, 'cac:AddressLine/cbc:Line', 1))),
  },
  {
    id: 'ibr-012',
    text: 'An Invoice MUST have the Sum of Invoice line net amount (ibt-106); also ibr-013/014/015: tax exclusive, tax inclusive, payable',
    holds: (d) =>
      every(all(d.root, 'cac:LegalMonetaryTotal'), (t) =>
        ['cbc:LineExtensionAmount', 'cbc:TaxExclusiveAmount', 'cbc:TaxInclusiveAmount', 'cbc:PayableAmount'].every((p) => has(t, p)),
      ) && has(d.root, 'cac:LegalMonetaryTotal'),
  },
  {
    id: 'ibr-091',
    text: 'Totals (ibt-115, ibt-109, ibt-112) MUST have no more than 2 decimals (also ibr-123, ibr-125)',
    holds: (d) =>
      every(all(d.root, 'cac:LegalMonetaryTotal'), (t) =>
        ['cbc:PayableAmount', 'cbc:TaxExclusiveAmount', 'cbc:TaxInclusiveAmount'].every((p) => decimalsAtMost2(t, p)),
      ),
  },
  {
    id: 'ibr-co-10',
    text: 'Sum of Invoice line net amount (ibt-106) = Σ Invoice line net amount (ibt-131)',
    holds: (d) =>
      every(
        all(d.root, 'cac:LegalMonetaryTotal'),
        (t) => amount(t, 'cbc:LineExtensionAmount') === sumOf(d.lines, 'cbc:LineExtensionAmount'),
      ),
  },
  {
    id: 'ibr-co-13',
    text: 'Invoice total amount without Tax (ibt-109) = Σ line net amounts (no document allowances or charges)',
    holds: (d) =>
      every(
        all(d.root, 'cac:LegalMonetaryTotal'),
        (t) =>
          amount(t, 'cbc:TaxExclusiveAmount') !== undefined && amount(t, 'cbc:TaxExclusiveAmount') === amount(t, 'cbc:LineExtensionAmount'),
      ),
  },
  {
    id: 'ibr-co-15',
    text: 'Invoice total amount with Tax (ibt-112) = without Tax (ibt-109) + total Tax amount (ibt-110)',
    holds: (d) => {
      const t = first(d.root, 'cac:LegalMonetaryTotal');
      const tax = all(d.root, 'cac:TaxTotal/cbc:TaxAmount').find((x) => x.attrs.currencyID === d.currency);
      const inc = t && amount(t, 'cbc:TaxInclusiveAmount');
      const exc = t && amount(t, 'cbc:TaxExclusiveAmount');
      const v = tax && hundredths(tax.text);
      return inc !== undefined && exc !== undefined && v !== undefined && inc === exc + v;
    },
  },
  {
    id: 'ibr-co-16',
    text: 'Amount due for payment (ibt-115) = total with Tax (ibt-112) − paid (ibt-113) + rounding (ibt-114)',
    holds: (d) =>
      every(all(d.root, 'cac:LegalMonetaryTotal'), (t) => {
        const paid = amount(t, 'cbc:PrepaidAmount') ?? 0n;
        const rounding = amount(t, 'cbc:PayableRoundingAmount') ?? 0n;
        const payable = amount(t, 'cbc:PayableAmount');
        const inc = amount(t, 'cbc:TaxInclusiveAmount');
        return payable !== undefined && inc !== undefined && payable - rounding === inc - paid;
      }),
  },
  {
    id: 'ibr-124',
    text: 'Invoice total TAX amount (ibt-110) MUST have no more than 2 decimals',
    holds: (d) => every(all(d.root, 'cac:TaxTotal'), (t) => decimalsAtMost2(t, 'cbc:TaxAmount')),
  },
  {
    id: 'ibr-co-14',
    // Official context: /ubl:Invoice/cac:TaxTotal (and a misspelt one for CreditNote); checked on both here.
    text: 'Invoice total Tax amount (ibt-110) = Σ Tax category tax amount (ibt-117)',
    holds: (d) =>
      every(
        all(d.root, 'cac:TaxTotal'),
        (t) => !has(t, 'cac:TaxSubtotal') || amount(t, 'cbc:TaxAmount') === sumOf(all(t, 'cac:TaxSubtotal'), 'cbc:TaxAmount'),
      ),
  },
  {
    id: 'ibr-016',
    text: 'An Invoice MUST have at least one Invoice line (ibg-25)',
    holds: (d) => d.lines.length > 0,
  },
  {
    id: 'ibr-021',
    text: 'Each Invoice line (ibg-25) MUST have an Invoice line identifier (ibt-126)',
    holds: (d) => every(d.lines, (l) => filled(l, 'cbc:ID')),
  },
  {
    id: 'ibr-022',
    text: 'Each Invoice line (ibg-25) MUST have an invoiced quantity (ibt-129)',
    holds: (d) => every(d.lines, (l) => has(l, 'cbc:InvoicedQuantity') || has(l, 'cbc:CreditedQuantity')),
  },
  {
    id: 'ibr-023',
    text: 'An Invoice line (ibg-25) MUST have an Invoiced quantity unit of measure code (ibt-130)',
    holds: (d) =>
      every(d.lines, (l) =>
        [...all(l, 'cbc:InvoicedQuantity'), ...all(l, 'cbc:CreditedQuantity')].some((q) => q.attrs.unitCode !== undefined),
      ),
  },
  {
    id: 'ibr-024',
    text: 'Each Invoice line MUST have an Invoice line net amount (ibt-131)',
    holds: (d) => every(d.lines, (l) => has(l, 'cbc:LineExtensionAmount')),
  },
  {
    id: 'ibr-025',
    text: 'Each Invoice line MUST contain the Item name (ibt-153)',
    holds: (d) => every(d.lines, (l) => filled(l, 'cac:Item/cbc:Name')),
  },
  {
    id: 'ibr-026',
    text: 'Each Invoice line MUST contain the Item net price (ibt-146)',
    holds: (d) => every(d.lines, (l) => has(l, 'cac:Price/cbc:PriceAmount')),
  },
  {
    id: 'ibr-027',
    text: 'The Item net price (ibt-146) MUST NOT be negative',
    holds: (d) => every(lineParts(d, 'cac:Price/cbc:PriceAmount'), (p) => (hundredths(p.text) ?? -1n) >= 0n),
  },
  {
    id: 'ibr-110',
    text: 'Invoice line period (ibg-26) MUST occur maximum once',
    holds: (d) => every(d.lines, (l) => atMost(l, 'cac:InvoicePeriod', 1)),
  },
  {
    id: 'ibr-sr-34',
    text: 'Invoice line note (ibt-127) MUST occur maximum once',
    holds: (d) => every(d.lines, (l) => atMost(l, 'cbc:Note', 1)),
  },
  {
    id: 'ibr-sr-38',
    text: 'Invoiced item tax exemption reason text (ibt-185) MUST occur maximum once',
    holds: (d) => every(d.lines, (l) => atMost(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason', 1)),
  },
  {
    id: 'ibr-sr-50',
    text: 'Item description (ibt-154) MUST occur maximum once',
    holds: (d) => every(d.lines, (l) => atMost(l, 'cac:Item/cbc:Description', 1)),
  },
  {
    id: 'ibr-sr-58',
    text: 'The Invoiced item TAX category code (ibt-151) MUST be present',
    holds: (d) => every(lineParts(d, 'cac:Item/cac:ClassifiedTaxCategory'), (c) => has(c, 'cbc:ID')),
  },
  {
    id: 'ibr-085',
    text: 'Start date of line period (ibt-134) MUST be within invoice period (ibg-14)',
    holds: (d) => every(lineParts(d, 'cac:InvoicePeriod'), (p) => linePeriod(d, p)['085']),
  },
  {
    id: 'ibr-086',
    text: 'End date of line period (ibt-135) MUST be within invoice period (ibg-14)',
    holds: (d) => every(lineParts(d, 'cac:InvoicePeriod'), (p) => linePeriod(d, p)['086']),
  },
  {
    id: 'ibr-030',
    text: 'Invoice line period end date (ibt-135) MUST be later or equal to its start date (ibt-134)',
    holds: (d) => every(lineParts(d, 'cac:InvoicePeriod'), (p) => linePeriod(d, p)['030']),
  },
  {
    id: 'ibr-co-20',
    text: 'An Invoice line period (ibg-26) MUST have a start date (ibt-134) or an end date (ibt-135)',
    holds: (d) => every(lineParts(d, 'cac:InvoicePeriod'), (p) => linePeriod(d, p).co20),
  },
  {
    id: 'ibr-029',
    text: 'Invoicing period end date (ibt-074) MUST be later or equal to its start date (ibt-073)',
    holds: (d) =>
      every(all(d.root, 'cac:InvoicePeriod'), (p) => {
        const [s, e] = [text(first(p, 'cbc:StartDate')), text(first(p, 'cbc:EndDate'))];
        return !s || !e || e >= s;
      }),
  },
  {
    id: 'ibr-co-19',
    text: 'An Invoicing period (ibg-14) MUST have a start date (ibt-073), an end date (ibt-074) or a description code',
    holds: (d) =>
      every(all(d.root, 'cac:InvoicePeriod'), (p) => has(p, 'cbc:StartDate') || has(p, 'cbc:EndDate') || has(p, 'cbc:DescriptionCode')),
  },
  { id: 'ibr-097', text: 'Invoicing period (ibg-14) MUST occur maximum once', holds: (d) => atMost(d.root, 'cac:InvoicePeriod', 1) },
  {
    id: 'ibr-080',
    text: 'The Buyer electronic address (ibt-049) MUST be provided',
    holds: (d) => !!d.buyer && has(d.buyer, 'cbc:EndpointID'),
  },
  {
    id: 'ibr-063',
    text: 'The Buyer electronic address (ibt-049) MUST have a Scheme identifier',
    holds: (d) => !d.buyer || every(all(d.buyer, 'cbc:EndpointID'), (e) => e.attrs.schemeID !== undefined),
  },
  {
    id: 'ibr-081',
    text: 'The Seller electronic address (ibt-034) MUST be provided',
    holds: (d) => !!d.seller && has(d.seller, 'cbc:EndpointID'),
  },
  {
    id: 'ibr-062',
    text: 'The Seller electronic address (ibt-034) MUST have a Scheme identifier',
    holds: (d) => !d.seller || every(all(d.seller, 'cbc:EndpointID'), (e) => e.attrs.schemeID !== undefined),
  },
  {
    id: 'ibr-cl-25',
    text: 'Electronic address identification scheme MUST be coded using the Peppol EAS code list',
    holds: (d) => every(named(d, 'cbc:EndpointID'), (e) => e.attrs.schemeID === undefined || EAS_CODES.has(e.attrs.schemeID.trim())),
  },
  {
    id: 'ibr-068',
    text: 'Identifiers with a scheme of an official format (0088 GLN, 0007, 0192, 0184, 0208, 0201, 0210, 0211, 0151 …) MUST follow it (ibr-068, -127, -069, -070, -113, -114, -115, -116, -120)',
    holds: (d) =>
      every(
        d.all.filter((e) => e.attrs.schemeID !== undefined && (e.name === 'cbc:EndpointID' || e.name === 'cbc:CompanyID')),
        endpointOk,
      ),
  },
  {
    id: 'ibr-co-26',
    text: 'The Seller identifier (ibt-029), legal registration identifier (ibt-030) or Tax identifier (ibt-031) MUST be present',
    holds: (d) =>
      !!d.seller &&
      (has(d.seller, 'cac:PartyTaxScheme/cbc:CompanyID') ||
        has(d.seller, 'cac:PartyIdentification/cbc:ID') ||
        has(d.seller, 'cac:PartyLegalEntity/cbc:CompanyID')),
  },
  {
    id: 'ibr-sr-42',
    text: 'Party tax scheme MUST occur maximum twice in accounting supplier party',
    holds: (d) => !d.seller || atMost(d.seller, 'cac:PartyTaxScheme', 2),
  },
  {
    id: 'ibr-sr-57',
    text: 'Company identifier MUST exist in the party tax scheme class',
    holds: (d) => every(named(d, 'cac:PartyTaxScheme'), (s) => has(s, 'cbc:CompanyID')),
  },
  {
    id: 'ibr-098',
    text: 'Seller name (ibt-027), Buyer name (ibt-044) and Buyer tax identifier (ibt-048) MUST occur maximum once (also ibr-102, ibr-104)',
    holds: (d) =>
      (!d.seller || atMost(d.seller, 'cac:PartyLegalEntity/cbc:RegistrationName', 1)) &&
      (!d.buyer ||
        (atMost(d.buyer, 'cac:PartyLegalEntity/cbc:RegistrationName', 1) && atMost(d.buyer, 'cac:PartyTaxScheme/cbc:CompanyID', 1))),
  },
  { id: 'ibr-sr-51', text: 'Note (ibt-022) MUST occur maximum once', holds: (d) => atMost(d.root, 'cbc:Note', 1) },
  {
    id: 'ibr-sr-27',
    text: 'Payment means code (ibt-081) and Due Date (ibt-009) MUST occur maximum once per payment instruction (also ibr-sr-45)',
    holds: (d) => every(all(d.root, 'cac:PaymentMeans'), (p) => atMost(p, 'cbc:PaymentMeansCode', 1) && atMost(p, 'cbc:PaymentDueDate', 1)),
  },
  {
    id: 'ibr-sr-32',
    text: 'Tax exemption reason text (ibt-120) MUST occur maximum once per tax breakdown',
    holds: (d) => every(named(d, 'cac:TaxSubtotal'), (st) => atMost(st, 'cac:TaxCategory/cbc:TaxExemptionReason', 1)),
  },
  {
    id: 'ibr-126',
    text: 'All currencyID attributes must have the value of the Invoice currency code (ibt-005)',
    holds: (d) =>
      every(
        d.all.filter((e) => AMOUNT_NAMES.has(e.name)),
        (e) => e.attrs.currencyID === d.currency,
      ) &&
      every(
        all(d.root, 'cac:TaxTotal').filter((t) => all(t, 'cbc:TaxAmount').some((x) => x.attrs.currencyID === d.currency)),
        (t) =>
          every(
            [...all(t, 'cbc:TaxAmount'), ...all(t, 'cac:TaxSubtotal/cbc:TaxableAmount'), ...all(t, 'cac:TaxSubtotal/cbc:TaxAmount')],
            (e) => e.attrs.currencyID === d.currency,
          ),
      ),
  },
  {
    id: 'ibr-073',
    text: 'A date MUST be formatted YYYY-MM-DD',
    holds: (d) =>
      every(
        d.all.filter((e) =>
          ['cbc:IssueDate', 'cbc:DueDate', 'cbc:TaxPointDate', 'cbc:StartDate', 'cbc:EndDate', 'cbc:ActualDeliveryDate'].includes(e.name),
        ),
        (e) => isDate(e.text),
      ),
  },
  {
    id: 'ibr-079',
    text: 'Document MUST not contain empty elements',
    holds: (d) => every(d.all, (e) => e.children.length > 0 || e.text.trim() !== ''),
  },
  {
    id: 'ibr-cl-03',
    text: 'currencyID MUST be coded using ISO code list 4217 alpha-3 (also ibr-cl-04 for the Invoice currency code)',
    holds: (d) =>
      every(
        d.all.filter((e) => AMOUNT_NAMES.has(e.name) || e.name === 'cbc:TaxAmount' || e.name === 'cbc:TaxableAmount'),
        (e) => ISO_4217.has((e.attrs.currencyID ?? '').trim()),
      ) && every(all(d.root, 'cbc:DocumentCurrencyCode'), (c) => ISO_4217.has(text(c))),
  },
  {
    id: 'ibr-cl-14',
    text: 'Country codes in an invoice MUST be coded using ISO code list 3166-1',
    holds: (d) =>
      every(
        named(d, 'cac:Country').flatMap((c) => all(c, 'cbc:IdentificationCode')),
        (c) => ISO_3166.has(text(c)),
      ),
  },
  {
    id: 'ibr-cl-16',
    text: 'Payment means in an invoice (ibt-081) MUST be coded using UNCL4461 code list',
    holds: (d) => every(all(d.root, 'cac:PaymentMeans/cbc:PaymentMeansCode'), (c) => UNCL_4461.has(text(c))),
  },
  {
    id: 'ibr-cl-23',
    text: 'Unit code (ibt-130) MUST be coded according to the UN/ECE Recommendation 20 with Rec 21 extension',
    holds: (d) =>
      every(
        d.all.filter(
          (e) => ['cbc:InvoicedQuantity', 'cbc:CreditedQuantity', 'cbc:BaseQuantity'].includes(e.name) && e.attrs.unitCode !== undefined,
        ),
        (q) => REC_20_WRITTEN.has((q.attrs.unitCode ?? '').trim()),
      ),
  },
];

/**
 * The official rules a JP PINT document breaks, in rule order (empty when it passes them all). A
 * document that is not well-formed XML, or whose root is neither Invoice nor CreditNote, breaks
 * `xml` alone.
 * @example pintRuleFailures(pintXml(invoice)) // []
 * @example pintRuleFailures(xmlWithoutBuyerEndpoint) // [{ id: 'ibr-080', text: 'The Buyer electronic address (ibt-049) MUST be provided' }]
 */
export function pintRuleFailures(xml: string): { id: string; text: string }[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [{ id: 'xml', text: (e as Error).message }];
  }
  if (root.name !== 'Invoice' && root.name !== 'CreditNote') return [{ id: 'xml', text: `unexpected root element ${root.name}` }];
  const everything = subtree(root);
  const byName = new Map<string, XmlElement[]>();
  for (const e of everything) {
    const list = byName.get(e.name);
    if (list) list.push(e);
    else byName.set(e.name, [e]);
  }
  const doc: Doc = {
    root,
    all: everything,
    byName,
    lines: all(root, root.name === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine'),
    currency: text(first(root, 'cbc:DocumentCurrencyCode')),
    seller: first(root, 'cac:AccountingSupplierParty/cac:Party'),
    buyer: first(root, 'cac:AccountingCustomerParty/cac:Party'),
  };
  return PINT_RULES.filter((r) => !r.holds(doc)).map(({ id, text: t }) => ({ id, text: t }));
}
