/**
 * The sidebar page's script (runs in the browser, in Google's sandboxed iframe). It calls the
 * server functions by name through google.script.run, where the work happens in core; the one
 * exception is writing a journal import file, which core's writer does here: the 弥生 and
 * マネーフォワード files are Shift_JIS, whose kanji need the browser's TextDecoder (Apps Script
 * has none).
 */
import { type JobStatusView, jobProblemLines, jobStateName } from '../../core/api/job-status.js';
import type { ErrorsCsvRow } from '../../core/csv/errors-csv.js';
import { problemLine } from '../../core/errors.js';
import { batchCountsText } from '../../core/invoice/batch-counts.js';
import type { JournalEntry } from '../../core/journal/entry.js';
import { isJournalFormat, JOURNAL_FORMAT_NAMES, JOURNAL_FORMATS, journalFileName, writeJournal } from '../../core/journal/formats.js';
import { STATUS_NAMES } from '../../core/reconcile/status.js';
import { errorsInSheetRows } from '../../core/sheet-functions/sheet-lines.js';

interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: Error) => void): Runner;
  [fn: string]: unknown;
}
declare const google: { script: { run: Runner } };

interface JobView {
  kind: string;
  sheet: string;
  written: number;
  total: number;
  done: boolean;
  ranges: string[];
  summary: Record<string, number>;
}

/** The 消込 counts by status, named as everywhere else (core's status names). */
const SUMMARY_JA: Record<string, string> = Object.fromEntries(Object.entries(STATUS_NAMES).map(([k, n]) => [k, n.ja]));
const SUMMARY_EN: Record<string, string> = Object.fromEntries(Object.entries(STATUS_NAMES).map(([k, n]) => [k, n.en]));

function server<T>(fn: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler(reject);
    (runner[fn] as (...a: unknown[]) => void)(...args);
  });
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};
const input = (id: string) => $<HTMLInputElement>(id);
const fmt = (n: number) => n.toLocaleString('ja-JP');
const pollMs = () => (window as unknown as { URAKATA_POLL_MS?: number }).URAKATA_POLL_MS ?? 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function showErrors(listId: string, error: unknown): void {
  const list = $(listId);
  list.replaceChildren();
  const text = error instanceof Error ? error.message : String(error);
  for (const line of text.split('\n').filter(Boolean)) {
    const li = document.createElement('li');
    li.textContent = line;
    list.append(li);
  }
}

function selectPane(pane: string): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role=tab]')) {
    const on = tab.dataset.pane === pane;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`pane-${tab.dataset.pane}`).hidden = !on;
  }
}

async function busy(buttons: string[], work: () => Promise<void>): Promise<void> {
  const before = buttons.map((b) => $<HTMLButtonElement>(b).disabled);
  for (const b of buttons) $<HTMLButtonElement>(b).disabled = true;
  try {
    await work();
  } finally {
    buttons.forEach((b, i) => {
      $<HTMLButtonElement>(b).disabled = before[i] ?? false;
    });
  }
}

/** Drives a chunked job to the end, one server execution per call, showing progress. */
async function runJob(prefix: string, first: JobView): Promise<JobView> {
  const bar = $<HTMLProgressElement>(`${prefix}-progress`);
  const status = $(`${prefix}-status`);
  bar.hidden = false;
  let job = first;
  for (;;) {
    bar.max = Math.max(job.total, 1);
    bar.value = job.written;
    status.textContent = `「${job.sheet}」に書き出し中… ${fmt(Math.max(job.written - 1, 0))} / ${fmt(Math.max(job.total - 1, 0))} 行 / writing to ${job.sheet}`;
    if (job.done) break;
    job = await server<JobView>('uraJobStep', job.kind);
  }
  const order = Object.keys(SUMMARY_JA);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const entries = Object.entries(job.summary).sort(([a], [b]) => rank(a) - rank(b));
  const counts = entries.map(([k, v]) => `${SUMMARY_JA[k] ?? k} ${fmt(v)} 件`);
  const countsEn = entries.map(([k, v]) => `${fmt(v)} ${SUMMARY_EN[k] ?? k}`);
  status.textContent =
    `完了: 「${job.sheet}」シートに ${fmt(job.total - 1)} 行を書き出しました。${counts.length ? `\n${counts.join('・')}` : ''}` +
    `\nDone: ${fmt(job.total - 1)} rows written to ${job.sheet}${countsEn.length ? ` (${countsEn.join(', ')})` : ''}.`;
  return job;
}

