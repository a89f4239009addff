#!/usr/bin/env node
// Runs the TypeScript CLI on a fresh clone without a build step. The first run bundles it with
// esbuild (cli/run.ts and the invoice render worker, as `npm run build` does, each command in a
// chunk of its own so that a command loads only the packages it uses) into a folder under
// node_modules/.cache/urakata/, with the list of source files it was made from; later runs load
// that bundle while every listed file is unchanged (size and modification time), and bundle again
// when one is not. Starting from the bundle takes a fraction of the time compiling each module as
// it is imported takes. When the bundle cannot be made, the CLI runs through tsx as before, which
// then reports any error in the source.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(root, 'node_modules', '.cache', 'urakata');
const inputsFile = join(cache, 'inputs.json');
const ENTRIES = { urakata: 'cli/run.ts', 'invoice-worker': 'cli/invoices/render.ts' };

/** The bundle, when every file it was made from is as it was then (and node is the same). */
function bundleIfFresh() {
  try {
    const made = JSON.parse(readFileSync(inputsFile, 'utf8'));
    if (made.node !== process.version || !/^build\.\d+\.\d+$/.test(made.dir)) return undefined;
    for (const [file, size, mtimeMs] of made.inputs) {
      const s = statSync(join(root, file));
      if (s.size !== size || s.mtimeMs !== mtimeMs) return undefined;
    }
    return join(cache, made.dir, 'urakata.mjs');
  } catch {
    return undefined;
  }
}

/**
 * Bundles into a folder of this process, then writes the list naming it. The build before stays
 * (a run started from it may still load a chunk), and any of the last hour; older ones go.
 */
async function bundle() {
  try {
    const { build } = await import('esbuild');
    const dir = `build.${Date.now()}.${process.pid}`;
    const work = join(cache, dir);
    mkdirSync(work, { recursive: true, mode: 0o700 });
    try {
      const result = await build({
        absWorkingDir: root,
        entryPoints: ENTRIES,
        outdir: work,
        outExtension: { '.js': '.mjs' },
        chunkNames: 'chunks/[name]-[hash]',
        bundle: true,
        splitting: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        sourcemap: 'linked',
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs).map((file) => {
        const s = statSync(join(root, file));
        return [file, s.size, s.mtimeMs];
      });
      let previous;
      try {
        previous = JSON.parse(readFileSync(inputsFile, 'utf8')).dir;
      } catch {}
      const list = join(work, 'inputs.json');
      writeFileSync(list, JSON.stringify({ node: process.version, dir, inputs }));
      renameSync(list, inputsFile);
      // A build of the last hour may be another run's, bundling at the same time as this one.
      for (const old of readdirSync(cache)) {
        const made = Number(/^build\.(\d+)\./.exec(old)?.[1]);
        if (old !== dir && old !== previous && made < Date.now() - 3_600_000) rmSync(join(cache, old), { recursive: true, force: true });
      }
      return join(work, 'urakata.mjs');
    } catch (e) {
      rmSync(work, { recursive: true, force: true });
      throw e;
    }
  } catch {
    return undefined;
  }
}

const bundled = bundleIfFresh() ?? (await bundle());
if (bundled) await import(pathToFileURL(bundled).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/run.ts');
}
