/**
 * The built Code.js, loaded the way Apps Script loads it (a fresh global scope per execution):
 * globals, JSDoc, manifest, menu, and custom functions that answer exactly as core does.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as core from '../../core/sheet-functions/index.js';
import { type Built, buildAppsScript, execution, newWorld, STAND_IN_NAMES } from './harness.js';

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

/** The server functions the sidebar and menu call: the only other globals allowed. */
const SERVER_GLOBALS = [
  'onInstall',
  'onOpen',
  'uraActiveRange',
  'uraCapabilities',
  'uraClearApiKey',
  'uraGetSettings',
  'uraInvoiceBatchSend',
  'uraInvoiceBatchStatus',
  'uraInvoiceJournal',
  'uraJobCancel',
  'uraJobPending',
  'uraJobStart',
  'uraJobStep',
  'uraOpenInvoices',
  'uraOpenNencho',
  'uraOpenPayroll',
  'uraOpenReconcile',
  'uraOpenSettings',
  'uraPayrollJournal',
  'uraPayrollZengin',
  'uraReconcileApiPending',
  'uraReconcileApiStart',
  'uraReconcileApiStatus',
  'uraReconcileJournal',
  'uraSaveSettings',
  'uraShowSidebar',
  'uraSlipRenderer',
  'uraYearEnd',
  'uraYearEndSlips',
];

describe('Code.js globals', () => {
  it('has every catalog function as a global URA_<NAME> with the catalog parameter count', () => {
    const run = execution(built, newWorld());
    for (const spec of core.FUNCTION_CATALOG) {
      const fn = (run.context as Record<string, unknown>)[`URA_${spec.name}`];
      expect(typeof fn, `URA_${spec.name}`).toBe('function');
      expect((fn as (...a: unknown[]) => unknown).length, `URA_${spec.name} parameters`).toBe(spec.params.length);
    }
  });

  it('puts @customfunction JSDoc with the real parameter names right above each wrapper', () => {
    for (const name of built.customFunctions) {
      const spec = core.FUNCTION_CATALOG.find((s) => `URA_${s.name}` === name);
      const params = spec?.params.map((p) => p.name) ?? [];
      const at = built.code.indexOf(`\nfunction ${name}(${params.join(', ')}) {`);
      expect(at, name).toBeGreaterThan(0);
      const doc = built.code.slice(built.code.lastIndexOf('/**', at), at);
      expect(doc).toContain('@customfunction');
      expect(doc).toContain(spec?.ja.slice(0, 20));
      expect([...doc.matchAll(/@param \{\w+\} (\w+)/g)].map((m) => m[1])).toEqual(params);
    }
  });

  it('leaks nothing into the global scope but __lib, the custom functions and the server functions', () => {
    const run = execution(built, newWorld());
    const globals = Object.keys(run.context).filter((k) => !STAND_IN_NAMES.includes(k));
    expect(globals.sort()).toEqual(['__lib', ...built.customFunctions, ...SERVER_GLOBALS].sort());
  });

  it('bundles no Node built-ins, npm packages or the PDF renderer', () => {
    expect(built.inputs.filter((i) => /node_modules|^node:|core\/pdf\//.test(i))).toEqual([]);
    expect(built.code).not.toMatch(/pdfkit|fontkit|require\(/);
    // Apps Script has no TextDecoder: loading must not need one (the vm context has none either).
    expect(execution(built, newWorld()).evaluate('typeof TextDecoder')).toBe('undefined');
  });
});

describe('the build guard against foreign globals', () => {
  it('names a Node or browser global used in the bundle, and not a method of the same name', async () => {
    const script = pathToFileURL(resolve('scripts/build-apps-script.mjs')).href;
    const { foreignGlobals } = (await import(script)) as { foreignGlobals(code: string): string[] };
    const code = [
      'const t = performance.now();',
      'gas().UrlFetchApp.fetch(url);',
      "const s = 'process.env';",
      'x.setTimeout(1);',
      'process.cpuUsage();',
    ].join('\n');
    expect(foreignGlobals(code)).toEqual(['line 1: performance.now();', 'line 5: process.cpuUsage();']);
    expect(foreignGlobals(built.code)).toEqual([]);
  });
});

describe('appsscript.json', () => {
  it('runs V8 in Tokyo time with only the three scopes the sidebar needs', () => {
    expect(built.manifest.runtimeVersion).toBe('V8');
    expect(built.manifest.timeZone).toBe('Asia/Tokyo');
    expect(built.manifest.oauthScopes.sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
  });
});

describe('menu and sidebar', () => {
  it('onOpen adds the 「Urakata」 menu whose items all name globals of Code.js', () => {
    const world = newWorld();
    const run = execution(built, world);
    run.call('onOpen', { authMode: 'LIMITED' });
    expect(world.menus).toHaveLength(1);
    const menu = world.menus[0];
    expect(menu?.caption).toBe('Urakata');
    const items = menu?.items.filter(([label]) => label !== '---') ?? [];
    expect(items.map(([label]) => label)).toEqual([
      '入金消込… / Reconcile…',
      '給与計算… / Payroll…',
      '年末調整… / Year-end adjustment…',
      '請求書の一括発行… / Invoices in bulk…',
      '設定… / Settings…',
    ]);
    for (const [, fn] of items) expect(typeof (run.context as Record<string, unknown>)[fn], fn).toBe('function');
  });

  it('a menu item opens the sidebar page on its pane', () => {
    const world = newWorld();
    execution(built, world).call('uraOpenPayroll');
    expect(world.sidebars).toHaveLength(1);
    expect(world.sidebars[0]?.title).toBe('Urakata');
    expect(world.sidebars[0]?.appended).toEqual(['<meta name="urakata-pane" content="payroll">']);
  });

  it('an unknown pane name falls back to 消込 instead of reaching the page', () => {
    const world = newWorld();
    execution(built, world).call('uraShowSidebar', '"><script>alert(1)</script>');
    expect(world.sidebars[0]?.appended).toEqual(['<meta name="urakata-pane" content="reconcile">']);
  });

  it('ships the sidebar with its script and styles inlined (HtmlService serves one file)', () => {
    expect(built.sidebar).toContain('<section id="pane-reconcile"');
    expect(built.sidebar).not.toContain('/*SCRIPT*/');
    expect(built.sidebar).not.toContain('/*CSS*/');
    expect(built.sidebar).toContain('uraJobStart');
    expect(built.sidebar).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });
});