function wirePickers(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-pick]')) {
    button.addEventListener('click', async () => {
      const target = input(button.dataset.pick ?? '');
      try {
        const picked = await server<{ a1: string }>('uraActiveRange');
        // A field that lists several ranges (the year-end pay) takes the selection as one more.
        const before = target.value.trim().replace(/;$/, '');
        target.value = button.hasAttribute('data-pick-add') && before ? `${before}; ${picked.a1}` : picked.a1;
      } catch (e) {
        alert((e as Error).message);
      }
    });
  }
}

async function reconcilePane(available: boolean): Promise<void> {
  const status = $('rec-status');
  if (!available) {
    status.textContent = '入金消込はこの版ではまだ使えません（準備中）。 / Reconciliation is not available in this version yet.';
    $<HTMLButtonElement>('rec-run').disabled = true;
    return;
  }
  const buttons = ['rec-run', 'rec-resume', 'rec-api', 'rec-journal'];
  const run = (start: () => Promise<JobView>) =>
    busy(buttons, async () => {
      $('rec-errors').replaceChildren();
      $('rec-pending').hidden = true;
      try {
        await runJob('rec', await start());
      } catch (e) {
        status.textContent = '消込できませんでした。 / Reconciliation failed.';
        showErrors('rec-errors', e);
      }
    });
  $('rec-run').addEventListener('click', () =>
    run(() => server<JobView>('uraJobStart', 'reconcile', [input('rec-bank').value, input('rec-open').value], {})),
  );
  $('rec-resume').addEventListener('click', () => run(() => server<JobView>('uraJobStep', 'reconcile')));
  // A very large statement: the API matches, the sidebar then writes its result like a local run.
  const viaApi = (jobId: string) =>
    run(async () => {
      for (;;) {
        const s = await server<ApiReconcileStatus>('uraReconcileApiStatus', jobId);
        status.textContent = `APIで消込中（ジョブ ${jobId}）: ${jobStateName(s.state, 'ja')} / reconciling through the API: ${jobStateName(s.state, 'en')}`;
        if (s.job) return s.job;
        if (s.done) throw new Error(jobProblemLines(s.reasons, s.rejected).join('\n') || jobStateName(s.state, 'en'));
        await sleep(pollMs());
      }
    });
  // Off from the click: reading and uploading the ranges takes a while, and a second click meanwhile
  // started a second job whose poller then removed the first one's working sheet.
  $('rec-api').addEventListener('click', () =>
    busy(buttons, async () => {
      $('rec-errors').replaceChildren();
      try {
        const sent = await server<{ jobId: string }>('uraReconcileApiStart', input('rec-bank').value, input('rec-open').value);
        await viaApi(sent.jobId);
      } catch (e) {
        status.textContent = '消込できませんでした。 / Reconciliation failed.';
        showErrors('rec-errors', e);
      }
    }),
  );
  journalButton('rec', ['rec-run', 'rec-api'], {
    booking: '入金を照合して仕訳を作成しています… / matching the deposits and booking them…',
    none: '自動消込がないため、仕訳はありません。 / No automatic matches, so there is no journal.',
    book: () => server<JournalSheetView>('uraReconcileJournal', input('rec-bank').value, input('rec-open').value),
  });
  const apiPending = await server<{ jobId: string } | null>('uraReconcileApiPending');
  if (apiPending) void viaApi(apiPending.jobId);
  $('rec-discard').addEventListener('click', async () => {
    await server('uraJobCancel', 'reconcile');
    $('rec-pending').hidden = true;
  });
  const pending = await server<JobView | null>('uraJobPending', 'reconcile');
  if (pending) {
    $('rec-pending-text').textContent =
      `前回の消込が途中です（${fmt(pending.written)} / ${fmt(pending.total)} 行）。 / The last run stopped part way.`;
    $('rec-pending').hidden = false;
    input('rec-bank').value = pending.ranges[0] ?? '';
    input('rec-open').value = pending.ranges[1] ?? '';
  }
}

/**
 * What uraPayrollJournal, uraReconcileJournal and uraInvoiceJournal answer: the 仕訳 sheet written
 * and its entries; the invoice tab adds the problems of the lines and the invoices left out.
 */
interface JournalSheetView {
  sheet: string;
  entries: JournalEntry[];
  problems?: string[];
  rejected?: number;
}

/** A tab's 「仕訳シートを作成してファイルを保存」: its server function and its words. */
interface JournalTab {
  /** The status while the server books (日本語 / English). */
  booking: string;
  /** The status when nothing was booked, and so no sheet written. */
  none: string;
  book(): Promise<JournalSheetView>;
  /** The sentence added (日本語, English) when the server left `rejected` items out (the invoices with a bad row). */
  notBooked?(count: string): [string, string];
}

