// Builds every target into dist/. Targets whose issue has not landed yet are listed as empty.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const targets = [
  {
    name: 'cli',
    entry: 'cli/run.ts',
    out: 'dist/cli/urakata.mjs',
    options: { platform: 'node', format: 'esm', target: 'node20', packages: 'external' },
  },
  {
    name: 'addin',
    entry: 'addin/functions/functions.ts',
    out: 'dist/addin/functions.js',
    options: { platform: 'browser', format: 'iife' },
  },
  { name: 'apps-script', entry: 'apps-script/index.ts', out: 'dist/apps-script/lib.js', options: { platform: 'neutral', format: 'iife' } },
  {
    name: 'functions',
    entry: 'functions/index.ts',
    out: 'dist/functions/index.mjs',
    options: { platform: 'node', format: 'esm', target: 'node22', packages: 'external' },
  },
];

await rm('dist', { recursive: true, force: true });
for (const t of targets) {
  if (!existsSync(t.entry)) {
    await mkdir(`dist/${t.name}`, { recursive: true });
    await writeFile(`dist/${t.name}/EMPTY.txt`, `${t.entry} does not exist yet: this target is empty.\n`);
    console.log(`- ${t.name}: empty (no ${t.entry} yet)`);
    continue;
  }
  await build({ entryPoints: [t.entry], outfile: t.out, bundle: true, sourcemap: true, logLevel: 'warning', ...t.options });
  console.log(`- ${t.name}: ${t.out}`);
}
