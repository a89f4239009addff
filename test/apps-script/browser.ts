/**
 * The sidebar page in headless Chromium with a `google.script.run` stand-in that runs each call in
 * a fresh execution of the built Code.js (as Apps Script does), against the same fake spreadsheet.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { type Built, execution, type World } from './harness.js';

/** Runs in the page: google.script.run with success/failure handlers, calls answered by Node. */
function installRunStandIn(): void {
  type Handler = ((v: unknown) => void) | undefined;
  const call = (window as unknown as { __gasCall(name: string, args: string): Promise<string> }).__gasCall;
  const runner = (success: Handler, failure: Handler): unknown =>
    new Proxy(
      {},
      {
        get(_, prop: string) {
          if (prop === 'withSuccessHandler') return (f: Handler) => runner(f, failure);
          if (prop === 'withFailureHandler') return (f: Handler) => runner(success, f);
          return (...args: unknown[]) => {
            call(prop, JSON.stringify(args)).then((answer) => {
              const o = JSON.parse(answer) as { value?: unknown; error?: string };
              if (o.error !== undefined) failure?.(new Error(o.error));
              else success?.(o.value ?? null);
            });
          };
        },
      },
    );
  (window as unknown as { google: unknown }).google = { script: { run: runner(undefined, undefined) } };
}

export interface SidebarPage {
  readonly page: Page;
  /** Server function names in call order. */
  readonly calls: string[];
}

/** Opens the sidebar as `uraShowSidebar(pane)` would serve it. */
export async function openSidebar(
  browser: BrowserContext,
  built: Built,
  world: World,
  pane: string,
  options: {
    pollMs?: number;
    budgetMs?: number;
    /** The nth call (1-based) of this function dies as an execution past Apps Script's time limit does. */
    kill?: { name: string; nth: number };
  } = {},
): Promise<SidebarPage> {
  const dir = await mkdtemp(join(tmpdir(), 'urakata-sidebar-'));
  const file = join(dir, 'Sidebar.html');
  await writeFile(file, `${built.sidebar}<meta name="urakata-pane" content="${pane}">`);
  const page = await browser.newPage();
  const calls: string[] = [];
  await page.exposeFunction('__gasCall', (name: string, args: string) => {
    calls.push(name);
    if (options.kill?.name === name && calls.filter((c) => c === name).length === options.kill.nth) {
      return JSON.stringify({ error: 'Exceeded maximum execution time' });
    }
    const given = JSON.parse(args) as unknown[];
    // A short budget stands for Apps Script's time limit: each call then writes one chunk only.
    if (options.budgetMs !== undefined && name === 'uraJobStart') given[3] = options.budgetMs;
    if (options.budgetMs !== undefined && name === 'uraJobStep') given[1] = options.budgetMs;
    try {
      const value = execution(built, world).call(name, ...given);
      return JSON.stringify({ value: value === undefined ? null : value });
    } catch (e) {
      return JSON.stringify({ error: (e as Error).message });
    }
  });
  await page.addInitScript(installRunStandIn);
  if (options.pollMs !== undefined) await page.addInitScript(`window.URAKATA_POLL_MS = ${options.pollMs};`);
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { page, calls };
}
