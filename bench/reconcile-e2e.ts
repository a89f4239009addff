/**
 * 入金消込 end to end through the CLI: `urakata reconcile` as a new process (process start, reading
 * both files, matching, writing the result) on the benchmark data of bench/reconcile.ts —
 * 200,000 deposits against 400,000 open items of 20,000 customers.
 *   npx tsx bench/reconcile-e2e.ts                 full size, 3 runs of each statement format
 *   npx tsx bench/reconcile-e2e.ts --small         a tenth of it
 *   npx tsx bench/reconcile-e2e.ts --runs 5        more runs (the figures are medians and ranges);
 *                                                  --runs 0: only where the time goes
 *   npx tsx bench/reconcile-e2e.ts --keep DIR      write the files into DIR and leave them there;
 *                                                  files already there are read again as they are
 *
 * The files are written as a Japanese back office receives them: the statement as a Shift_JIS
 * bank CSV and as a 全銀 入出金取引明細 (種別03, 200-byte records with CR LF), the open items as
 * a Shift_JIS CSV. Each run is `node bin/urakata.js reconcile --bank … --open-items … --out
 * result.csv`, timed from spawn to exit; the process also reports its CPU time (all threads) and
 * peak memory as it exits, through a module given to node with --import. Then one more run of each under `node --cpu-prof` says
 * where the time goes: every sample is charged to the nearest frame of Urakata's own code on
 * its stack (a platform decoder or regular expression to the function that called it) and that
 * file to a phase; samples with no Urakata frame are process start and module loading; the
 * garbage collector is its own line. The machine may be shared: each figure comes with the load
 * average when it was taken, and the verdicts are on the median.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { SourceMap } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCp932 } from '../core/csv/encoding.js';
import type { BankLine } from '../core/reconcile/types.js';

const args = process.argv.slice(2);
const small = args.includes('--small');
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 3);
const keep = flag('--keep');
const scale = small ? 10 : 1;
const size = { seed: 20260601, customers: 20_000 / scale, itemsPerCustomer: 20, deposits: 200_000 / scale };
const repo = resolve(import.meta.dirname, '..');
const cli = join(repo, 'bin/urakata.js');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

// ── the files ─────────────────────────────────────────────────────────────────────────

/** JIS X 0201 bytes of a 全銀 C field, cut or padded to its width (the bank cuts long names too). */
function jisX0201(text: string, width: number): number[] {
  const out: number[] = [];
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '¥') out.push(0x5c);
    else if (cp >= 0x20 && cp <= 0x7e) out.push(cp);
    else if (cp >= 0xff61 && cp <= 0xff9f) out.push(cp - 0xff61 + 0xa1);
    else throw new Error(`not JIS X 0201: ${c} in ${text}`);
  }
  return [...out.slice(0, width), ...Array<number>(Math.max(0, width - out.length)).fill(0x20)];
}
const digits = (n: number, width: number) => String(n).padStart(width, '0');
/** 2026-06-01 → 080601 (令和8年): the 和暦 YYMMDD 全銀 writes. */
const wareki = (iso: string) => `${digits(Number(iso.slice(0, 4)) - 2018, 2)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;

/** The statement as one account's 全銀 入出金取引明細 (種別03): header, data, trailer, end. */
function zengin03(lines: readonly BankLine[]): Uint8Array {
  const out = new Uint8Array((lines.length + 3) * 202);
  let at = 0;
  const put = (fields: readonly (readonly [number, string | number[]])[]) => {
    out.fill(0x20, at, at + 200);
    for (const [start, value] of fields) {
      const bytes = typeof value === 'string' ? [...value].map((c) => c.charCodeAt(0)) : value;
      out.set(bytes, at + start - 1);
    }
    out[at + 200] = 0x0d;
    out[at + 201] = 0x0a;
    at += 202;
  };
  const first = lines[0]?.date ?? '2026-06-01';
  let last = first;
  for (const l of lines) if (l.date > last) last = l.date;
  const opening = 500_000_000;
  let sumIn = 0;
  let sumOut = 0;
  let countIn = 0;
  put([
    [1, '1030'],
    [5, wareki(last)],
    [11, wareki(first)],
    [17, wareki(last)],
    [23, '0005'],
    [27, jisX0201('ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ', 15)],
    [42, '123'],
    [45, jisX0201('ﾄｳｷﾖｳ', 15)],
    [60, '000'],
    [63, '1'],
    [64, digits(1234567, 10)],
    [74, jisX0201('ｶ)ｳﾗｶﾀ', 40)],
    [114, '11'],
    [116, digits(opening, 14)],
  ]);
  for (const l of lines) {
    if (l.direction === 'in') {
      sumIn += l.amount;
      countIn++;
    } else sumOut += l.amount;
    put([
      [1, `2${digits(l.line, 8)}${wareki(l.date)}${wareki(l.date)}${l.direction === 'in' ? 1 : 2}11${digits(l.amount, 12)}`],
      [37, `${digits(0, 12)}0000000000000${digits(0, 7)}000${digits(0, 10)}`],
      [82, jisX0201(l.payer, 48)],
      [160, jisX0201(l.memo, 20)],
      [180, jisX0201(l.edi, 20)],
    ]);
  }
  put([
    [1, `8${digits(countIn, 6)}${digits(sumIn, 13)}${digits(lines.length - countIn, 6)}${digits(sumOut, 13)}1`],
    [41, `${digits(opening + sumIn - sumOut, 14)}${digits(lines.length, 7)}`],
  ]);
  put([[1, `9${digits(lines.length + 2, 10)}${digits(1, 5)}`]]);
  return out.subarray(0, at);
}

const dir = keep ?? mkdtempSync(join(tmpdir(), 'urakata-e2e-'));
mkdirSync(dir, { recursive: true });
const t0 = performance.now();
const FILES = ['bank.csv', 'zengin-03.txt', 'open-items.csv'];
// Files kept from an earlier run (--keep) are read again as they are, so runs compare on the same bytes.
const reused = FILES.every((f) => existsSync(join(dir, f)));
if (!reused) {
  const { bankCsv, generateDataset, openItemsCsv } = await import('./reconcile-data.js');
  const ds = generateDataset(size);
  writeFileSync(join(dir, 'bank.csv'), encodeCp932(bankCsv(ds.lines)));
  writeFileSync(join(dir, 'zengin-03.txt'), zengin03(ds.lines));
  writeFileSync(join(dir, 'open-items.csv'), encodeCp932(openItemsCsv(ds.items)));
}
const sizes = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f)).length]));
console.log(
  `入金消込 end to end (${small ? 'small' : 'full'}): ${fmt(size.deposits)} deposits, ${fmt(size.customers)} customers; files ${reused ? `reused from ${dir}` : `written in ${fmt(performance.now() - t0)} ms (not measured work)`}`,
);
console.log(
  `  bank.csv (Shift_JIS) ${fmt(sizes['bank.csv'] ?? 0)} B, zengin-03.txt ${fmt(sizes['zengin-03.txt'] ?? 0)} B, open-items.csv (Shift_JIS) ${fmt(sizes['open-items.csv'] ?? 0)} B`,
);

// ── the runs ──────────────────────────────────────────────────────────────────────────

interface Run {
  /** Elapsed, spawn to exit. */
  readonly ms: number;
  /** CPU time of the process, all its threads (the loader's, the garbage collector's) together. */
  readonly cpuMs: number;
  /** Peak resident memory. */
  readonly peakMb: number;
  readonly load: string;
}

/**
 * The child writes its own CPU time and peak memory as it exits, from a module given to node with
 * --import (the CLI is not changed for the benchmark).
 */
const USAGE_HOOK = `data:text/javascript,${encodeURIComponent(
  'import{writeFileSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeFileSync(process.env.URAKATA_BENCH_USAGE,JSON.stringify({cpuMs:(u.user+u.system)/1000,peakMb:process.resourceUsage().maxRSS/1024}))})',
)}`;

function cliRun(nodeFlags: readonly string[], argv: readonly string[]): Run {
  const before = load();
  const usageFile = join(dir, 'usage.json');
  const t = performance.now();
  const child = spawnSync(process.execPath, [...nodeFlags, '--import', USAGE_HOOK, cli, ...argv], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, URAKATA_BENCH_USAGE: usageFile },
  });
  const ms = performance.now() - t;
  if (child.status !== 0) throw new Error(`urakata ${argv.join(' ')} exited ${child.status}: ${child.stderr.slice(0, 2000)}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; peakMb: number };
  return { ms, ...usage, load: `${before}→${load()}` };
}

