#!/usr/bin/env node
// Runs the TypeScript CLI on a fresh clone without a build step. The first run bundles it with
// esbuild, as `npm run build` does (scripts/build-cli.mjs), into a folder under
// node_modules/.cache/urakata/, and lists what it was made from: a hash of each source file's
// bytes as esbuild read them, and of what else decides the bundle (node, esbuild, this file, the
// bundle's definition, tsconfig.json). A later run loads that bundle while every hash is the same
// and the bundle's files are whole, and bundles again when not: an edit, a checkout, even one
// made while the bundle was being made, is never served stale. Starting from the bundle takes a fraction of the
// time compiling each module as it is imported takes. When the bundle cannot be made, the CLI
// runs through tsx, which then reports any error in the source.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_BUNDLE } from '../scripts/build-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(root, 'node_modules', '.cache', 'urakata');
const listFile = join(cache, 'build.json');
/** A build folder's name: made by mkdtemp under the time it was begun. */
const BUILD_NAME = /^build\.\d+\.[A-Za-z0-9]+$/;
/** A build not loaded for a day is removed when another is made (a run may still load its chunks). */
const UNUSED_FOR = 86_400_000;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** What decides the bundle besides the sources. */
function toolsKey() {
  const read = (path) => sha256(readFileSync(path));
  return sha256(
    [
      process.version,
      read(join(root, 'node_modules/esbuild/package.json')),
      read(fileURLToPath(import.meta.url)),
      read(join(root, 'tsconfig.json')),
    ].join('\n'),
  );
}

/** The bundle, when it was made from the sources as they are now and its files are whole. */
function bundleIfFresh() {
  try {
    const made = JSON.parse(readFileSync(listFile, 'utf8'));
    if (!BUILD_NAME.test(made.dir) || made.tools !== toolsKey()) return undefined;
    for (const [file, hash] of made.inputs) if (sha256(readFileSync(join(root, file))) !== hash) return undefined;
    const dir = join(cache, made.dir);
    for (const [file, size] of made.outputs) if (statSync(join(dir, file)).size !== size) return undefined;
    // Its last use, so that another run's clean-up leaves it while it may be running.
    const now = new Date();
    utimesSync(dir, now, now);
    return join(dir, 'urakata.mjs');
  } catch {
    return undefined;
  }
}

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

/**
 * Bundles into a new folder, then writes the list naming it (renamed into place whole). The
 * sources are read for esbuild by this function, so each hash is of the very bytes bundled.
 */
async function bundle() {
  let work;
  try {
    const { build } = await import('esbuild');
    const tools = toolsKey();
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    work = mkdtempSync(join(cache, `build.${Date.now()}.`));
    const inputs = new Map();
    const record = {
      name: 'urakata-sources',
      setup(b) {
        b.onLoad({ filter: /\.(?:[cm]?[jt]s|tsx|json)$/ }, (args) => {
          if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
          const bytes = readFileSync(args.path);
          inputs.set(relative(root, args.path).split(sep).join('/'), sha256(bytes));
          return { contents: bytes, loader: LOADERS[extname(args.path)] };
        });
      },
    };
    const result = await build({
      ...CLI_BUNDLE,
      outdir: work,
      metafile: true,
      logLevel: 'silent',
      plugins: [record],
    });
    const outputs = Object.keys(result.metafile.outputs).map((file) => {
      const path = join(root, file);
      return [relative(work, path).split(sep).join('/'), statSync(path).size];
    });
    const list = join(work, 'build.json');
    writeFileSync(list, JSON.stringify({ tools, dir: basename(work), inputs: [...inputs], outputs }));
    renameSync(list, listFile);
  } catch {
    // Not listed: this folder is nobody's.
    if (work) rmSync(work, { recursive: true, force: true });
    return undefined;
  }
  removeUnused(basename(work));
  return join(work, 'urakata.mjs');
}

/** Builds not loaded for a day, and folders of bundling that never finished, but this one. */
function removeUnused(current) {
  let names = [];
  try {
    names = readdirSync(cache);
  } catch {}
  for (const name of names) {
    if (name === current || !BUILD_NAME.test(name)) continue;
    try {
      const dir = join(cache, name);
      if (statSync(dir).mtimeMs < Date.now() - UNUSED_FOR) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another user's or a busy folder: left for a later run.
    }
  }
}

const bundled = bundleIfFresh() ?? (await bundle());
if (bundled) await import(pathToFileURL(bundled).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/run.ts');
}
