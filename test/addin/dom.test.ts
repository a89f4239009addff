/**
 * A pane's buttons while one of its actions runs: each button guarded only itself, so 消込を実行
 * pressed during 反映 rebuilt 消込結果 under the rows 反映 was marking.
 */
import { describe, expect, it } from 'vitest';
import { onClick } from '../../addin/taskpane/dom.js';

/** The part of a button onClick uses. */
function button() {
  let handler: (() => Promise<void>) | undefined;
  const b = {
    disabled: false,
    addEventListener: (_: string, f: () => Promise<void>) => {
      handler = f;
    },
    click: () => handler?.(),
  };
  return b;
}

describe('onClick', () => {
  it('turns off every button of the pane while one action runs, and back on when it ends, failed or not', async () => {
    const [run, apply, journal] = [button(), button(), button()];
    const group = [run, apply, journal] as unknown as HTMLButtonElement[];
    let finish: () => void = () => undefined;
    const ran: string[] = [];
    onClick(
      apply as unknown as HTMLButtonElement,
      () =>
        new Promise<void>((ok) => {
          finish = ok;
          ran.push('apply');
        }),
      () => undefined,
      group,
    );
    onClick(
      run as unknown as HTMLButtonElement,
      async () => void ran.push('run'),
      () => undefined,
      group,
    );
    journal.disabled = true; // off before: stays off after
    const applying = apply.click();
    expect([run.disabled, apply.disabled, journal.disabled]).toEqual([true, true, true]);
    await run.click(); // pressed meanwhile: nothing runs
    expect(ran).toEqual(['apply']);
    finish();
    await applying;
    expect([run.disabled, apply.disabled, journal.disabled]).toEqual([false, false, true]);
    await run.click();
    expect(ran).toEqual(['apply', 'run']);
  });
});
