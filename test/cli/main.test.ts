import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: process.cwd() }, out, err };
}

describe('urakata --help', () => {
  it('lists every command of design §3.2 with its usage', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    const text = out.join('');
    for (const name of ['reconcile', 'bank-rec', 'payroll', 'invoices', 'serve']) {
      expect(text).toContain(`urakata ${name} `);
    }
  });

  it('exits 2 with the help on stdout when no command is given', async () => {
    const { io, out } = capture();
    expect(await main([], io)).toBe(2);
    expect(out.join('')).toContain('Usage');
  });

  it('exits 2 for an unknown command and says so in Japanese and English', async () => {
    const { io, err } = capture();
    expect(await main(['payrol'], io)).toBe(2);
    expect(err.join('')).toContain('不明なコマンドです / unknown command: payrol');
  });

  it('a command not built yet says so and exits 2', async () => {
    const { io, err } = capture();
    const table = [{ name: 'later', usage: 'urakata later', ja: '未来', en: 'future' }];
    expect(await main(['later'], io, table)).toBe(2);
    expect(err.join('')).toContain("'later' is not built yet");
  });
});

describe('every command takes -h, and the demo only its help flag', () => {
  it.each(['reconcile', 'bank-rec', 'payroll', 'nencho', 'payments', 'invoices', 'demo'])(
    'urakata %s -h shows its usage, exit 0',
    async (name) => {
      const { io, out } = capture();
      expect(await main([name, '-h'], io)).toBe(0);
      expect(out.join('')).toContain(`urakata ${name}`);
    },
  );

  it('urakata demo with anything else is a usage error: it rebuilds nothing', async () => {
    // `demo --x` and `demo /etc/passwd` had deleted and rebuilt .urakata/demo and exited 0.
    const { io, err } = capture();
    expect(await main(['demo', '--x'], { ...io, cwd: '/nonexistent-for-this-test' })).toBe(2);
    expect(err.join('')).toContain('--x');
  });
});
