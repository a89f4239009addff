/** Builds the add-in once per test file into a temporary folder, as `npm run build` would. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error the build script is plain JavaScript without declarations
import { build } from '../../scripts/build-addin.mjs';

let built: Promise<string> | undefined;

/** The folder holding the built add-in (functions.js, functions.json, taskpane.*, manifest.xml, assets/). */
export function builtAddin(): Promise<string> {
  built ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'urakata-addin-'));
    await build({ outdir });
    return outdir;
  })();
  return built;
}

/** Builds into a fresh folder with another origin. */
export async function buildFor(origin: string): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'urakata-addin-'));
  await build({ outdir, origin });
  return outdir;
}