const FORMATS = [
  { id: 'csv', bank: 'bank.csv', label: 'Shift_JIS bank CSV' },
  { id: 'zengin', bank: 'zengin-03.txt', label: '全銀 03' },
] as const;
const reconcileArgs = (bank: string, out: string) => ['reconcile', '--bank', bank, '--open-items', 'open-items.csv', '--out', out];

if (runs > 0) timedRuns();

function timedRuns(): void {
  const starts: Run[] = [];
  const timed: Record<string, Run[]> = { csv: [], zengin: [] };
  for (let r = 0; r < runs; r++) {
    starts.push(cliRun([], ['reconcile', '--help']));
    for (const f of r % 2 === 0 ? FORMATS : [...FORMATS].reverse())
      timed[f.id]?.push(cliRun([], reconcileArgs(f.bank, `result-${f.id}.csv`)));
  }

  const median = (xs: readonly number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
  };
  const perMinute = (ms: number) => (size.deposits / ms) * 60_000;
  const range = (rs: readonly Run[]) => `${fmt(Math.min(...rs.map((x) => x.ms)))}–${fmt(Math.max(...rs.map((x) => x.ms)))}`;
  const loads = (rs: readonly Run[]) => rs.map((x) => x.load).join(', ');
  const startMs = median(starts.map((s) => s.ms));
  console.log(
    `  process start        ${fmt(startMs)} ms median (${range(starts)}; CPU ${fmt(median(starts.map((s) => s.cpuMs)))} ms; \`urakata reconcile --help\`; load ${loads(starts)})`,
  );
  const target = 4_000_000;
  for (const f of FORMATS) {
    const rs = timed[f.id] ?? [];
    const m = median(rs.map((x) => x.ms));
    const hash = createHash('sha256')
      .update(readFileSync(join(dir, `result-${f.id}.csv`)))
      .digest('hex')
      .slice(0, 16);
    const cpu = median(rs.map((x) => x.cpuMs));
    console.log(
      `  ${f.label.padEnd(20)} ${fmt(m)} ms median (${range(rs)}) → ${fmt(perMinute(m))} deposits/min (${fmt(perMinute(Math.max(...rs.map((x) => x.ms))))}–${fmt(perMinute(Math.min(...rs.map((x) => x.ms))))}); ≥ 4M/min ${perMinute(m) >= target ? 'yes' : 'NO'}`,
    );
    console.log(
      `  ${''.padEnd(20)} CPU ${fmt(cpu)} ms median (${fmt(perMinute(cpu))}/min on CPU time); peak ${fmt(Math.max(...rs.map((x) => x.peakMb)))} MB; load ${loads(rs)}; result ${hash}`,
    );
  }
}

