// Builds the Google Sheets add-on into dist/apps-script/: Code.js, appsscript.json, Sidebar.html and
// SlipRenderer.html (the 源泉徴収票 renderer the sidebar fetches and runs when slips are asked for).
//
// Code.js = the server bundle as an IIFE assigned to `__lib`, then one plain top-level function per
// global Apps Script must see: the custom functions URA_<NAME> (JSDoc generated from
// core/sheet-functions/catalog.ts, so Sheets' autocomplete shows the same help and parameter names as
// Excel), the onOpen trigger, the menu openers and the sidebar's server functions.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build as esbuild } from 'esbuild';

const SERVER_ENTRY = 'apps-script/index.ts';
const CLIENT_ENTRY = 'apps-script/sidebar/client.ts';
const SLIPS_ENTRY = 'apps-script/sidebar/slips.ts';
/** The npm package of the font the Excel add-in serves: the slip renderer takes the same files from the CDN. */
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-jp';
const FONT_FILES = ['400Regular/NotoSansJP_400Regular.ttf', '700Bold/NotoSansJP_700Bold.ttf'];
const CATALOG = 'core/sheet-functions/catalog.ts';
/** Code.js runs for every custom-function call: keep it small and free of renderer code. */
const MAX_CODE_BYTES = 1_500_000;
const FORBIDDEN_INPUT = /(^|\/)node_modules\/|^node:|(^|\/)core\/pdf\//;
/** Globals of Node or the browser that Apps Script's V8 does not have (a use would fail at run time). */
const FOREIGN_GLOBAL =
  /(?<![.\w$'"`])(process|Buffer|require|performance|setTimeout|setInterval|structuredClone|queueMicrotask|fetch|window|document|navigator)\s*[.(]/g;

/** Where the bundle names a global Apps Script lacks, as "line N: …" excerpts. */
export function foreignGlobals(code) {
  return [...code.matchAll(FOREIGN_GLOBAL)].map((m) => {
    const line = code.slice(0, m.index).split('\n').length;
    return `line ${line}: ${code.slice(m.index, m.index + 40).split('\n')[0]}`;
  });
}

/**
 * Only what the add-on needs: its own spreadsheet (ranges, result sheets), the sidebar and menu,
 * and outbound HTTPS to the Urakata API. Custom functions need no scope at all.
 */
export const OAUTH_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.external_request',
];

export const MANIFEST = {
  timeZone: 'Asia/Tokyo',
  runtimeVersion: 'V8',
  exceptionLogging: 'STACKDRIVER',
  oauthScopes: OAUTH_SCOPES,
};

async function bundle(entry, options) {
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    ...options,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return { text: file.text, inputs: Object.keys(result.metafile.inputs) };
}

/** The function catalog (core/sheet-functions/catalog.ts), loaded by bundling it to an ES module in memory. */
export async function loadCatalog() {
  const { text } = await bundle(CATALOG, { format: 'esm', platform: 'neutral' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`);
  const catalog = mod.FUNCTION_CATALOG;
  if (!Array.isArray(catalog) || catalog.length === 0) throw new Error(`${CATALOG}: no catalog array exported`);
  return catalog;
}

const jsdocText = (s) =>
  String(s ?? '')
    .replace(/\*\//g, '*\u200b/')
    .replace(/\s*\n\s*/g, ' ');

const PARAM_TYPES = { number: 'number', string: 'string', text: 'string', date: 'Date', range: 'Array', boolean: 'boolean' };

/** One custom function: JSDoc help text from the catalog, then a wrapper with the real parameter names. */
export function customFunctionSource(entry) {
  const params = entry.params ?? entry.parameters ?? [];
  const names = params.map((p) => p.name);
  const lines = ['/**', ` * ${jsdocText(entry.ja ?? entry.description_ja ?? entry.description?.ja)}`];
  const en = entry.en ?? entry.description_en ?? entry.description?.en;
  if (en) lines.push(` * ${jsdocText(en)}`);
  lines.push(' *');
  for (const p of params) {
    const type = PARAM_TYPES[p.kind ?? p.type] ?? 'any';
    const ja = p.ja ?? p.description_ja ?? p.description?.ja ?? '';
    const pen = p.en ?? p.description_en ?? p.description?.en ?? '';
    lines.push(` * @param {${type}} ${p.name} ${jsdocText(`${ja}${pen ? ` / ${pen}` : ''}`)}`);
  }
  const result = entry.returns ?? entry.result;
  const resultText = typeof result === 'string' ? result : [result?.ja, result?.en].filter(Boolean).join(' / ');
  if (resultText) lines.push(` * @return ${jsdocText(resultText)}`);
  lines.push(' * @customfunction', ' */');
  const fn = `URA_${entry.name}`;
  lines.push(`function ${fn}(${names.join(', ')}) {`, `  return __lib.custom.${fn}(${names.join(', ')});`, '}');
  return lines.join('\n');
}

/** A non-custom global (trigger, menu item, sidebar server function). */
function serverFunctionSource(name) {
  return `function ${name}(...args) {\n  return __lib.${name}(...args);\n}`;
}

/** Evaluates the bundle in an empty context to list what it exports (nothing runs but module setup). */
function exportsOf(serverJs) {
  const context = {};
  runInNewContext(
    `${serverJs}\nthis.__exports = { names: Object.keys(__lib), custom: Object.keys(__lib.custom), notBuilt: [...__lib.notBuilt] };`,
    context,
  );
  return context.__exports;
}

/**
 * The font files as the slip renderer fetches them: jsDelivr's copy of the npm package at the
 * installed version, each with the SHA-256 of the installed file (the renderer refuses any other).
 */
export async function slipFonts() {
  const dir = join('node_modules', FONT_PACKAGE);
  const { version } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  return Promise.all(
    FONT_FILES.map(async (file) => ({
      url: `https://cdn.jsdelivr.net/npm/${FONT_PACKAGE}@${version}/${file}`,
      sha256: createHash('sha256')
        .update(await readFile(join(dir, file)))
        .digest('hex'),
    })),
  );
}

