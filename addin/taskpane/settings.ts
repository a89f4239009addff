/**
 * The add-in's settings, kept in OfficeRuntime.storage (per user and computer, shared by the
 * functions and the taskpane) and never in the workbook: a workbook is mailed around, an API key
 * must not travel with it.
 */
import { apiEndpoint } from '../../core/api/endpoint.js';
import { combinationLimit, MAX_COMBINATION } from '../../core/reconcile/limits.js';

export interface Settings {
  readonly apiEndpoint: string;
  readonly apiKey: string;
  readonly rounding: 'floor' | 'round' | 'ceil';
  readonly maxCombination: number;
  /** 発行者: printed on every invoice the API issues (name, T-number, address, phone). */
  readonly issuer: Issuer;
}

export interface Issuer {
  readonly name: string;
  readonly registration_number: string;
  readonly address: string;
  readonly phone: string;
}

const NO_ISSUER: Issuer = { name: '', registration_number: '', address: '', phone: '' };

/** The part of OfficeRuntime.storage the add-in uses (a stand-in in tests). */
export interface KeyValueStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

export const DEFAULT_SETTINGS: Settings = {
  apiEndpoint: '',
  apiKey: '',
  rounding: 'floor',
  maxCombination: MAX_COMBINATION,
  issuer: NO_ISSUER,
};
const KEY = 'urakata.settings';

/**
 * The saved settings, defaults for anything missing.
 * @example (await loadSettings(OfficeRuntime.storage)).rounding // 'floor'
 */
export async function loadSettings(storage: KeyValueStorage): Promise<Settings> {
  const raw = await storage.getItem(KEY);
  if (!raw) return DEFAULT_SETTINGS;
  try {
    const s = JSON.parse(raw) as Partial<Settings>;
    return {
      apiEndpoint: typeof s.apiEndpoint === 'string' ? s.apiEndpoint : '',
      apiKey: typeof s.apiKey === 'string' ? s.apiKey : '',
      rounding: s.rounding === 'round' || s.rounding === 'ceil' ? s.rounding : 'floor',
      maxCombination: combinationLimit(s.maxCombination),
      issuer: { ...NO_ISSUER, ...pickStrings(s.issuer) },
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

function pickStrings(v: unknown): Partial<Issuer> {
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of Object.keys(NO_ISSUER)) if (typeof o[k] === 'string') out[k] = o[k] as string;
  return out;
}

/**
 * Saves the settings; an endpoint must be https (or http on localhost, for urakata serve: the
 * pane runs on the user's computer).
 * @example await saveSettings(OfficeRuntime.storage, { ...DEFAULT_SETTINGS, apiEndpoint: 'https://api.example.co.jp' })
 */
export async function saveSettings(storage: KeyValueStorage, settings: Settings): Promise<void> {
  const endpoint = apiEndpoint(settings.apiEndpoint, { allowLocal: true });
  await storage.setItem(KEY, JSON.stringify({ ...settings, apiEndpoint: endpoint }));
}
