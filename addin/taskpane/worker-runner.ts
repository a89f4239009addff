/**
 * Runs the 消込 job in a Web Worker (reconcile-worker.js, built beside the page). Where a worker
 * cannot start (an old webview), the job runs on the page instead: slower to the eye, same result.
 */
import type { JobRunner } from './reconcile-actions.js';
import { type ReconcileJobOutput, runReconcileJob } from './reconcile-job.js';

const PHASE_SHARE = { read: 0.2, match: 0.6, layout: 0.2 } as const;
const PHASE_START = { read: 0, match: 0.2, layout: 0.8 } as const;

/**
 * The JobRunner the pane uses.
 * @example const output = await workerRunner(input, (share) => (bar.value = share * 100))
 */
export const workerRunner: JobRunner = (input, progress) => {
  if (typeof Worker === 'undefined') return Promise.resolve(runReconcileJob(input));
  return new Promise<ReconcileJobOutput>((resolve, reject) => {
    const worker = new Worker(new URL('reconcile-worker.js', document.baseURI));
    worker.onmessage = (e: MessageEvent) => {
      const m = e.data as
        | { type: 'progress'; phase: keyof typeof PHASE_SHARE; done: number }
        | { type: 'done'; output: ReconcileJobOutput }
        | { type: 'failed'; message: string };
      if (m.type === 'progress') progress(PHASE_START[m.phase] + PHASE_SHARE[m.phase] * m.done);
      else {
        worker.terminate();
        if (m.type === 'done') resolve(m.output);
        else reject(new Error(m.message));
      }
    };
    // The worker script itself could not run (blocked, not served): do the job here instead.
    // A failure inside the job arrives as a 'failed' message, not here.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      try {
        resolve(runReconcileJob(input));
      } catch (err) {
        reject(err);
      }
    };
    // Copied, not transferred: the same dropped file may be run again.
    worker.postMessage(input);
  });
};
