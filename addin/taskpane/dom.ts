/** Small DOM helpers shared by the panes. */
import { formatProblem, type Problem } from '../../core/errors.js';

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
      li.textContent = formatProblem(p);
      return li;
    }),
  );
}

/**
 * Disables a button while its action runs, so a double click does not run it twice.
 * @example onClick(byId<HTMLButtonElement>('rec-run'), run, showError)
 */
export function onClick(button: HTMLButtonElement, action: () => Promise<void>, onError: (e: unknown) => void): void {
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await action();
    } catch (e) {
      onError(e);
    } finally {
      button.disabled = false;
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
