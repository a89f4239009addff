import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_CATALOG } from '../../core/sheet-functions/catalog.js';

const doc = readFileSync(new URL('../../docs/excel.md', import.meta.url), 'utf8');

describe('docs/excel.md', () => {
  it('documents every function with its parameters in catalog order', () => {
    for (const f of FUNCTION_CATALOG) {
      const signature = `URA.${f.name}(${f.params.map((q) => (q.optional ? `[${q.name}]` : q.name)).join(', ')})`;
      expect(doc, f.name).toContain(signature);
    }
  });
});
