/**
 * 雇用保険料率 (employment-insurance rates) by 事業の種類 and 年度 (April–March). A new 年度's rate
 * applies from the first 賃金締切日 (wage closing date) on or after 1 April, so the closing date's
 * fiscal year selects the table — not the pay date (March wages closed 3/31 and paid in April use
 * the old rate).
 */
import { perMille, type Rate } from '../../money/rate.js';

export type EmploymentIndustry = 'general' | 'agriculture' | 'construction';

export interface EmploymentRates {
  /** 被保険者負担 (worker share, deducted from pay). */
  readonly worker: Rate;
  /** 事業主負担 (employer share, incl. 雇用保険二事業). */
  readonly employer: Rate;
}

export interface EmploymentRateTable {
  readonly name: string;
  /** First and last wage closing dates (inclusive). */
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly url: string;
  readonly rates: Readonly<Record<EmploymentIndustry, EmploymentRates>>;
}

const r = (worker: string, employer: string): EmploymentRates => ({ worker: perMille(worker), employer: perMille(employer) });

export const EMPLOYMENT_R7: EmploymentRateTable = {
  name: '令和7年度',
  from: '2025-04-01',
  to: '2026-03-31',
  source: '厚生労働省 令和7年度の雇用保険料率について',
  url: 'https://www.mhlw.go.jp/content/001401966.pdf',
  rates: { general: r('5.5', '9'), agriculture: r('6.5', '10'), construction: r('6.5', '11') },
};

export const EMPLOYMENT_R8: EmploymentRateTable = {
  name: '令和8年度',
  from: '2026-04-01',
  to: '2027-03-31',
  source: '厚生労働省 令和8年度の雇用保険料率について',
  url: 'https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/0000108634.html',
  rates: { general: r('5', '8.5'), agriculture: r('6', '9.5'), construction: r('6', '10.5') },
};

export const EMPLOYMENT_TABLES: readonly EmploymentRateTable[] = [EMPLOYMENT_R7, EMPLOYMENT_R8];

/** Names users write → industry. 農林水産 includes 清酒製造; 対象外 = not insured (e.g. 役員). */
export const INDUSTRY_NAMES: Readonly<Record<string, EmploymentIndustry | 'none'>> = {
  一般: 'general',
  一般の事業: 'general',
  general: 'general',
  農林水産: 'agriculture',
  農林水産清酒製造: 'agriculture',
  '農林水産・清酒製造': 'agriculture',
  agriculture: 'agriculture',
  建設: 'construction',
  建設の事業: 'construction',
  construction: 'construction',
  対象外: 'none',
  none: 'none',
};
