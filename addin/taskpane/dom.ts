/** Small DOM helpers shared by the panes. */
import { InputError, type Problem, problemLine } from '../../core/errors.js';
import { t } from './i18n.js';

/**
 * An element the page must have; a missing one is a bug in taskpane.html, not in the input.
 * @example byId<HTMLInputElement>('rec-bank-range').value
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`taskpane.html lacks #${id}`);
  return el as T;
}

/**
 * Shows every problem (file, row, column, ja / en) as a list item.
 * @example showProblems(byId('rec-problems'), output.problems)
 */
export function showProblems(list: HTMLElement, problems: readonly Problem[]): void {
  list.replaceChildren(
    ...problems.map((p) => {
      const li = document.createElement('li');
      li.textContent = problemLine(p);
      return li;
    }),
  );
}

/**
 * Disables a button while its action runs, so a double click does not run it twice — and with
 * `group`, every button of the pane: 消込を実行 pressed during 反映 had rebuilt 消込結果 under the
 * rows 反映 was marking. Each button is given back the state it had.
 * @example onClick(byId<HTMLButtonElement>('rec-run'), run, showError, paneButtons)
 */
export function onClick(
  button: HTMLButtonElement,
  action: () => Promise<void>,
  onError: (e: unknown) => void,
  group: readonly HTMLButtonElement[] = [],
): void {
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    const all = [button, ...group.filter((b) => b !== button)];
    const before = all.map((b) => b.disabled);
    for (const b of all) b.disabled = true;
    try {
      await action();
    } catch (e) {
      onError(e);
    } finally {
      all.forEach((b, i) => {
        b.disabled = before[i] ?? false;
      });
    }
  });
}

/**
 * Offers bytes as a file download (learned table, 全銀 file, payslips).
 * @example download('learned.csv', writeCsv(rows), 'text/csv')
 */
export function download(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The text of an unexpected failure (an Error's message, ja / en when it carries both).
 * @example errorText(new Error('x')) // 'x'
 */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A pane's status line and problem list: `say` sets the status, `show` lists problems, `fail`
 * lists an InputError's problems (or says what failed otherwise).
 * @example const { say, fail } = feedback('pay-status', 'pay-problems')
 */
export function feedback(statusId: string, listId: string) {
  const status = byId(statusId);
  const list = byId(listId);
  const say = (text: string) => {
    status.textContent = text;
  };
  const show = (problems: readonly Problem[]) => showProblems(list, problems);
  const fail = (e: unknown) => {
    if (e instanceof InputError) {
      show(e.problems);
      say(t('rejected', { count: e.problems.length }));
    } else say(t('failed', { message: errorText(e) }));
  };
  return { say, show, fail, clear: () => list.replaceChildren() };
}

/**
 * A 「選択範囲を使う」 button: the selection's address goes into the field (or is added to what
 * it lists, with `add`).
 * @example onPick(byId<HTMLButtonElement>('pay-employees-pick'), byId<HTMLInputElement>('pay-employees'), pick, fail)
 */
export function onPick(
  button: HTMLButtonElement,
  input: HTMLInputElement,
  pick: () => Promise<string>,
  onError: (e: unknown) => void,
  add = false,
): void {
  onClick(
    button,
    async () => {
      const picked = await pick();
      const before = input.value.trim().replace(/;$/, '');
      input.value = add && before ? `${before}; ${picked}` : picked;
    },
    onError,
  );
}