// ── where the time goes ───────────────────────────────────────────────────────────────

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly children?: readonly number[];
}

const sourceMaps = new Map<string, SourceMap | undefined>();
/**
 * The repository file a frame's code comes from: the CLI runs from a bundle (bin/urakata.js), so
 * a frame in it is traced back through the bundle's source map; '' for code not in the repository.
 */
function sourceFile(frame: ProfileNode['callFrame']): string {
  if (!frame.url.startsWith('file://')) return '';
  const path = fileURLToPath(frame.url);
  if (path.endsWith('.mjs')) {
    if (!sourceMaps.has(path))
      sourceMaps.set(path, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : undefined);
    const entry = sourceMaps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string } | undefined;
    if (entry?.originalSource) {
      const original = entry.originalSource.startsWith('file://')
        ? fileURLToPath(entry.originalSource)
        : resolve(dirname(path), entry.originalSource);
      return original.startsWith(`${repo}/`) ? original.slice(repo.length + 1) : '';
    }
  }
  return path.startsWith(`${repo}/`) ? path.slice(repo.length + 1) : '';
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const PHASES = [
  'process start, module loading',
  'reading the files (fs)',
  'decoding (Shift_JIS)',
  'CSV parse',
  'row validation (cells: control characters, lengths, dates, amounts)',
  '全銀 03 records (fields, control totals)',
  'building rows (bank lines, open items)',
  'matching',
  'writing the result',
  'garbage collection (all phases)',
  'idle (waiting: I/O, the other thread, a core)',
] as const;
type Phase = (typeof PHASES)[number];

