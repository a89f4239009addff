/**
 * Where the CLI's worker threads start, for each module that runs on one (the invoice renderer,
 * the open-items reader). Under tsx (the TypeScript source) the module itself, with tsx
 * registered first. In a bundle, a separate bundle of that module (`invoice-worker.mjs`, …)
 * beside the CLI bundle (`npm run build`), or beside the chunks folder the module is in (the
 * bundle bin/urakata.js makes, one chunk per command) — never the CLI bundle itself, whose top
 * level would run the command again inside every worker. Without one, the caller works in-process.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerEntry {
  readonly url: string;
  readonly tsx: boolean;
}

/**
 * The entry of the worker that runs the module at `self` (its import.meta.url), bundled as `bundle`.
 * @example workerEntryOf('file:///app/cli/invoices/render.ts', 'invoice-worker.mjs') // { url: 'file:///app/cli/invoices/render.ts', tsx: true }
 */
export function workerEntryOf(self: string, bundle: string): WorkerEntry | undefined {
  if (self.endsWith('.ts')) return { url: self, tsx: true };
  if (self.endsWith(`/${bundle}`)) return { url: self, tsx: false };
  const places = [new URL(`./${bundle}`, self), ...(self.includes('/chunks/') ? [new URL(`../${bundle}`, self)] : [])];
  const found = places.find((url) => existsSync(fileURLToPath(url)));
  return found ? { url: found.href, tsx: false } : undefined;
}

/** Starts a worker at `entry`; `flag` (its workerData) tells the module it runs as that worker. */
export function startWorker(entry: WorkerEntry, flag: string): Worker {
  if (entry.tsx) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.url)}); });`;
    return new Worker(boot, { eval: true, workerData: flag });
  }
  return new Worker(new URL(entry.url), { workerData: flag });
}
