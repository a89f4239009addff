/** File I/O shared by the CLI commands (adapters only: core never touches the file system). */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatProblem, isError, type Problem, problem } from '../core/errors.js';
import { EXIT_INPUT, type CliIo } from './command.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** node:util parseArgs with usage errors in Japanese and English. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(`引数が正しくありません / bad arguments: ${(e as Error).message}`);
  }
}

export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${flag} が必要です / --${flag} is required`);
  return value;
}

export interface InputFile {
  /** As the user wrote it, for messages. */
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

export async function readInput(io: CliIo, path: string): Promise<InputFile | Problem> {
  const full = resolve(io.cwd, path);
  try {
    return { name: path, path: full, bytes: new Uint8Array(await readFile(full)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return {
      file: path,
      row: 0,
      column: '',
      value: '',
      message_ja: code === 'ENOENT' ? 'ファイルが見つかりません' : `ファイルを読めません (${code})`,
      message_en: code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`,
    };
  }
}

export function isProblem(x: InputFile | Problem): x is Problem {
  return 'message_ja' in x;
}

/** Reads and parses a JSON file (a BOM allowed); a missing or unparsable file is a problem naming it. */
export async function readJsonFile(io: CliIo, path: string): Promise<{ json?: unknown; problems: Problem[] }> {
  const r = await readInput(io, path);
  if (isProblem(r)) return { problems: [r] };
  try {
    return { json: JSON.parse(new TextDecoder().decode(r.bytes).replace(/^\uFEFF/, '')), problems: [] };
  } catch (e) {
    const m = (e as Error).message;
    return { problems: [problem(path, 0, '', '', `JSONとして読めません: ${m}`, `not valid JSON: ${m}`)] };
  }
}

/** Prints every problem; returns EXIT_INPUT when any is an error, else undefined. */
export function reportProblems(io: CliIo, problems: readonly Problem[]): number | undefined {
  for (const p of problems) io.err(`${formatProblem(p)}\n`);
  const errors = problems.filter(isError).length;
  if (errors > 0) {
    io.err(`${errors}件のエラーがあります。出力は作成していません。 / ${errors} error(s); no output written.\n`);
    return EXIT_INPUT;
  }
  return undefined;
}

/**
 * Writes the files of one run all or none: each to a temp file beside it first (creating its
 * folder), then, once every one is written, each renamed into place. When one cannot be written
 * (a folder that is a file, a full disk, no permission) the temp files are removed and the
 * problem reported: a payroll table and 全銀 file must not stay behind from a run reported as
 * failed. Returns EXIT_INPUT after reporting, or undefined when all are written.
 */
export async function writeOutputs(
  io: CliIo,
  outputs: readonly { path: string; data: Uint8Array | string }[],
): Promise<number | undefined> {
  await removeStaleTemps(new Set(outputs.map((o) => dirname(resolve(io.cwd, o.path)))));
  const written: OutputPaths[] = [];
  for (const o of outputs) {
    const paths = outputPaths(io, o.path);
    try {
      await writeTemp(paths, o.data);
      written.push(paths);
    } catch (e) {
      await Promise.all(written.map((w) => rm(w.temp, { force: true })));
      await rm(paths.temp, { force: true }).catch(() => undefined);
      const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      return reportProblems(io, [
        problem(
          o.path,
          0,
          '',
          '',
          `出力を書けません（${reason}）。何も出力していません`,
          `cannot write this output (${reason}); nothing was written`,
        ),
      ]);
    }
  }
  for (const w of written) await rename(w.temp, w.full);
  return undefined;
}

/** Writes a file whole or not at all (temp file + rename), creating the folder. */
export async function writeOutput(io: CliIo, path: string, data: Uint8Array | string): Promise<string> {
  const paths = outputPaths(io, path);
  await writeTemp(paths, data);
  await rename(paths.temp, paths.full);
  return paths.full;
}

interface OutputPaths {
  readonly full: string;
  /** Beside it, renamed into place once whole. */
  readonly temp: string;
}

function outputPaths(io: CliIo, path: string): OutputPaths {
  const full = resolve(io.cwd, path);
  return { full, temp: resolve(dirname(full), `.${basename(full)}.${process.pid}.tmp`) };
}

/**
 * The temp file of an output, its folder created first. Readable by its owner only (payroll data:
 * another user of the machine must not read a half-written table), and created new (O_EXCL): a
 * link someone placed at its name is removed, never written through.
 */
async function writeTemp(paths: OutputPaths, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(paths.full), { recursive: true });
  await rm(paths.temp, { force: true });
  await writeFile(paths.temp, data, { mode: 0o600, flag: 'wx' });
}

const TEMP_NAME = /^\..+\.(\d+)\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files a run killed before its renames left in the folders this run writes to
 * (`.NAME.PID.tmp` of a process that no longer exists): salary data must not stay behind.
 */
async function removeStaleTemps(dirs: ReadonlySet<string>): Promise<void> {
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const pid = Number(TEMP_NAME.exec(name)?.[1]);
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) await rm(join(dir, name), { force: true });
    }
  }
}
