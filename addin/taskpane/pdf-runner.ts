/** Runs a job in pdf-worker.js (built beside the page) and returns its answer. */
import type { Problem } from '../../core/errors.js';
import type { PdfJob } from './pdf-worker.js';

export type PdfAnswer =
  | { type: 'done'; name: string; bytes: Uint8Array; count?: number; problems?: Problem[] }
  | { type: 'rejected'; problems: Problem[] }
  | { type: 'failed'; message: string };

/**
 * The worker's answer to one job.
 * @example (await renderInWorker({ kind: 'invoice', csv, file, issuer })).type // 'done'
 */
export function renderInWorker(job: PdfJob): Promise<PdfAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('pdf-worker.js', document.baseURI));
    worker.onmessage = (e: MessageEvent<PdfAnswer>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'PDF worker failed'));
    };
    worker.postMessage(job);
  });
}
