import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/reconcile');

let dir: string;
let out: string;
let err: string;
const io = () => ({
  out: (t: string) => {
    out += t;
  },
  err: (t: string) => {
    err += t;
  },
  cwd: dir,
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-reconcile-'));
  out = '';
  err = '';
  for (const f of ['bank.csv', 'open-items.csv', 'zengin-03.txt']) writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, f)));
});

const run = (...args: string[]) => main(['reconcile', ...args], io());
const csvLines = (path: string) =>
  readFileSync(join(dir, path))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('urakata reconcile', () => {
  it('writes one row per deposit with exactly the documented columns', async () => {
    expect(await run('--bank', 'bank.csv', '--open-items', 'open-items.csv', '--out', 'out/match.csv')).toBe(0);
    const lines = csvLines('out/match.csv');
    expect(lines[0]).toBe(
      'bank_line,date,amount,payer,payer_key,status,method,customer_id,invoice_ids,fee,difference,difference_treatment,confidence,reason',
    );
    expect(lines).toHaveLength(10); // 9 deposits; the withdrawal (振込手数料) is not matched
    expect(lines[1]).toMatch(/^00000101,2026-06-01,109560,ﾌﾘｺﾐ ｶ\)ﾔﾏﾀﾞｼﾖｳｼﾞ,ヤマダシヨウジ,auto,name\+fee,C001,INV-2026-0101,440,0,/);
    expect(lines[3]).toContain(',auto,name+combination,C003,INV-2026-0103;INV-2026-0104,0,0,');
    expect(lines[8]).toContain(',suggested,amount+amount_only,C001,INV-2026-0131,');
    expect(lines[9]).toContain(',unmatched,none,,,0,12,,0,');
    expect(err).toContain('自動消込7件、要確認1件、未消込1件');
  });

  it('reads a 全銀 入出金取引明細 file and writes JSON with allocations and alternatives', async () => {
    expect(await run('--bank', 'zengin-03.txt', '--open-items', 'open-items.csv', '--out', 'match.json')).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'match.json'), 'utf8'));
    expect(json.format).toBe('zengin-03');
    expect(json.summary).toMatchObject({ deposits: 6, auto: 5 });
    expect(json.decisions[0].allocations).toEqual([{ invoiceId: 'INV-2026-0101', amount: 110_000 }]);
  });

  it('learns from automatic matches into the learned table, creating it if missing', async () => {
    expect(await run('--bank', 'bank.csv', '--open-items', 'open-items.csv', '--learned', 'learned.csv', '--out', 'm.csv')).toBe(0);
    const learned = csvLines('learned.csv');
    expect(learned[0]).toBe('kind,payer_key,remitter_bank,remitter_branch,customer_id,fee,count,last_date');
    expect(learned).toContain('fee,,,,C001,440,1,2026-06-01');
    expect(learned).toContain('payer,タマホム,,,C002,,1,2026-06-02');
    // A second run counts again.
    expect(
      await run(
        '--bank',
        'bank.csv',
        '--open-items',
        'open-items.csv',
        '--learned',
        'learned.csv',
        '--learned-out',
        'learned2.csv',
        '--out',
        'm.csv',
      ),
    ).toBe(0);
    expect(csvLines('learned2.csv')).toContain('payer,タマホム,,,C002,,2,2026-06-02');
  });

  it('uses a learned payer name to match a payer the master does not know', async () => {
    writeFileSync(join(dir, 'learned.csv'), 'kind,payer_key,customer_id\npayer,ﾔﾏﾀﾞ ﾀﾛｳ,C001\n');
    expect(await run('--bank', 'bank.csv', '--open-items', 'open-items.csv', '--learned', 'learned.csv', '--out', 'm.csv')).toBe(0);
    expect(csvLines('m.csv')[8]).toContain(',auto,learned+exact,C001,INV-2026-0131,');
  });

  it('rejects bad input with every problem (file, row, column) and writes nothing', async () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      'invoice_id,customer_id,issue_date,due_date,amount\nI1,C1,2026-13-01,2026-05-31,100\nI2,C1,2026-05-01,2026-05-31,abc\n',
    );
    expect(await run('--bank', 'bank.csv', '--open-items', 'bad.csv', '--out', 'm.csv', '--learned', 'l.csv')).toBe(1);
    expect(err).toContain('bad.csv 2行目 列「issue_date」');
    expect(err).toContain('bad.csv 3行目 列「amount」');
    expect(existsSync(join(dir, 'm.csv'))).toBe(false);
    expect(existsSync(join(dir, 'l.csv'))).toBe(false);
  });

  it('names every format it tried for a file it cannot read', async () => {
    writeFileSync(join(dir, 'x.csv'), 'a,b\n1,2\n');
    expect(await run('--bank', 'x.csv', '--open-items', 'open-items.csv')).toBe(1);
    expect(err).toContain('全銀 入出金取引明細(種別03)');
    expect(out).toBe('');
  });

  it('exits 2 on usage errors', async () => {
    expect(await run('--bank', 'bank.csv')).toBe(2);
    expect(err).toContain('--open-items');
  });
});