/**
 * Wires `{prefix}-journal`: the server writes the 仕訳 sheet and answers its entries, and the file
 * in the format of `{prefix}-journal-format` is written here with core's writer (the Shift_JIS
 * formats need the browser's TextDecoder) and downloaded as journalFileName names it. A name a
 * Shift_JIS format cannot hold: the sheet is kept, no file is saved, and each such cell is listed.
 */
function journalButton(prefix: string, others: string[], tab: JournalTab): void {
  const status = $(`${prefix}-status`);
  const errors = `${prefix}-errors`;
  $(`${prefix}-journal`).addEventListener('click', () =>
    busy([...others, `${prefix}-journal`], async () => {
      $(errors).replaceChildren();
      const format = $<HTMLSelectElement>(`${prefix}-journal-format`).value;
      if (!isJournalFormat(format)) return;
      try {
        status.textContent = tab.booking;
        const r = await tab.book();
        const listed = r.problems ?? [];
        showErrors(errors, new Error(listed.join('\n')));
        if (r.entries.length === 0) {
          status.textContent = tab.none;
          return;
        }
        const name = journalFileName(r.sheet, format);
        const file = writeJournal(r.entries, format, name);
        if (!file.data) {
          status.textContent =
            `仕訳シート「${r.sheet}」を作成しましたが、ファイルは作成できませんでした（下の理由。CSV形式なら作成できます）。` +
            ` / Made the journal sheet ${r.sheet}, but not the file (reasons below; the CSV format can hold them).`;
          showErrors(errors, new Error([...listed, ...file.problems.map(problemLine)].join('\n')));
          return;
        }
        downloadBytes(name, file.data, 'text/csv');
        const count = fmt(r.entries.length);
        const [leftJa, leftEn] = r.rejected && tab.notBooked ? tab.notBooked(fmt(r.rejected)) : ['', ''];
        status.textContent =
          `仕訳シート「${r.sheet}」を作成し、「${name}」をダウンロードしました（${count}件）。${leftJa}` +
          ` / Made the journal sheet ${r.sheet} and downloaded ${name} (${count} entries).${leftEn}`;
      } catch (e) {
        status.textContent = '仕訳を作成できませんでした。 / The journal could not be made.';
        showErrors(errors, e);
      }
    }),
  );
}

function download(fileName: string, base64: string, type: string): void {
  downloadBytes(
    fileName,
    Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
    type,
  );
}

function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

function payrollPane(caps: Capabilities): void {
  const status = $('pay-status');
  if (!caps.payroll) {
    status.textContent = '給与計算はこの版ではまだ使えません（準備中）。 / Payroll is not available in this version yet.';
    $<HTMLButtonElement>('pay-run').disabled = true;
  }
  if (!caps.zengin) $<HTMLButtonElement>('pay-zengin').disabled = true;
  if (!caps.payroll) $<HTMLButtonElement>('pay-journal').disabled = true;
  const ranges = () => [input('pay-employees').value, input('pay-attendance').value];
  $('pay-run').addEventListener('click', () =>
    busy(['pay-run', 'pay-zengin', 'pay-journal'], async () => {
      $('pay-errors').replaceChildren();
      try {
        await runJob(
          'pay',
          await server<JobView>('uraJobStart', 'payroll', ranges(), {
            pay_date: input('pay-date').value,
            year_end: input('pay-year-end').value,
          }),
        );
      } catch (e) {
        status.textContent = '給与一覧を作成できませんでした。 / The payroll table could not be made.';
        showErrors('pay-errors', e);
      }
    }),
  );
  $('pay-zengin').addEventListener('click', () =>
    busy(['pay-run', 'pay-zengin', 'pay-journal'], async () => {
      $('pay-errors').replaceChildren();
      try {
        const file = await server<{ fileName: string; base64: string }>(
          'uraPayrollZengin',
          ...ranges(),
          input('pay-date').value,
          input('pay-company').value,
          input('pay-year-end').value,
        );
        download(file.fileName, file.base64, 'application/octet-stream');
        status.textContent = `全銀ファイル「${file.fileName}」をダウンロードしました。 / Downloaded the Zengin file ${file.fileName}.`;
      } catch (e) {
        showErrors('pay-errors', e);
      }
    }),
  );
  journalButton('pay', ['pay-run', 'pay-zengin'], {
    booking: '給与の仕訳を作成しています… / booking the payroll…',
    none: '計上する給与がないため、仕訳はありません。 / No pay to book, so there is no journal.',
    book: () => server<JournalSheetView>('uraPayrollJournal', ...ranges(), input('pay-date').value, input('pay-year-end').value),
  });
}

