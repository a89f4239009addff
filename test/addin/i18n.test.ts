import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EN_MESSAGES, ENGLISH, JA_MESSAGES } from '../../addin/taskpane/i18n.js';

const html = readFileSync(new URL('../../addin/taskpane/taskpane.html', import.meta.url), 'utf8');
const dir = new URL('../../addin/taskpane/', import.meta.url);
const code = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');

describe('taskpane languages', () => {
  it('has English for every text of the page', () => {
    const keys = [...html.matchAll(/data-i18n(?:-aria)?="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => ENGLISH[k] === undefined)).toEqual([]);
  });

  it('has every message in both languages, with the same placeholders', () => {
    expect(Object.keys(EN_MESSAGES).sort()).toEqual(Object.keys(JA_MESSAGES).sort());
    for (const [key, ja] of Object.entries(JA_MESSAGES)) {
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(EN_MESSAGES[key] ?? ''), key).toEqual(slots(ja));
    }
  });

  it('knows every message the panes ask for', () => {
    const used = [...code.matchAll(/\bt\('(\w+)'/g)].map((m) => m[1] ?? '');
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => JA_MESSAGES[k] === undefined)).toEqual([]);
  });
});
