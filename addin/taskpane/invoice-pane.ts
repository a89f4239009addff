/**
 * The 請求書 pane: send the selected invoice lines to the API, follow the batch, show the result;
 * preview the first invoice; book the lines' invoices as a 仕訳 sheet and file.
 */
import { byId, download, errorText, feedback, onClick, showProblems } from './dom.js';
import { checkConnection } from '../../core/api/client.js';
import { jobProblemLines } from '../../core/api/job-status.js';
import { isError } from '../../core/errors.js';
import { inSheetRows } from '../../core/sheet-functions/sheet-lines.js';
import { batchCountsText } from '../../core/invoice/batch-counts.js';
import { isJournalFormat } from '../../core/journal/formats.js';
import { language, t } from './i18n.js';
import { buildInvoiceJournal, issueInvoices, issuerOfSettings, selectedInvoiceLines } from './invoice-actions.js';
import type { Fetch } from './invoice-api.js';
import type { ExcelRun } from './reconcile-actions.js';
import { type KeyValueStorage, loadSettings } from './settings.js';
import { renderInWorker } from './pdf-runner.js';
import { selectedAddress } from './workbook.js';

/**
 * Wires the 請求書 pane's buttons.
 * @example initInvoicePane((b) => Excel.run(b), OfficeRuntime.storage, fetch)
 */
export function initInvoicePane(run: ExcelRun, storage: KeyValueStorage, fetcher: Fetch): void {
  const range = byId<HTMLInputElement>('inv-range');
  const progress = byId<HTMLProgressElement>('inv-progress');
  const status = byId('inv-status');
  const link = byId<HTMLAnchorElement>('inv-download');
  const problems = byId('inv-problems');
  const say = (text: string) => {
    status.textContent = text;
  };

  onClick(
    byId<HTMLButtonElement>('inv-pick'),
    async () => {
      range.value = await run((context) => selectedAddress(context));
    },
    (e) => say(t('failed', { message: errorText(e) })),
  );

  const previewLink = byId<HTMLAnchorElement>('inv-preview-link');
  onClick(
    byId<HTMLButtonElement>('inv-preview'),
    async () => {
      problems.replaceChildren();
      previewLink.hidden = true;
      if (!range.value.trim()) return say(t('needRanges'));
      const settings = await loadSettings(storage);
      const lines = await selectedInvoiceLines(run, range.value);
      say(t('previewing'));
      const answer = await renderInWorker({
        kind: 'invoice',
        csv: lines.csv,
        file: lines.sheet,
        issuer: issuerOfSettings(settings),
      });
      if (answer.type === 'rejected') {
        showProblems(problems, inSheetRows(answer.problems, lines.sheet, lines));
        return say(t('rejected', { count: answer.problems.length }));
      }
      if (answer.type === 'failed') return say(t('failed', { message: answer.message }));
      if (previewLink.href.startsWith('blob:')) URL.revokeObjectURL(previewLink.href);
      previewLink.href = URL.createObjectURL(new Blob([answer.bytes as BlobPart], { type: 'application/pdf' }));
      previewLink.download = answer.name;
      previewLink.hidden = false;
      say(t('previewDone', { name: answer.name }));
    },
    (e) => say(t('failed', { message: errorText(e) })),
  );

  const { fail } = feedback('inv-status', 'inv-problems');
  onClick(
    byId<HTMLButtonElement>('inv-journal'),
    async () => {
      problems.replaceChildren();
      if (!range.value.trim()) return say(t('needInvoiceLines'));
      const format = byId<HTMLSelectElement>('inv-journal-format').value;
      if (!isJournalFormat(format)) return;
      say(t('invJournalRunning'));
      const r = await buildInvoiceJournal(run, await loadSettings(storage), range.value, format);
      showProblems(problems, r.problems);
      if (r.entries === 0) return say(t('rejected', { count: r.problems.filter(isError).length }));
      download(r.name, r.bytes, 'text/csv');
      const saved = { sheet: r.sheet, name: r.name, count: r.entries, rejected: r.rejected };
      say(t(r.rejected > 0 ? 'invJournalPartial' : 'journalSaved', saved));
    },
    fail,
  );

  onClick(
    byId<HTMLButtonElement>('inv-send'),
    async () => {
      problems.replaceChildren();
      link.hidden = true;
      const settings = await loadSettings(storage);
      checkConnection({ endpoint: settings.apiEndpoint, key: settings.apiKey });
      if (!range.value.trim()) return say(t('needRanges'));
      progress.hidden = false;
      progress.value = 0;
      say(t('invUploading'));
      const result = await issueInvoices(run, fetcher, settings, range.value, {
        onStatus: (s) => {
          progress.value = Math.round(s.progress * 100);
          if (!s.done) say(t('invWaiting', { done: Math.round(s.progress * 100) }));
        },
      });
      if (result.status.state === 'failed') progress.hidden = true;
      problems.replaceChildren(
        ...jobProblemLines(result.status.reasons, result.rejected).map((line) => {
          const li = document.createElement('li');
          li.textContent = line;
          return li;
        }),
      );
      if (result.status.zipUrl) {
        link.href = result.status.zipUrl;
        link.hidden = false;
      }
      const counts = batchCountsText(result.status.counts, (n) => n.toLocaleString('ja-JP'))[language()];
      say(t(result.status.state === 'failed' ? 'invFailed' : 'invDone', { counts }));
    },
    (e) => {
      progress.hidden = true;
      say(t('failed', { message: errorText(e) }));
    },
  );
}
