/**
 * 設定: the API endpoint and key live in the user's own properties (PropertiesService user scope),
 * never in the spreadsheet, so sharing the sheet never shares the key. The sidebar only ever sees
 * whether a key is set and its last four characters.
 */
import { gas } from './gas.js';

const ENDPOINT = 'urakata.api.endpoint';
const KEY = 'urakata.api.key';

export interface SettingsView {
  readonly endpoint: string;
  readonly hasKey: boolean;
  /** Last four characters, for the user to recognise which key is stored. */
  readonly keyHint: string;
}

export interface ApiSettings {
  readonly endpoint: string;
  readonly key: string;
}

/**
 * @example uraGetSettings() // → { endpoint: 'https://api.example.jp', hasKey: true, keyHint: '…9f3a' }
 */
export function uraGetSettings(): SettingsView {
  const props = gas().PropertiesService.getUserProperties();
  const key = props.getProperty(KEY) ?? '';
  return { endpoint: props.getProperty(ENDPOINT) ?? '', hasKey: key !== '', keyHint: key ? `…${key.slice(-4)}` : '' };
}

/**
 * Saves the endpoint; a blank key keeps the stored one (the sidebar never receives it back).
 * @example uraSaveSettings({ endpoint: 'https://api.example.jp', key: 'tenant-key' })
 */
export function uraSaveSettings(input: { endpoint?: unknown; key?: unknown }): SettingsView {
  const endpoint = String(input.endpoint ?? '')
    .trim()
    .replace(/\/+$/, '');
  // Keys travel in a header: only over TLS. Apps Script cannot reach a local `urakata serve` anyway.
  if (!/^https:\/\/[^\s/]+/.test(endpoint)) {
    throw new Error('APIのURLは https:// で始めてください / the API endpoint must start with https://');
  }
  const props = gas().PropertiesService.getUserProperties();
  props.setProperty(ENDPOINT, endpoint);
  const key = String(input.key ?? '').trim();
  if (key) props.setProperty(KEY, key);
  return uraGetSettings();
}

/** @example uraClearApiKey() // → { endpoint: '…', hasKey: false, keyHint: '' } */
export function uraClearApiKey(): SettingsView {
  gas().PropertiesService.getUserProperties().deleteProperty(KEY);
  return uraGetSettings();
}

/** For server code only: the stored endpoint and key, or a clear error telling the user to set them. */
export function apiSettings(): ApiSettings {
  const props = gas().PropertiesService.getUserProperties();
  const endpoint = props.getProperty(ENDPOINT) ?? '';
  const key = props.getProperty(KEY) ?? '';
  if (!endpoint || !key) {
    throw new Error('「設定」でAPIのURLとキーを登録してください / set the API endpoint and key under 設定 first');
  }
  return { endpoint, key };
}
