// Builds every target into dist/. A target with its own script (scripts/build-<name>.mjs, which
// exports `build()`) builds itself; a target whose entry is missing is listed as empty. The
// Lambda handlers (functions/) are not built here: the CDK stack bundles each one (cdk/).
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const targets = [
  { name: 'cli', script: 'scripts/build-cli.mjs' },
  { name: 'addin', script: 'scripts/build-addin.mjs' },
  { name: 'apps-script', script: 'scripts/build-apps-script.mjs' },
];

await rm('dist', { recursive: true, force: true });
for (const t of targets) {
  if (t.script) {
    if (existsSync(t.script)) {
      const mod = await import(pathToFileURL(t.script).href);
      await mod.build();
      console.log(`- ${t.name}: built by ${t.script}`);
      continue;
    }
  } else if (existsSync(t.entry)) {
    await build({ entryPoints: [t.entry], outfile: t.out, bundle: true, sourcemap: true, logLevel: 'warning', ...t.options });
    console.log(`- ${t.name}: ${t.out}`);
    continue;
  }
  await mkdir(`dist/${t.name}`, { recursive: true });
  await writeFile(`dist/${t.name}/EMPTY.txt`, 'This target is not built yet.\n');
  console.log(`- ${t.name}: empty (not built yet)`);
}
