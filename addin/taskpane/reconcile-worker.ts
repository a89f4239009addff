/**
 * The Web Worker that runs a 入金消込 off the taskpane's main thread, so a 10,000-line statement
 * does not freeze the pane. Messages: in `ReconcileJobInput`; out `{type:'progress'}` then
 * `{type:'done', output}`, or `{type:'failed', message}`.
 */
import { type ReconcileJobInput, runReconcileJob } from './reconcile-job.js';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ReconcileJobInput>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  try {
    const output = runReconcileJob(e.data, (phase, done) => scope.postMessage({ type: 'progress', phase, done }));
    scope.postMessage({ type: 'done', output });
  } catch (err) {
    scope.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};
