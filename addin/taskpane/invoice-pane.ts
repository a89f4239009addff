/** The 請求書 pane: send the selected invoice lines to the API, follow the batch, show the result. */
import { byId, errorText, onClick } from './dom.js';
import { t } from './i18n.js';
import { batchStatus, type Fetch, rejectedRows, sendBatch } from './invoice-api.js';
import type { ExcelRun } from './reconcile-actions.js';
import { type KeyValueStorage, loadSettings } from './settings.js';
import { sheetTableToCsv } from './sheet-table.js';
import { parseRangeRef, readTables, selectedAddress } from './workbook.js';

const POLL_MS = 1500;

export function initInvoicePane(
  run: ExcelRun,
  storage: KeyValueStorage,
  fetcher: Fetch,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): void {
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

  onClick(
    byId<HTMLButtonElement>('inv-send'),
    async () => {
      problems.replaceChildren();
      link.hidden = true;
      const settings = await loadSettings(storage);
      if (!settings.apiEndpoint || !settings.apiKey) return say(t('needApi'));
      if (!range.value.trim()) return say(t('needRanges'));
      const [table] = await run((context) => readTables(context, [parseRangeRef(range.value)]));
      if (!table || table.values.length < 2) return say(t('needRanges'));
      progress.hidden = false;
      progress.removeAttribute('value');
      say(t('invUploading'));
      const csv = sheetTableToCsv(table);
      const id = await sendBatch(fetcher, settings, csv);
      for (;;) {
        const s = await batchStatus(fetcher, settings, id);
        if (s.done) {
          if (s.status === 'failed') progress.hidden = true;
          progress.value = 100;
          const rejected = s.errorsUrl ? await rejectedRows(fetcher, s.errorsUrl) : [];
          problems.replaceChildren(
            ...rejected.map((r) => {
              const li = document.createElement('li');
              li.textContent = `${r.row}行目 ${r.column}「${r.value}」: ${r.message}`;
              return li;
            }),
          );
          if (s.zipUrl) {
            link.href = s.zipUrl;
            link.hidden = false;
          }
          return say(t('invDone', { issued: s.counts.issued ?? 0, rejected: rejected.length }));
        }
        progress.value = Math.round(s.progress * 100);
        say(t('invWaiting', { done: Math.round(s.progress * 100) }));
        await sleep(POLL_MS);
      }
    },
    (e) => {
      progress.hidden = true;
      say(t('failed', { message: errorText(e) }));
    },
  );
}
