/**
 * One temporary folder for the whole test run: the test processes inherit TMPDIR, so every
 * scratch folder a test or a tool it starts makes (built bundles, browser profiles, CLI output)
 * lands below it, and the folder is removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'urakata-test-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
