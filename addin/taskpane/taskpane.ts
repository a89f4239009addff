/// <reference types="office-js" />
/**
 * The taskpane page: tabs, the language toggle, and the five panes wired to Excel. Runs in the
 * shared runtime, beside the URA.* functions.
 */
import { JOURNAL_FORMAT_NAMES, JOURNAL_FORMATS } from '../../core/journal/formats.js';
import { applyLanguage, type Lang } from './i18n.js';
import { initInvoicePane } from './invoice-pane.js';
import { initYearEndPane } from './nencho-pane.js';
import { initPayrollPane, initSettingsPane } from './other-panes.js';
import type { ExcelRun } from './reconcile-actions.js';
import { initReconcilePane } from './reconcile-pane.js';
import type { KeyValueStorage } from './settings.js';
import { workerRunner } from './worker-runner.js';

/** OfficeRuntime is absent when the page is opened outside Office (a browser preview). */
const officeStorage = (): KeyValueStorage | undefined =>
  (globalThis as { OfficeRuntime?: { storage?: KeyValueStorage } }).OfficeRuntime?.storage;

/** Tabs per the WAI-ARIA pattern: arrows move, Home/End jump, the selected tab alone is in the tab order. */
function initTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (e) => {
      const next =
        e.key === 'ArrowRight'
          ? tabs[(i + 1) % tabs.length]
          : e.key === 'ArrowLeft'
            ? tabs[(i - 1 + tabs.length) % tabs.length]
            : e.key === 'Home'
              ? tabs[0]
              : e.key === 'End'
                ? tabs[tabs.length - 1]
                : undefined;
      if (next) {
        e.preventDefault();
        select(next);
      }
    });
  });
}

function initLanguage(): void {
  const toggle = document.getElementById('lang-toggle') as HTMLButtonElement;
  const stored = (typeof localStorage !== 'undefined' && localStorage.getItem('urakata.lang')) as Lang | null;
  const set = (lang: Lang) => {
    applyLanguage(document, lang);
    toggle.setAttribute('aria-pressed', String(lang === 'en'));
    try {
      localStorage.setItem('urakata.lang', lang);
    } catch {
      // Storage may be off in some webviews; the toggle still works for this session.
    }
  };
  if (stored === 'en') set('en');
  toggle.addEventListener('click', () => set(toggle.getAttribute('aria-pressed') === 'true' ? 'ja' : 'en'));
}

/** Every 仕訳 format select lists core's formats, in its order, by their Japanese names. */
function initJournalFormats(): void {
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[id$="-journal-format"]')) {
    select.replaceChildren(...JOURNAL_FORMATS.map((f) => new Option(JOURNAL_FORMAT_NAMES[f].ja, f)));
  }
}

/** Where OfficeRuntime.storage is missing (a browser preview), settings live for the session only. */
function sessionStorageFallback(): KeyValueStorage {
  const m = new Map<string, string>();
  return { getItem: async (k) => m.get(k) ?? null, setItem: async (k, v) => void m.set(k, v) };
}

Office.onReady(() => {
  const run: ExcelRun = (batch) => Excel.run(batch);
  const storage = officeStorage() ?? sessionStorageFallback();
  initTabs();
  initJournalFormats();
  initLanguage();
  initReconcilePane(run, workerRunner, storage);
  initPayrollPane(run, storage);
  initYearEndPane(run, storage);
  initInvoicePane(run, storage, (url, init) => fetch(url, init));
  void initSettingsPane(storage);
});
