/** The 消込 pane: choose the statement and open items, run, then apply or confirm. */
import { writeCsv } from '../../core/csv/write.js';
import { todayInTokyo } from '../../core/dates/calendar.js';
import { isJournalFormat } from '../../core/journal/formats.js';
import { learnedToRows } from '../../core/reconcile/index.js';
import { byId, download, errorText, onClick, showProblems } from './dom.js';
import { t } from './i18n.js';
import {
  applyAutomatic,
  buildReconcileJournal,
  confirmSelected,
  type ExcelRun,
  type JobRunner,
  type ReconcileRequest,
  type ReconcileState,
  RESULT_SHEET,
  runReconcile,
} from './reconcile-actions.js';
import { type KeyValueStorage, loadSettings } from './settings.js';
import { selectedAddress } from './workbook.js';

/**
 * Wires the 消込 pane's fields, drop zone and buttons.
 * @example initReconcilePane((b) => Excel.run(b), workerRunner, OfficeRuntime.storage)
 */
export function initReconcilePane(run: ExcelRun, runner: JobRunner, storage: KeyValueStorage): void {
  const bankRange = byId<HTMLInputElement>('rec-bank-range');
  const openRange = byId<HTMLInputElement>('rec-open-range');
  const fileInput = byId<HTMLInputElement>('rec-file');
  const drop = byId('rec-drop');
  const fileName = byId('rec-file-name');
  const progress = byId<HTMLProgressElement>('rec-progress');
  const status = byId('rec-status');
  const problems = byId('rec-problems');
  const after = byId('rec-after');
  const summary = byId('rec-summary');
  let file: { name: string; bytes: Uint8Array } | undefined;
  let state: ReconcileState | undefined;

  const say = (text: string) => {
    status.textContent = text;
  };
  const fail = (e: unknown) => {
    progress.hidden = true;
    say(t('failed', { message: errorText(e) }));
  };

  /** A range typed or picked for the statement replaces a dropped file. */
  const forgetFile = () => {
    file = undefined;
    fileName.textContent = '';
  };
  const pick = (input: HTMLInputElement) => async () => {
    input.value = await run((context) => selectedAddress(context));
    if (input === bankRange) forgetFile();
  };
  bankRange.addEventListener('input', forgetFile);
  // One action of the pane at a time: 消込を実行 during 反映 rebuilt 消込結果 under its marking.
  const paneButtons = ['rec-run', 'rec-apply-auto', 'rec-confirm', 'rec-journal', 'rec-export-learned'].map((id) =>
    byId<HTMLButtonElement>(id),
  );
  onClick(byId<HTMLButtonElement>('rec-bank-pick'), pick(bankRange), fail);
  onClick(byId<HTMLButtonElement>('rec-open-pick'), pick(openRange), fail);

  const takeFile = async (f: File | undefined) => {
    if (!f) return;
    file = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    bankRange.value = '';
    fileName.textContent = t('fileChosen', { name: f.name });
  };
  fileInput.addEventListener('change', () => void takeFile(fileInput.files?.[0]));
  drop.addEventListener('click', () => fileInput.click());
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    void takeFile(e.dataTransfer?.files[0]);
  });

  onClick(
    byId<HTMLButtonElement>('rec-run'),
    async () => {
      problems.replaceChildren();
      after.hidden = true;
      const statement: ReconcileRequest['statement'] | undefined = file
        ? { file }
        : bankRange.value.trim()
          ? { range: bankRange.value.trim() }
          : undefined;
      if (!statement) return say(t('needStatement'));
      if (!openRange.value.trim()) return say(t('needOpenItems'));
      progress.hidden = false;
      progress.value = 0;
      const started = Date.now();
      const { maxCombination } = await loadSettings(storage);
      const { output, state: next } = await runReconcile(
        run,
        { statement, openItems: openRange.value.trim(), maxCombination, today: todayInTokyo(new Date()) },
        runner,
        (phase, share) => {
          const base = phase === 'reading' ? 0 : phase === 'matching' ? 10 : 90;
          const span = phase === 'matching' ? 80 : 10;
          progress.value = base + span * share;
          say(t(phase));
        },
      );
      if (!output.ok) {
        progress.hidden = true;
        showProblems(problems, output.problems);
        return say(t('rejected', { count: output.problems.length }));
      }
      state = next;
      progress.value = 100;
      progress.dataset.ms = String(Date.now() - started);
      say(t('done', { ...output.summary }));
      summary.textContent = t('resultSheet', { sheet: RESULT_SHEET });
      after.hidden = false;
    },
    fail,
    paneButtons,
  );

  onClick(
    byId<HTMLButtonElement>('rec-apply-auto'),
    async () => {
      if (!state) return say(t('notRun'));
      const count = await applyAutomatic(run, state);
      // The 消込状態 column, when added, is now part of the open items' range: the next run reads it.
      openRange.value = state.openItems;
      say(t('applied', { count }));
    },
    fail,
    paneButtons,
  );

  onClick(
    byId<HTMLButtonElement>('rec-confirm'),
    async () => {
      if (!state) return say(t('notRun'));
      const confirmed = await confirmSelected(run, state);
      openRange.value = state.openItems;
      if (confirmed.length === 0) return say(t('noSelection', { sheet: RESULT_SHEET }));
      say(t('confirmed', { count: confirmed.length, facts: state.learned.facts.length }));
    },
    fail,
    paneButtons,
  );

  onClick(
    byId<HTMLButtonElement>('rec-journal'),
    async () => {
      if (!state) return say(t('notRun'));
      const format = byId<HTMLSelectElement>('rec-journal-format').value;
      if (!isJournalFormat(format)) return;
      const r = await buildReconcileJournal(run, state, format);
      if (r.entries === 0) return say(t('noJournal'));
      download(r.name, r.bytes, 'text/csv');
      say(t('journalSaved', { sheet: r.sheet, name: r.name, count: r.entries }));
    },
    fail,
    paneButtons,
  );

  onClick(
    byId<HTMLButtonElement>('rec-export-learned'),
    async () => {
      if (!state) return say(t('notRun'));
      download('learned.csv', writeCsv(learnedToRows(state.learned), 'utf-8-bom'), 'text/csv');
    },
    fail,
    paneButtons,
  );
}
