/** The file `urakata` writes for the same input, to compare a sidebar's file with, byte for byte. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';

/**
 * Runs the command in a fresh folder holding `files` and answers the bytes of `output`.
 * @example await cliFile({ 'bank.csv': …, 'open-items.csv': … }, ['reconcile', …, '--journal', 'j.txt'], 'j.txt')
 */
export async function cliFile(files: Record<string, string | Uint8Array>, args: readonly string[], output: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'urakata-sheets-cli-'));
  try {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    let err = '';
    const io = {
      out: () => undefined,
      err: (t: string) => {
        err += t;
      },
      cwd: dir,
    };
    const code = await main([...args], io);
    if (code !== 0) throw new Error(`urakata ${args.join(' ')}: exit ${code}\n${err}`);
    return readFileSync(join(dir, output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