interface YearEndView {
  sheet: string;
  employees: number;
  errors: number;
  problems: string[];
}

interface SlipRenderer {
  render(input: unknown): Promise<{ name: string; bytes: Uint8Array; count: number; errors: number; problems: string[] }>;
}

let slipRenderer: Promise<SlipRenderer> | undefined;

/** The 源泉徴収票 renderer (SlipRenderer.html), fetched from the server and run once, when first asked for. */
function loadSlipRenderer(): Promise<SlipRenderer> {
  slipRenderer ??= server<string>('uraSlipRenderer').then((html) => {
    const script = document.createElement('script');
    script.textContent = html.replace(/^\s*<script>/, '').replace(/<\/script>\s*$/, '');
    document.head.append(script);
    const loaded = (window as unknown as { urakataSlips?: SlipRenderer }).urakataSlips;
    if (!loaded) throw new Error('源泉徴収票の作成機能を読み込めません / the slip renderer did not load');
    return loaded;
  });
  slipRenderer.catch(() => {
    slipRenderer = undefined;
  });
  return slipRenderer;
}

function nenchoPane(): void {
  const status = $('nen-status');
  const fields = () => ['nen-employees', 'nen-declarations', 'nen-pay', 'nen-year'].map((id) => input(id).value);
  $('nen-slips').addEventListener('click', () =>
    busy(['nen-run', 'nen-slips'], async () => {
      $('nen-errors').replaceChildren();
      status.textContent = '源泉徴収票を作成しています… / rendering the withholding slips…';
      try {
        const [slipInput, renderer] = await Promise.all([
          server<unknown>('uraYearEndSlips', ...fields(), input('nen-payer').value),
          loadSlipRenderer(),
        ]);
        const zip = await renderer.render(slipInput);
        downloadBytes(zip.name, zip.bytes, 'application/zip');
        status.textContent =
          `源泉徴収票 ${fmt(zip.count)} 人分「${zip.name}」をダウンロードしました。` +
          (zip.errors > 0 ? `下の ${fmt(zip.errors)} 件の誤りに関わる社員の分は含めていません。` : '') +
          `\nDownloaded ${fmt(zip.count)} withholding slips as ${zip.name}.` +
          (zip.errors > 0 ? ` Employees concerned by the ${fmt(zip.errors)} problem(s) below are left out.` : '');
        showErrors('nen-errors', new Error(zip.problems.join('\n')));
      } catch (e) {
        status.textContent = '源泉徴収票を作成できませんでした。 / The withholding slips could not be made.';
        showErrors('nen-errors', e);
      }
    }),
  );
  $('nen-run').addEventListener('click', () =>
    busy(['nen-run', 'nen-slips'], async () => {
      $('nen-errors').replaceChildren();
      status.textContent = '年末調整を計算しています… / computing…';
      try {
        const r = await server<YearEndView>('uraYearEnd', ...fields());
        status.textContent =
          `完了: 「${r.sheet}」シートに ${fmt(r.employees)} 人を書き出しました。` +
          (r.errors > 0 ? `下の ${fmt(r.errors)} 件の誤りに関わる社員は含めていません。` : '') +
          `\nDone: ${fmt(r.employees)} employees written to ${r.sheet}.` +
          (r.errors > 0 ? ` Employees concerned by the ${fmt(r.errors)} problem(s) below are left out.` : '');
        showErrors('nen-errors', new Error(r.problems.join('\n')));
      } catch (e) {
        status.textContent = '年末調整できませんでした。 / The year-end adjustment failed.';
        showErrors('nen-errors', e);
      }
    }),
  );
}

interface ApiReconcileStatus {
  jobId: string;
  state: string;
  done: boolean;
  reasons: string[];
  rejected: ErrorsCsvRow[];
  job: JobView | null;
}

/** uraInvoiceBatchStatus's answer: core's reading of the status, with the rows of errors.csv once ended. */
interface BatchStatus extends JobStatusView {
  batchId: string;
  rejected: ErrorsCsvRow[];
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.target = '_blank';
  a.rel = 'noopener';
  return a;
}