/** The phase of a sample from the nearest frame of Urakata's code (`file` relative to the repository). */
function phaseOf(file: string, fn: string): Phase {
  if (file.startsWith('core/csv/encoding')) return fn.startsWith('encode') ? 'writing the result' : 'decoding (Shift_JIS)';
  if (file.startsWith('core/csv/parse')) return 'CSV parse';
  if (file.startsWith('core/csv/table') || file.startsWith('core/csv/columns') || file.startsWith('core/dates/'))
    return 'row validation (cells: control characters, lengths, dates, amounts)';
  if (file.startsWith('core/zengin/')) return '全銀 03 records (fields, control totals)';
  if (/^core\/reconcile\/(bank-statement|bank-csv-formats|open-items|open-item-rows|status)\./.test(file))
    return 'building rows (bank lines, open items)';
  if (file.startsWith('core/csv/write') || file.startsWith('core/reconcile/report')) return 'writing the result';
  if (file.startsWith('cli/io'))
    return fn.startsWith('readInput') || fn === 'openInputAt' || fn === 'chunks' ? 'reading the files (fs)' : 'writing the result';
  if (file.startsWith('core/')) return 'matching';
  return 'process start, module loading';
}

/** One thread's samples by phase; `startIdle`: its idle time counts as process start (a loader thread's). */
function breakdown(p: Profile, startIdle = false): Map<Phase, number> {
  const total = new Map<Phase, number>(PHASES.map((phase) => [phase, 0]));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, Phase>();
  const classify = (id: number): Phase => {
    const known = memo.get(id);
    if (known) return known;
    const n = nodes.get(id);
    let phase: Phase;
    const name = n?.callFrame.functionName ?? '';
    if (name === '(garbage collector)') phase = 'garbage collection (all phases)';
    else if (name === '(idle)') phase = startIdle ? 'process start, module loading' : 'idle (waiting: I/O, the other thread, a core)';
    else {
      const file = n ? sourceFile(n.callFrame) : '';
      const up = parent.get(id);
      if (file !== '' && !file.startsWith('node_modules/') && !file.startsWith('bin/')) phase = phaseOf(file, name);
      else phase = up === undefined ? 'process start, module loading' : classify(up);
    }
    memo.set(id, phase);
    return phase;
  };
  p.samples.forEach((id, i) => {
    const phase = classify(id);
    total.set(phase, (total.get(phase) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  return total;
}

for (const f of FORMATS) {
  const profDir = join(dir, `profile-${f.id}`);
  rmSync(profDir, { recursive: true, force: true });
  const run = cliRun(['--cpu-prof', `--cpu-prof-dir=${profDir}`], reconcileArgs(f.bank, `result-${f.id}-profiled.csv`));
  // The main thread's profile is the one that ran the command; the open-items worker's ran its
  // reader; others are worker threads of no phase (tsx's loader, when it runs).
  const ran = (p: Profile, file: string) => p.nodes.some((n) => sourceFile(n.callFrame) === file);
  const profiles = readdirSync(profDir).map((name) => JSON.parse(readFileSync(join(profDir, name), 'utf8')) as Profile);
  const mainProfile = profiles.find((p) => ran(p, 'cli/main.ts'));
  const reader = profiles.find((p) => p !== mainProfile && ran(p, 'cli/open-items-reader.ts'));
  const loaders = profiles.filter((p) => p !== mainProfile && p !== reader);
  if (!mainProfile) throw new Error('no profile of the main thread');
  const phases = breakdown(mainProfile);
  for (const l of loaders)
    for (const [phase, ms] of breakdown(l, true))
      if (phase !== 'idle (waiting: I/O, the other thread, a core)')
        phases.set('process start, module loading', (phases.get('process start, module loading') ?? 0) + ms);
  const main = [...phases].filter(([p]) => p !== 'process start, module loading').reduce((s, [, ms]) => s + ms, 0);
  console.log(
    `  where the time goes, ${f.label} (one run under --cpu-prof: ${fmt(run.ms)} ms, CPU ${fmt(run.cpuMs)} ms, load ${run.load}):`,
  );
  const print = (of: Map<Phase, number>) => {
    for (const [phase, ms] of of) {
      if (ms < 0.5) continue;
      console.log(`    ${phase.padEnd(68)} ${fmt(ms).padStart(6)} ms  ${((ms / run.ms) * 100).toFixed(0).padStart(3)} %`);
    }
  };
  print(phases);
  console.log(`    (main thread after start: ${fmt(main)} ms)`);
  if (reader) {
    // Its idle time is its start (module loading) and the wait for the main thread's request.
    console.log('   the open-items worker thread (reads the open items while the main thread reads the statement):');
    print(breakdown(reader));
  }
}

if (keep === undefined) rmSync(dir, { recursive: true, force: true });
