/** core/api/endpoint.ts: the endpoint both hosts store, https only but for `urakata serve` on the Excel user's computer. */
import { describe, expect, it } from 'vitest';
import { apiEndpoint } from '../../../core/api/endpoint.js';

const HOSTED = { allowLocal: false };
const LOCAL = { allowLocal: true };

describe('apiEndpoint', () => {
  it('trims and drops the trailing slashes', () => {
    expect(apiEndpoint('  https://api.example.co.jp//  ', HOSTED)).toBe('https://api.example.co.jp');
    expect(apiEndpoint('https://abc.execute-api.ap-northeast-1.amazonaws.com/prod/', HOSTED)).toBe(
      'https://abc.execute-api.ap-northeast-1.amazonaws.com/prod',
    );
    expect(apiEndpoint('https://api.example.co.jp:8443', HOSTED)).toBe('https://api.example.co.jp:8443');
  });

  it('leaves a blank endpoint blank: not set', () => {
    expect(apiEndpoint('   ', HOSTED)).toBe('');
    expect(apiEndpoint('', LOCAL)).toBe('');
  });

  it('takes plain http on this computer only when the host allows it', () => {
    expect(apiEndpoint('http://localhost:3000/', LOCAL)).toBe('http://localhost:3000');
    expect(apiEndpoint('http://127.0.0.1:3000', LOCAL)).toBe('http://127.0.0.1:3000');
    expect(() => apiEndpoint('http://localhost:3000', HOSTED)).toThrow(
      'APIのURLは https:// で始めてください / the API endpoint must start with https://',
    );
    expect(() => apiEndpoint('http://api.example.co.jp', LOCAL)).toThrow(
      /https:\/\/ で始めてください（この PC の urakata serve なら http:\/\/localhost も可）/,
    );
    expect(() => apiEndpoint('http://localhost.example.co.jp', LOCAL)).toThrow(/https:\/\//);
    expect(() => apiEndpoint('ftp://api.example.co.jp', LOCAL)).toThrow(/https:\/\//);
  });

  it('refuses what is not a URL an API path can follow', () => {
    for (const bad of [
      'api.example.co.jp',
      'https://',
      'https://api example.jp',
      'https://api.example.jp/?x=1',
      'https://user@api.example.jp',
    ]) {
      const shown = bad.replace(/\/+$/, '');
      expect(() => apiEndpoint(bad, LOCAL), bad).toThrow(`APIのURLとして読めません: ${shown} / the API endpoint is not a URL: ${shown}`);
    }
  });
});