function invoicePane(): void {
  const status = $('inv-status');
  journalButton('inv', ['inv-send'], {
    booking: '請求書の仕訳を作成しています… / booking the invoices…',
    none: '誤りのない請求書がないため、仕訳はありません。 / No invoice without a problem, so there is no journal.',
    book: () => {
      $('inv-links').replaceChildren();
      return server<JournalSheetView>('uraInvoiceJournal', input('inv-range').value, input('inv-issuer').value);
    },
    notBooked: (n) => [`下の誤りがある請求書 ${n} 件は計上していません。`, ` The ${n} invoice(s) with the problems below are not booked.`],
  });
  $('inv-send').addEventListener('click', () =>
    busy(['inv-send', 'inv-journal'], async () => {
      $('inv-links').replaceChildren();
      $('inv-errors').replaceChildren();
      try {
        status.textContent = '送信中… / sending…';
        const created = await server<{ batchId: string; rows: number; sheet: string; lineRows: [number, number][] }>(
          'uraInvoiceBatchSend',
          input('inv-range').value,
          input('inv-issuer').value,
        );
        status.textContent = `${fmt(created.rows)} 行を送信しました（バッチ ${created.batchId}）。作成を待っています… / ${fmt(created.rows)} rows sent; waiting for the PDFs…`;
        let s: BatchStatus;
        do {
          await sleep(pollMs());
          s = await server<BatchStatus>('uraInvoiceBatchStatus', created.batchId);
          const counts = batchCountsText(s.counts, fmt);
          status.textContent =
            `バッチ ${s.batchId}: ${jobStateName(s.state, 'ja')}${counts.ja ? `（${counts.ja}）` : ''}` +
            ` / batch ${jobStateName(s.state, 'en')}${counts.en ? ` (${counts.en})` : ''}`;
        } while (!s.done);
        // errors.csv names the lines of the CSV sent: each is said as the sheet row it came from.
        showErrors('inv-errors', new Error(jobProblemLines(s.reasons, errorsInSheetRows(s.rejected, created)).join('\n')));
        if (s.zipUrl) $('inv-links').append(link(s.zipUrl, '請求書PDF（ZIP）をダウンロード / Download the invoice PDFs (ZIP)'));
        if (s.errorsUrl) $('inv-links').append(link(s.errorsUrl, 'エラー一覧（CSV） / Errors (CSV)'));
      } catch (e) {
        status.textContent = (e as Error).message;
      }
    }),
  );
}

interface SettingsView {
  endpoint: string;
  hasKey: boolean;
  keyHint: string;
}

function showSettings(s: SettingsView): void {
  input('set-endpoint').value = s.endpoint;
  input('set-key').value = '';
  $('set-key-hint').textContent = s.hasKey
    ? `登録済みのキー: ${s.keyHint} / key on file: ${s.keyHint}`
    : 'キーは未登録です。 / No key stored.';
}

async function settingsPane(): Promise<void> {
  const status = $('set-status');
  $('set-save').addEventListener('click', async () => {
    try {
      showSettings(await server<SettingsView>('uraSaveSettings', { endpoint: input('set-endpoint').value, key: input('set-key').value }));
      status.textContent = '保存しました。 / Saved.';
    } catch (e) {
      status.textContent = (e as Error).message;
    }
  });
  $('set-clear').addEventListener('click', async () => {
    showSettings(await server<SettingsView>('uraClearApiKey'));
    status.textContent = 'キーを削除しました。 / Key removed.';
  });
  showSettings(await server<SettingsView>('uraGetSettings'));
}

interface Capabilities {
  reconcile: boolean;
  payroll: boolean;
  zengin: boolean;
}

/** Every 仕訳 format select lists core's formats, in its order, by their Japanese and English names. */
function fillJournalFormats(): void {
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[id$="-journal-format"]')) {
    select.replaceChildren(
      ...JOURNAL_FORMATS.map((f) => {
        const { ja, en } = JOURNAL_FORMAT_NAMES[f];
        return new Option(ja === en ? ja : `${ja} / ${en}`, f);
      }),
    );
  }
}

async function main(): Promise<void> {
  fillJournalFormats();
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role=tab]')) {
    tab.addEventListener('click', () => selectPane(tab.dataset.pane ?? 'reconcile'));
  }
  const start = document.querySelector<HTMLMetaElement>('meta[name="urakata-pane"]')?.content ?? 'reconcile';
  selectPane(start);
  wirePickers();
  invoicePane();
  nenchoPane();
  const caps = await server<Capabilities>('uraCapabilities');
  payrollPane(caps);
  await Promise.all([reconcilePane(caps.reconcile), settingsPane()]);
  document.body.dataset.ready = 'true';
}

// The pane to open is appended after this script by the server (HtmlOutput.append): wait for it.
document.addEventListener('DOMContentLoaded', () =>
  main().catch((e) => {
    document.body.dataset.ready = 'error';
    showErrors('rec-errors', e);
  }),
);