/** A bundle as the text of an inline script: `</script` inside it must not end the element. */
const inlineScript = (js) => js.replace(/<\/script/gi, '<\\/script').trim();

export async function build({ outDir = 'dist/apps-script' } = {}) {
  const server = await bundle(SERVER_ENTRY, {
    format: 'iife',
    globalName: '__lib',
    platform: 'neutral',
    target: 'es2020',
    // Apps Script lacks TextEncoder and TextDecoder: core's uses get stand-ins scoped to the bundle.
    inject: ['apps-script/shims/text-encoder.ts', 'apps-script/shims/text-decoder.ts'],
  });
  const forbidden = server.inputs.filter((i) => FORBIDDEN_INPUT.test(i));
  if (forbidden.length > 0) throw new Error(`apps-script bundle pulls in what Apps Script cannot run: ${forbidden.join(', ')}`);
  const foreign = foreignGlobals(server.text);
  if (foreign.length > 0) throw new Error(`apps-script bundle uses globals Apps Script does not have:\n  ${foreign.join('\n  ')}`);

  const catalog = await loadCatalog();
  const { names, custom, notBuilt } = exportsOf(server.text);
  const expected = catalog.map((e) => `URA_${e.name}`);
  if (JSON.stringify(custom) !== JSON.stringify(expected)) {
    throw new Error(`custom functions ${JSON.stringify(custom)} differ from the catalog ${JSON.stringify(expected)}`);
  }
  // A catalog function whose core has not landed answers as Excel does ("not available yet").
  const missing = [...notBuilt];
  if (missing.length > 0) console.warn(`  apps-script: no core yet (answers "not available"): ${missing.join(', ')}`);
  const globals = names.filter((n) => n !== 'custom' && n !== 'notBuilt');
  const code = [
    '// Urakata for Google Sheets. Built from apps-script/ and core/ by scripts/build-apps-script.mjs: do not edit.',
    server.text.trim(),
    '',
    ...catalog.map(customFunctionSource),
    '',
    ...globals.map(serverFunctionSource),
    '',
  ].join('\n');
  if (Buffer.byteLength(code) > MAX_CODE_BYTES) throw new Error(`Code.js is ${Buffer.byteLength(code)} bytes (> ${MAX_CODE_BYTES})`);

  const client = await bundle(CLIENT_ENTRY, { format: 'iife', platform: 'browser', target: 'es2020' });
  const slips = await bundle(SLIPS_ENTRY, {
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // pdfkit's browser build resolves a data file against import.meta.url; an IIFE has none.
    define: { 'import.meta.url': 'self.location.href', URAKATA_FONTS: JSON.stringify(await slipFonts()) },
  });
  const css = await readFile('apps-script/sidebar/page.css', 'utf8');
  const page = (await readFile('apps-script/sidebar/page.html', 'utf8'))
    .replace('/*CSS*/', () => css.trim())
    .replace('/*SCRIPT*/', () => inlineScript(client.text));
  // An HTML file holding one script: what HtmlService serves, and the sidebar runs as it is.
  const renderer = `<script>${inlineScript(slips.text)}</script>\n`;

  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'Code.js'), code);
  await writeFile(join(outDir, 'Sidebar.html'), page);
  await writeFile(join(outDir, 'SlipRenderer.html'), renderer);
  await writeFile(join(outDir, 'appsscript.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  return {
    outDir,
    codeBytes: Buffer.byteLength(code),
    rendererBytes: Buffer.byteLength(renderer),
    customFunctions: expected,
    missing,
    globals,
    inputs: server.inputs,
  };
}

