/**
 * Rendering the invoices of `urakata invoices` (PDF, and JP PINT XML when asked): in-process for
 * one job, otherwise a pool of worker threads that run this module. Results come back as
 * transferred bytes; the caller writes them in input order.
 */
import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { type Invoice, invoicePdf, pintXml } from '../../core/invoice/index.js';
import { japaneseFonts } from '../../functions/fonts.js';
import { startWorker, type WorkerEntry, workerEntryOf } from '../workers.js';

export interface Rendered {
  readonly pdf: Uint8Array;
  readonly xml?: string;
}

interface RenderRequest {
  readonly id: number;
  readonly invoice: Invoice;
  readonly pint: boolean;
}

async function render(invoice: Invoice, pint: boolean): Promise<Rendered> {
  const pdf = await invoicePdf(invoice, japaneseFonts());
  return pint ? { pdf, xml: pintXml(invoice) } : { pdf };
}

const WORKER_FLAG = 'urakata-invoice-renderer';

/**
 * Where a render worker starts (cli/workers.ts): this module under tsx, `invoice-worker.mjs` in a bundle.
 * @example workerEntry('file:///app/cli/invoices/render.ts') // { url: 'file:///app/cli/invoices/render.ts', tsx: true }
 */
export function workerEntry(self = import.meta.url): WorkerEntry | undefined {
  return workerEntryOf(self, 'invoice-worker.mjs');
}

/** Worker threads rendering invoices (PDF + optional XML); results come back as transferred bytes. */
export class RenderPool {
  private readonly workers: { worker: Worker; busy: number; dead: boolean }[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Rendered) => void; reject: (e: unknown) => void }>();
  private next = 0;

  constructor(size: number, entry: WorkerEntry) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(entry, WORKER_FLAG);
      const slot = { worker, busy: 0, dead: false };
      worker.on('message', (m: { id: number; pdf?: Uint8Array; xml?: string; error?: string }) => {
        slot.busy--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (!w) return;
        if (m.error !== undefined || !m.pdf) w.reject(new Error(m.error ?? 'renderer returned nothing'));
        else w.resolve(m.xml === undefined ? { pdf: m.pdf } : { pdf: m.pdf, xml: m.xml });
      });
      // A crashed worker fails what is waiting and takes no more work (no promise is left hanging).
      worker.on('error', (e) => {
        slot.dead = true;
        for (const w of this.waiting.values()) w.reject(e);
        this.waiting.clear();
      });
      worker.on('exit', () => {
        slot.dead = true;
      });
      this.workers.push(slot);
    }
  }

  render(invoice: Invoice, pint: boolean): Promise<Rendered> {
    const id = this.next++;
    const alive = this.workers.filter((w) => !w.dead);
    const slot = alive.reduce<(typeof alive)[number] | undefined>((a, b) => (a === undefined || b.busy < a.busy ? b : a), undefined);
    if (!slot) return Promise.reject(new Error('no PDF worker is running'));
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, invoice, pint } satisfies RenderRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

if (!isMainThread && workerData === WORKER_FLAG && parentPort) {
  const port = parentPort;
  port.on('message', (m: RenderRequest) => {
    render(m.invoice, m.pint).then(
      (r) => port.postMessage({ id: m.id, pdf: r.pdf, xml: r.xml }, [r.pdf.buffer as ArrayBuffer]),
      (e: unknown) => port.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) }),
    );
  });
}

export interface Renderer {
  /** Threads rendering (1: in-process). */
  readonly jobs: number;
  render(invoice: Invoice, pint: boolean): Promise<Rendered>;
  close(): Promise<void>;
}

/**
 * `jobs` worker threads, or in-process for one job — and for more when no worker can start (a
 * bundle without invoice-worker.mjs), which `warn` is told.
 * @example const r = startRenderer(4, (t) => io.err(t)); await r.render(invoice, false); await r.close()
 */
export function startRenderer(jobs: number, warn: (text: string) => void): Renderer {
  const entry = jobs > 1 ? workerEntry() : undefined;
  if (jobs > 1 && !entry) {
    warn('並列処理用の invoice-worker.mjs がないため、1スレッドで作成します / invoice-worker.mjs not found: rendering in-process\n');
  }
  const pool = entry && jobs > 1 ? new RenderPool(jobs, entry) : undefined;
  return {
    jobs: pool ? jobs : 1,
    render: (invoice, pint) => (pool ? pool.render(invoice, pint) : render(invoice, pint)),
    close: async () => {
      await pool?.close();
    },
  };
}
