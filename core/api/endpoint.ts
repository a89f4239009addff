/**
 * The API endpoint a user types into a host's settings: trimmed, without a trailing '/', and only
 * over TLS, because the tenant key travels in a header. Read without the platform's URL parser,
 * which Apps Script does not have.
 */
import { ApiClientError } from './errors.js';

export interface EndpointOptions {
  /**
   * Whether plain http is taken on this computer (localhost, 127.0.0.1), for `urakata serve`: the
   * Excel task pane runs on the user's computer; the Sheets add-on runs on Google's servers, where
   * the user's computer is not local.
   */
  readonly allowLocal: boolean;
}

const URL_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^\s/?#@]+)(\/[^\s?#]*)?$/i;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The endpoint to store, or an error saying what is wrong with it; blank stays blank (not set).
 * @example apiEndpoint(' https://api.example.co.jp/ ', { allowLocal: false }) // 'https://api.example.co.jp'
 * @example apiEndpoint('http://localhost:3000', { allowLocal: true }) // 'http://localhost:3000'
 */
export function apiEndpoint(text: string, options: EndpointOptions): string {
  const endpoint = text.trim().replace(/\/+$/, '');
  if (endpoint === '') return '';
  const m = URL_SHAPE.exec(endpoint);
  if (!m) throw new ApiClientError(`APIのURLとして読めません: ${endpoint}`, `the API endpoint is not a URL: ${endpoint}`);
  const scheme = (m[1] ?? '').toLowerCase();
  const host = (m[2] ?? '').replace(/:\d*$/, '').toLowerCase();
  if (scheme === 'https' || (options.allowLocal && scheme === 'http' && LOCAL_HOSTS.has(host))) return endpoint;
  throw options.allowLocal
    ? new ApiClientError(
        'APIのURLは https:// で始めてください（この PC の urakata serve なら http://localhost も可）',
        'the API endpoint must start with https:// (or http://localhost for urakata serve on this computer)',
      )
    : new ApiClientError('APIのURLは https:// で始めてください', 'the API endpoint must start with https://');
}