describe('urakata reconcile --tolerance', () => {
  // 300 yen short of a 55,000 invoice, from a customer who bears its own fees (先方負担).
  const files = (tolerance = '') => {
    writeFileSync(join(dir, 'short.csv'), 'date,amount,payer\n2026-06-10,54700,ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ\n');
    writeFileSync(
      join(dir, 'open.csv'),
      `invoice_id,customer_id,customer_name,customer_kana,issue_date,due_date,amount,fee_burden,tolerance\nA1,C1,株式会社山田商事,ヤマダショウジ,2026-04-30,2026-05-31,55000,先方,${tolerance}\nA2,C1,株式会社山田商事,ヤマダショウジ,2026-04-30,2026-05-31,80000,先方,${tolerance}\n`,
    );
  };

  it('clears the invoice within the run tolerance and books the difference (雑損失)', async () => {
    files();
    expect(await run('--bank', 'short.csv', '--open-items', 'open.csv', '--tolerance', '1,000', '--out', 'm.csv')).toBe(0);
    expect(csvLines('m.csv')[1]).toContain(',auto,name+tolerance,C1,A1,0,-300,雑損失,');
    expect(csvLines('m.csv')[1]).toContain('請求残高との差額300円不足は許容差額1000円以内（雑損失）');
  });

  it('takes the customer’s own tolerance column over the run’s, and suggests beyond it', async () => {
    files('500');
    expect(await run('--bank', 'short.csv', '--open-items', 'open.csv', '--out', 'm.csv')).toBe(0);
    expect(csvLines('m.csv')[1]).toContain(',auto,name+tolerance,C1,A1,0,-300,雑損失,');
    files('200');
    expect(await run('--bank', 'short.csv', '--open-items', 'open.csv', '--tolerance', '1000', '--out', 'm.csv')).toBe(0);
    expect(csvLines('m.csv')[1]).toContain(',suggested,name+tolerance,C1,A1,0,-300,雑損失,');
  });

  it('refuses a tolerance that is not whole yen (usage, exit 2)', async () => {
    files();
    expect(await run('--bank', 'short.csv', '--open-items', 'open.csv', '--tolerance', '0.5')).toBe(2);
    expect(err).toContain('--tolerance は0以上の円の整数です');
  });
});

describe('urakata reconcile --confirm', () => {
  it('learns the rows a user confirmed in a previous result, so the next run matches them', async () => {
    expect(await run('--bank', 'bank.csv', '--open-items', 'open-items.csv', '--out', 'first.csv')).toBe(0);
    const edited = readFileSync(join(dir, 'first.csv'), 'utf8').replace(
      ',suggested,amount+amount_only,C001,',
      ',confirmed,amount+amount_only,C001,',
    );
    writeFileSync(join(dir, 'first.csv'), edited);
    expect(
      await run(
        '--bank',
        'bank.csv',
        '--open-items',
        'open-items.csv',
        '--learned',
        'learned.csv',
        '--confirm',
        'first.csv',
        '--out',
        'second.csv',
      ),
    ).toBe(0);
    expect(err).toContain('確定1件を学習しました');
    // Once confirmed, once matched automatically in this run.
    expect(csvLines('learned.csv')).toContain('payer,ヤマダタロウ,,,C001,,2,2026-06-26');
    expect(csvLines('second.csv')[8]).toContain(',auto,learned+exact,C001,INV-2026-0131,');
  });
});

describe('urakata reconcile: what it prints to standard output', () => {
  it('prints the result only once every file it writes is in place: a learned table that cannot be written prints nothing', async () => {
    writeFileSync(join(dir, 'notadir'), 'a file, not a folder');
    const code = await run('--bank', 'bank.csv', '--open-items', 'open-items.csv', '--learned', 'notadir/learned.csv');
    expect(code).not.toBe(0);
    expect(out).toBe('');
    expect(await run('--bank', 'bank.csv', '--open-items', 'open-items.csv', '--learned', 'learned.csv')).toBe(0);
    expect(out.split('\r\n')[0]).toMatch(/^bank_line,/);
    expect(existsSync(join(dir, 'learned.csv'))).toBe(true);
  });
});
