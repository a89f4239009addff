/**
 * 設定: the API endpoint and key live in the user's own properties (PropertiesService user scope),
 * never in the spreadsheet, so sharing the sheet never shares the key. The sidebar only ever sees
 * whether a key is set and its last four characters.
 */
import type { ApiConnection } from '../core/api/client.js';
import { apiEndpoint } from '../core/api/endpoint.js';
import { gas } from './gas.js';

const ENDPOINT = 'urakata.api.endpoint';
const KEY = 'urakata.api.key';

export interface SettingsView {
  readonly endpoint: string;
  readonly hasKey: boolean;
  /** Last four characters, for the user to recognise which key is stored. */
  readonly keyHint: string;
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
 * Saves the endpoint (https only: Apps Script runs on Google's servers, where no `urakata serve` of
 * the user's is local); a blank key keeps the stored one (the sidebar never receives it back).
 * @example uraSaveSettings({ endpoint: 'https://api.example.jp', key: 'tenant-key' })
 */
export function uraSaveSettings(input: { endpoint?: unknown; key?: unknown }): SettingsView {
  const endpoint = apiEndpoint(String(input.endpoint ?? ''), { allowLocal: false });
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

/** For server code only: the stored endpoint and key (core/api asks for them when either is missing). */
export function apiSettings(): ApiConnection {
  const props = gas().PropertiesService.getUserProperties();
  return { endpoint: props.getProperty(ENDPOINT) ?? '', key: props.getProperty(KEY) ?? '' };
}
