/**
 * `npm run sheets:push` refuses early, with a reason, when clasp cannot possibly push: no project
 * file for the environment, a placeholder script id, a rootDir that is not the build, or no login.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

type SetupCheck = (o: { cwd: string; env?: string; home: string; environ: Record<string, string> }) => { file: string; problems: string[] };

async function check(): Promise<SetupCheck> {
  const script = pathToFileURL(resolve('scripts/build-apps-script.mjs')).href;
  return ((await import(script)) as { pushSetupProblems: SetupCheck }).pushSetupProblems;
}

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'urakata-clasp-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const PROJECT = JSON.stringify({ scriptId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnop', rootDir: 'dist/apps-script' });

describe('sheets:push setup check', () => {
  it('is ready with a real project file and a clasp login', async () => {
    const cwd = await folder({ '.clasp.json': PROJECT });
    const home = await folder({ '.clasprc.json': '{}' });
    expect((await check())({ cwd, home, environ: {} })).toEqual({ file: '.clasp.json', problems: [] });
  });

  it('uses .clasp-<env>.json for an environment and says which file is missing', async () => {
    const cwd = await folder({ '.clasp.json': PROJECT });
    const home = await folder({ '.clasprc.json': '{}' });
    const result = (await check())({ cwd, env: 'prod', home, environ: {} });
    expect(result.file).toBe('.clasp-prod.json');
    expect(result.problems).toEqual([expect.stringContaining('.clasp-prod.json がありません')]);
  });

  it('refuses the template as it is committed', async () => {
    const { readFile } = await import('node:fs/promises');
    const cwd = await folder({ '.clasp.json': await readFile('.clasp.example.json', 'utf8') });
    const home = await folder({ '.clasprc.json': '{}' });
    expect((await check())({ cwd, home, environ: {} }).problems).toEqual([expect.stringContaining('scriptId を実際のスクリプトIDに')]);
  });

  it('refuses a rootDir that would push the sources instead of the build', async () => {
    const cwd = await folder({ '.clasp.json': JSON.stringify({ scriptId: '1abc', rootDir: 'apps-script' }) });
    const home = await folder({ '.clasprc.json': '{}' });
    expect((await check())({ cwd, home, environ: {} }).problems).toEqual([expect.stringContaining('rootDir は "dist/apps-script"')]);
  });

  it('asks for clasp login when no credentials are found, and accepts clasp_config_auth', async () => {
    const cwd = await folder({ '.clasp.json': PROJECT });
    const home = await folder({});
    expect((await check())({ cwd, home, environ: {} }).problems).toEqual([expect.stringContaining('npx @google/clasp@3 login')]);
    expect((await check())({ cwd, home, environ: { clasp_config_auth: 'ci/.clasprc.json' } }).problems).toEqual([]);
  });
});