// ---- npm run sheets:push [-- --env NAME] : lint → test → build → clasp push ----

const PLACEHOLDER_ID = /^(|YOUR_SCRIPT_ID|.*<.*>.*)$/;

/**
 * Checks, before any slow step, that `clasp push` can work: the project file for the environment
 * (`.clasp.json`, or `.clasp-<env>.json`), a real script id, rootDir pointing at the build, and
 * clasp credentials. Returns the problems in Japanese and English; empty = ready.
 */
export function pushSetupProblems({ cwd = process.cwd(), env = '', home = homedir(), environ = process.env } = {}) {
  const file = env ? `.clasp-${env}.json` : '.clasp.json';
  const problems = [];
  const path = join(cwd, file);
  if (!existsSync(path)) {
    problems.push(
      `${file} がありません。.clasp.example.json をコピーして scriptId を書き入れてください / ${file} is missing: copy .clasp.example.json and fill in the scriptId`,
    );
  } else {
    let project;
    try {
      project = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      problems.push(`${file} がJSONとして読めません / ${file} is not valid JSON: ${e.message}`);
    }
    if (project && (typeof project.scriptId !== 'string' || PLACEHOLDER_ID.test(project.scriptId))) {
      problems.push(`${file} の scriptId を実際のスクリプトIDにしてください / set a real scriptId in ${file}`);
    }
    if (project && project.rootDir !== 'dist/apps-script') {
      problems.push(`${file} の rootDir は "dist/apps-script" にしてください / rootDir in ${file} must be "dist/apps-script"`);
    }
  }
  const hasAuth = existsSync(join(home, '.clasprc.json')) || Boolean(environ.clasp_config_auth) || existsSync(join(cwd, '.clasprc.json'));
  if (!hasAuth) {
    problems.push(
      'clasp にログインしていません: npx @google/clasp@3 login を実行してください / not logged in to clasp: run npx @google/clasp@3 login',
    );
  }
  return { file, problems };
}

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (r.error) throw new Error(`${label}: ${r.error.message}`);
  return r.status ?? 1;
}

async function push(argv) {
  const envAt = argv.indexOf('--env');
  const env = envAt >= 0 ? (argv[envAt + 1] ?? '') : '';
  if (envAt >= 0 && !/^[a-z0-9-]+$/.test(env)) {
    console.error('--env には環境名（例: dev, prod）を指定してください / --env needs an environment name such as dev or prod');
    return 2;
  }
  const { file, problems } = pushSetupProblems({ env });
  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    console.error('初回の準備は docs/sheets.md を参照してください / see docs/sheets.md for the first-time setup');
    return 1;
  }
  for (const [label, script] of [
    ['lint', 'lint'],
    ['typecheck', 'typecheck'],
    ['test', 'test:unit'],
  ]) {
    if (run(label, 'npm', ['run', script]) !== 0) {
      console.error(`✗ ${label} に失敗したため push しません / ${label} failed: nothing pushed`);
      return 1;
    }
  }
  const result = await build();
  console.log(`\n▶ build: ${result.outDir}/Code.js (${result.codeBytes} bytes, ${result.customFunctions.length} custom functions)`);
  if (result.missing.length > 0) console.warn(`  not built yet: ${result.missing.join(', ')}`);
  // clasp is fetched on demand: it pulls in ~200 MB of googleapis that nothing else here needs.
  const status = run('push', 'npx', ['--yes', '@google/clasp@3', '--project', file, 'push', '--force']);
  if (status !== 0) {
    console.error(
      '✗ clasp push に失敗しました。ネットワーク接続、clasp login、スクリプトIDと権限を確認してください / clasp push failed: check the network, clasp login, the script id and your access to it',
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'push') process.exitCode = await push(rest);
  else if (command === undefined || command === 'build') await build();
  else {
    console.error('使い方 / usage: node scripts/build-apps-script.mjs [build | push [--env NAME]]');
    process.exitCode = 2;
  }
}
