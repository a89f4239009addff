// The CLI bundle: cli/run.ts and its workers, the invoice renderer and the open-items reader (each
// module alone, never the CLI bundle, whose top level would run the command again inside every worker), each command in
// a chunk of its own so that a command loads only the packages it uses. One definition for
// `npm run build` (dist/cli) and for bin/urakata.js, which makes the same bundle on first use.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** esbuild's options for the bundle, but where it goes. */
export const CLI_BUNDLE = {
  absWorkingDir: ROOT,
  entryPoints: { urakata: 'cli/run.ts', 'invoice-worker': 'cli/invoices/render.ts', 'open-items-worker': 'cli/open-items-reader.ts' },
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
};

/** @param {{ outdir?: string }} [options] */
export async function build(options = {}) {
  const { build: esbuild } = await import('esbuild');
  await esbuild({ ...CLI_BUNDLE, outdir: options.outdir ?? join(ROOT, 'dist/cli'), logLevel: 'warning' });
}
