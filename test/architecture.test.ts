/**
 * House rules that code review alone would let slip: core/ is pure (imports nothing outside
 * core/, no Node built-ins, no platform globals, no clock: today is an argument from the adapter)
 * so Excel, Sheets and Lambda all run the same rules and a test gives the same answer every day;
 * the tests, scripts and benchmarks need nothing outside the repository, so a fresh clone runs them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function tsFiles(dir: string, ending = /\.ts$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path, ending);
    return ending.test(name) ? [path] : [];
  });
}

/** Packages core may use: pure JavaScript, no I/O of their own. */
const CORE_PACKAGES = new Set(['pdfkit']);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * Where a source reads the clock: `new Date()` with no argument, `Date()`, `Date.now`. Found in the
 * syntax tree, so comments and strings do not count; `new Date(x)` of a given instant is fine.
 * @example clockReads('core/x.ts') // ['12: new Date()']
 */
function clockReads(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const isDate = (e: ts.Node) => ts.isIdentifier(e) && e.text === 'Date';
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isNewExpression(node) && isDate(node.expression) && (node.arguments?.length ?? 0) === 0) ||
      (ts.isCallExpression(node) && isDate(node.expression)) ||
      (ts.isPropertyAccessExpression(node) && isDate(node.expression) && node.name.text === 'now')
    ) {
      found.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${node.getText(source)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

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

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s reads no clock (no new Date(), Date.now): today comes from the adapter',
    (_name, file) => {
      expect(clockReads(file)).toEqual([]);
    },
  );

  it('finds a clock read in code, and none in comments, strings or a date of a given instant', () => {
    const code = [
      '// new Date() in a comment',
      "const s = 'Date.now()';",
      'const given = new Date(0);',
      'const a = new Date();',
      'const b = Date.now();',
      'const c = new Date;',
      'const d = Date();',
    ].join('\n');
    expect(clockReads('x.ts', code)).toEqual(['4: new Date()', '5: Date.now', '6: new Date', '7: Date()']);
  });
});

/** Every string and template literal of a source file (a template by its text before the first `${`). */
function literals(file: string): string[] {
  const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, kind);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push(node.head.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Paths that can only be on one machine: a home or work folder, or the data folder once kept beside the repository. */
const MACHINE_PATH = /(?:^|[^\w.-])\/(?:work|home|Users)\/|(?:^|\/)shared\/data(?:\/|$)|\.\.\/shared(?:\/|$)/;

describe('adapters depend on core, not on each other', () => {
  // Which adapter folders each may import from (besides core/). The CLI runs the local stack
  // (functions/), and nothing runs the CLI; the Lambda handlers, the add-in and the Sheets add-on
  // stand alone — a rule two of them need moves to core.
  const ALLOWED: Readonly<Record<string, readonly string[]>> = {
    functions: [],
    addin: [],
    'apps-script': [],
    cli: ['functions'],
    cdk: ['functions'],
  };
  const cases = Object.entries(ALLOWED).flatMap(([folder, allowed]) =>
    tsFiles(join(root, folder)).map((f) => [relative(root, f), f, folder, allowed] as const),
  );

  it.each(cases)('%s imports from no other adapter', (_name, file, folder, allowed) => {
    const offending: string[] = [];
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (!spec.startsWith('.')) continue;
      const top = relative(root, resolve(dirname(file), spec)).split(/[\\/]/)[0] ?? '';
      if (top !== folder && top !== 'core' && top in ALLOWED && !allowed.includes(top)) offending.push(spec);
    }
    expect(offending).toEqual([]);
  });
});

describe('tests, scripts and benchmarks use nothing outside the repository', () => {
  const files = [
    ...tsFiles(join(root, 'test'), /\.[cm]?[jt]s$/),
    ...tsFiles(join(root, 'scripts'), /\.[cm]?[jt]s$/),
    ...tsFiles(join(root, 'bench'), /\.[cm]?[jt]s$/),
    join(root, 'vitest.config.ts'),
  ];

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s refers to no path outside the repository', (_name, file) => {
    const offending: string[] = [];
    for (const text of literals(file)) {
      if (MACHINE_PATH.test(text)) {
        offending.push(text);
      } else if (text === '..' || text.startsWith('../') || text.startsWith('./')) {
        // A relative path (import, new URL(…, import.meta.url), join/resolve from the file's folder) stays inside the root.
        const target = relative(root, resolve(dirname(file), text));
        if (target === '..' || target.startsWith('../') || isAbsolute(target)) offending.push(text);
      }
    }
    expect(offending).toEqual([]);
  });
});
