/**
 * A job's status as the API answers `GET /v1/{kind}/{id}` (functions/jobs/status.ts writes it;
 * functions/invoice/batch.ts adds an invoice batch's progress while it runs; both add presigned
 * links once it has ended), read the one way every client shows it: its state and that state's
 * name, its counts, its links, how far it has got, why it failed, and its problems as lines.
 */
import { type ErrorsCsvRow, errorsRowLine } from '../csv/errors-csv.js';
import { problemMessage } from '../errors.js';

/** The states a job goes through (functions/jobs/status.ts `JobState`). */
export type JobState = 'awaiting_upload' | 'running' | 'done' | 'failed';

/** The name of each state, Japanese and English. */
export const JOB_STATE_NAMES: Readonly<Record<JobState, { readonly ja: string; readonly en: string }>> = {
  awaiting_upload: { ja: 'アップロード待ち', en: 'awaiting upload' },
  running: { ja: '作成中', en: 'running' },
  done: { ja: '完了', en: 'done' },
  failed: { ja: '失敗', en: 'failed' },
};

/** A job's status, read. */
export interface JobStatusView {
  /** The API's `state`; `unknown` when the answer has none. */
  readonly state: JobState | 'unknown';
  /** Whether the job has ended: `done` or `failed`. */
  readonly done: boolean;
  /** The counts the job wrote (an invoice batch's: batch-counts.ts), numbers only. */
  readonly counts: Readonly<Record<string, number>>;
  /** Share of the work done, 0–1: 1 once done, an invoice batch's chunks done while it runs, else 0. */
  readonly progress: number;
  /** Why the job failed, or what it left out, one line each ("日本語 / English"). */
  readonly reasons: readonly string[];
  /** The presigned links of an ended job ('' when absent): an invoice batch's ZIP, errors.csv, a run's result. */
  readonly zipUrl: string;
  readonly errorsUrl: string;
  readonly resultUrl: string;
}

const STATES: readonly string[] = Object.keys(JOB_STATE_NAMES);

/**
 * A status answer read; anything not of the API's shape is left out, never guessed.
 * @example readJobStatus({ state: 'running', progress: { chunks: 4, chunks_done: 1 } }).progress // 0.25
 */
export function readJobStatus(answer: Readonly<Record<string, unknown>>): JobStatusView {
  const state = typeof answer.state === 'string' && STATES.includes(answer.state) ? (answer.state as JobState) : 'unknown';
  const counts: Record<string, number> = {};
  if (answer.counts && typeof answer.counts === 'object') {
    for (const [k, v] of Object.entries(answer.counts)) if (typeof v === 'number') counts[k] = v;
  }
  const p = answer.progress as { chunks?: unknown; chunks_done?: unknown } | undefined;
  const share =
    p && typeof p.chunks === 'number' && typeof p.chunks_done === 'number' && p.chunks > 0 ? Math.min(1, p.chunks_done / p.chunks) : 0;
  // A link the panes put under the user's click: never one that runs script (javascript:, data:,
  // vbscript:), whatever the endpoint answered; the browser reads the scheme past spaces and case.
  const link = (name: string) => {
    const v = answer[name];
    if (typeof v !== 'string') return '';
    // As a browser reads it: spaces and controls before it, and tabs and line ends anywhere, are dropped.
    let scheme = '';
    for (const c of v) {
      if (c === ':') break;
      if (c > ' ') scheme += c;
      if (scheme.length > 16) break;
    }
    return ['javascript', 'data', 'vbscript'].includes(scheme.toLowerCase()) ? '' : v;
  };
  return {
    state,
    done: state === 'done' || state === 'failed',
    counts,
    progress: state === 'done' ? 1 : share,
    reasons: Array.isArray(answer.reasons) ? answer.reasons.flatMap(reasonLine) : [],
    zipUrl: link('zipUrl'),
    errorsUrl: link('errorsUrl'),
    resultUrl: link('resultUrl'),
  };
}

/** A status's reason (`{message_ja, message_en}`) as errors.csv words a problem's message. */
function reasonLine(r: unknown): string[] {
  const { message_ja, message_en } = (r ?? {}) as { message_ja?: unknown; message_en?: unknown };
  if (typeof message_ja !== 'string' || typeof message_en !== 'string') return [];
  return [problemMessage({ file: '', row: 0, column: '', value: '', message_ja, message_en })];
}

/**
 * The name of a state in one language; a state the API does not have is given as it came.
 * @example jobStateName('running', 'ja') // '作成中'
 */
export function jobStateName(state: string, lang: 'ja' | 'en'): string {
  return STATES.includes(state) ? JOB_STATE_NAMES[state as JobState][lang] : state;
}

/**
 * What a pane lists under an ended job: its reasons, then the rows of its errors.csv as every pane
 * lists a problem ({@link errorsRowLine}). A reason a row already says (a failed job's reasons
 * are its errors' messages) is not said twice.
 * @example jobProblemLines(['入力に誤りがあります（errors.csv） / input rejected (see errors.csv)'], rows) // [that reason, 'bank.csv 3行目 / row 3 …']
 */
export function jobProblemLines(reasons: readonly string[], rows: readonly ErrorsCsvRow[]): string[] {
  const said = new Set(rows.map((r) => r.message));
  return [...reasons.filter((r) => !said.has(r)), ...rows.map(errorsRowLine)];
}
