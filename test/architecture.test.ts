/**
 * House rules that code review alone would let slip: core/ is pure (imports nothing outside
 * core/, no Node built-ins, no platform globals) so Excel, Sheets and Lambda all run the same rules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Packages core may use: pure JavaScript, no I/O of their own. */
const CORE_PACKAGES = new Set(['pdfkit']);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('core/ is pure', () => {
  const files = tsFiles(join(root, 'core'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports only core/ and allowed pure packages', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const offending: string[] = [];
    for (const m of source.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('.')) {
        const target = relative(join(root, 'core'), resolve(dirname(file), spec));
        if (target.startsWith('..')) offending.push(spec);
      } else if (!CORE_PACKAGES.has(spec)) {
        offending.push(spec);
      }
    }
    expect(offending).toEqual([]);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s uses no platform globals (process, require, fetch, Excel, SpreadsheetApp)',
    (_name, file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/\b(process\.|require\(|fetch\(|Excel\.|SpreadsheetApp|UrlFetchApp|OfficeRuntime)/);
    },
  );
});
