// Builds the Excel add-in into dist/addin: the functions bundle, functions.json (generated from
// core/sheet-functions/catalog.ts by custom-functions-metadata and checked, because that tool exits 0
// even when it writes nothing), the taskpane page, its Web Worker, icons and the manifest.
//
// URAKATA_ADDIN_URL=https://addin.example.co.jp npm run build  → a manifest for that host.
// Without it the URLs stay at https://localhost:3000 (urakata serve).
import { mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';

const DEV_ORIGIN = 'https://localhost:3000';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(ROOT, path);

/** @param {{ outdir?: string, origin?: string }} [options] */
export async function build(options = {}) {
  const outdir = resolve(options.outdir ?? at('dist/addin'));
  const origin = checkOrigin(options.origin ?? process.env.URAKATA_ADDIN_URL ?? DEV_ORIGIN);
  await mkdir(join(outdir, 'assets'), { recursive: true });

  const browser = { bundle: true, platform: 'browser', target: 'es2020', logLevel: 'warning', legalComments: 'none' };
  await esbuild({ ...browser, entryPoints: [at('addin/functions/functions.ts')], outfile: join(outdir, 'functions.js'), format: 'iife' });
  await esbuild({ ...browser, entryPoints: [at('addin/taskpane/taskpane.ts')], outfile: join(outdir, 'taskpane.js'), format: 'iife' });
  await esbuild({
    ...browser,
    entryPoints: [at('addin/taskpane/reconcile-worker.ts')],
    outfile: join(outdir, 'reconcile-worker.js'),
    format: 'iife',
  });
  await esbuild({
    ...browser,
    entryPoints: [at('addin/taskpane/pdf-worker.ts')],
    outfile: join(outdir, 'pdf-worker.js'),
    format: 'iife',
    // pdfkit's browser build resolves a data file against import.meta.url when it loads; an IIFE
    // has no import.meta, so give it the worker's own address.
    define: { 'import.meta.url': 'self.location.href' },
  });
  await copyFonts(join(outdir, 'fonts'));
  await copyFile(at('addin/taskpane/taskpane.html'), join(outdir, 'taskpane.html'));
  await copyFile(at('addin/taskpane/taskpane.css'), join(outdir, 'taskpane.css'));

  const catalog = await writeFunctionsJson(outdir);
  for (const size of [16, 32, 64, 80]) await writeFile(join(outdir, 'assets', `icon-${size}.png`), icon(size));
  const manifest = (await readFile(at('manifest.xml'), 'utf8')).replaceAll(DEV_ORIGIN, origin);
  await writeFile(join(outdir, 'manifest.xml'), manifest);
  return { outdir, origin, functions: catalog.length };
}

/** Noto Sans JP (SIL Open Font License 1.1) for the invoice preview, with its licence notice beside it. */
async function copyFonts(dir) {
  await mkdir(dir, { recursive: true });
  const pkg = at('node_modules/@expo-google-fonts/noto-sans-jp');
  for (const weight of ['400Regular', '700Bold']) {
    await copyFile(join(pkg, weight, `NotoSansJP_${weight}.ttf`), join(dir, `NotoSansJP_${weight}.ttf`));
  }
  await writeFile(
    join(dir, 'NOTICE.txt'),
    'Noto Sans JP (NotoSansJP_400Regular.ttf, NotoSansJP_700Bold.ttf), unmodified.\n' +
      'This Font Software is licensed under the SIL Open Font License, Version 1.1 (https://openfontlicense.org).\n' +
      'Packaged by @expo-google-fonts/noto-sans-jp (MIT, see LICENSE-package.txt).\n',
  );
  await copyFile(join(pkg, 'LICENSE'), join(dir, 'LICENSE-package.txt'));
}

function checkOrigin(origin) {
  const url = new URL(origin);
  if (url.protocol !== 'https:' || url.pathname.replace(/\/$/, '') !== '' || url.search || url.hash) {
    throw new Error(
      `URAKATA_ADDIN_URL must be an https origin such as https://addin.example.co.jp (got ${origin}); Office loads add-ins only over HTTPS`,
    );
  }
  return url.origin;
}

/** functions.json from the catalog; fails unless every catalog function is in it. */
async function writeFunctionsJson(outdir) {
  const work = join(outdir, '.metadata');
  await mkdir(work, { recursive: true });
  try {
    const generator = join(work, 'generator.mjs');
    await esbuild({
      stdin: {
        contents: `export { FUNCTION_CATALOG } from './core/sheet-functions/catalog.ts';\nexport { metadataSource } from './addin/functions/metadata-source.ts';`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: generator,
      logLevel: 'warning',
    });
    const { FUNCTION_CATALOG, metadataSource } = await import(pathToFileURL(generator).href);
    const source = join(work, 'functions.ts');
    await writeFile(source, metadataSource(FUNCTION_CATALOG));
    const { generateCustomFunctionsMetadata } = await import('custom-functions-metadata');
    const result = await generateCustomFunctionsMetadata(source);
    if (result.errors.length > 0) throw new Error(`custom-functions-metadata failed:\n${result.errors.join('\n')}`);
    const metadata = JSON.parse(result.metadataJson);
    const listed = new Set((metadata.functions ?? []).map((f) => f.id));
    const missing = FUNCTION_CATALOG.map((f) => f.name).filter((n) => !listed.has(n));
    if (missing.length > 0) throw new Error(`functions.json lacks ${missing.join(', ')}`);
    await writeFile(join(outdir, 'functions.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    return FUNCTION_CATALOG;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A square PNG: indigo tile with three ledger lines, drawn here so no binary lives in the repo. */
function icon(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const margin = Math.max(1, Math.round(size / 8));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const inside = x >= margin && x < size - margin && y >= margin && y < size - margin;
      const band = Math.floor(((y - margin) * 5) / (size - 2 * margin));
      const line = inside && x >= margin * 2 && x < size - margin * 2 && (band === 1 || band === 3);
      const [r, g, b, a] = line ? [255, 255, 255, 255] : inside ? [35, 60, 140, 255] : [0, 0, 0, 0];
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
