/**
 * Invoice PDF benchmark, all figures from one run on the same machine:
 *  1. one-page invoices per second on one core (pdfkit, font parsed once), bytes per PDF;
 *  2. the same invoice printed by headless Chromium (warm browser, HTML → PDF, same TTF) → ratio,
 *     in rounds alternating with 1 so that load from other work weighs on both alike;
 *  3. `urakata invoices` over a generated CSV with --jobs 1 and with the worker pool;
 *  4. 10,000 invoices through the CLI (fresh process, as a user runs it).
 * Targets: ≥ 60 invoices/s on one core, ≥ 30× Chromium, ≤ 60 KB per one-page invoice,
 * 10,000 invoices through the CLI in ≤ 3 minutes on a 2-core machine.
 * Run: npx tsx bench/invoices.ts [--quick]   (--quick: 1,000 instead of 10,000 through the CLI)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fontPath, japaneseFonts } from '../functions/fonts.js';
import { RenderPool, workerEntry } from '../cli/invoices/render.js';
import { launchChromium } from '../test/chromium.js';
import {
  computeInvoice,
  type Invoice,
  type Issuer,
  invoicePdf,
  japaneseDate,
  quantityText,
  rateHeading,
  rateLabel,
  yenText,
} from '../core/invoice/index.js';
import { rate } from '../core/money/rate.js';

const quick = process.argv.includes('--quick');
const root = resolve(import.meta.dirname, '..');
const issuerJson = readFileSync(join(root, 'examples/invoices/issuer.json'), 'utf8');
const issuer = JSON.parse(issuerJson) as Issuer;

const ITEMS = [
  { item: 'コピー用紙（A4）500枚', quantity: rate(10, 1), unit: '冊', unit_price: 550, tax_rate: '10' as const },
  { item: 'システム保守（5月分）', quantity: rate(1, 1), unit: '式', unit_price: 35400, tax_rate: '10' as const },
  { item: 'ミネラルウォーター 2L×6本', quantity: rate(3, 2), unit: 'ケース', unit_price: 4128, tax_rate: '8' as const },
  { item: 'トナーカートリッジ（黒）', quantity: rate(2, 1), unit: '個', unit_price: 12800, tax_rate: '10' as const },
  { item: 'コーヒー豆 500g', quantity: rate(4, 1), unit: '袋', unit_price: 1980, tax_rate: '8' as const },
];

function invoice(n: number): Invoice {
  const r = computeInvoice(
    {
      invoice_no: `INV-2026-${String(n).padStart(6, '0')}`,
      issue_date: '2026-05-31',
      due_date: '2026-06-30',
      customer: { id: `C${n % 500}`, name: `株式会社テスト物産${n % 500}`, honorific: '御中', address: '大阪府大阪市北区梅田1-2-3' },
      lines: ITEMS.map((it, i) => ({
        ...it,
        row: i + 2,
        withholding: false,
        transaction_date: `2026-05-${String(8 + i * 3).padStart(2, '0')}`,
      })),
    },
    issuer,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.invoice;
}

/** The same invoice as HTML for Chromium, with the same Noto Sans JP TTF loaded by @font-face. */
function invoiceHtml(inv: Invoice, systemFont = false): string {
  const font = (w: '400Regular' | '700Bold') => pathToFileURL(fontPath(w)).href;
  const family = systemFont ? "'IPAexGothic'" : 'JP';
  const rows = inv.lines
    .map(
      (l) =>
        `<tr><td>${l.transaction_date?.slice(5)}</td><td>${l.item}${l.tax_rate === '8' ? ' ※' : ''}</td><td class=r>${quantityText(l.quantity)} ${l.unit ?? ''}</td><td class=r>${yenText(l.unit_price)}</td><td>${rateLabel(l.tax_rate)}</td><td class=r>${yenText(l.amount)}</td></tr>`,
    )
    .join('');
  const rates = inv.byRate
    .map((r) => `<tr><td>${rateHeading(r.rate)}</td><td class=r>${yenText(r.base)}</td><td class=r>${yenText(r.tax)}</td></tr>`)
    .join('');
  const b = inv.issuer.bank;
  return `<!doctype html><html lang=ja><head><meta charset=utf-8><style>
@font-face{font-family:JP;src:url('${font('400Regular')}');font-weight:400}
@font-face{font-family:JP;src:url('${font('700Bold')}');font-weight:700}
@page{size:A4;margin:14mm}body{font-family:${family};font-size:9pt;color:#1a1a1a}h1{text-align:center;color:#24466b;letter-spacing:.3em}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #999;padding:3pt}th{background:#e3e9f1}.r{text-align:right}
.box{border:1px solid #24466b;background:#eef2f7;padding:8pt;font-size:16pt;font-weight:700;width:50%}</style></head><body>
<h1>請求書</h1><p>請求書番号 ${inv.invoice_no}　請求日 ${japaneseDate(inv.issue_date)}</p>
<h2>${inv.customer.name}　${inv.customer.honorific}</h2><p>${inv.customer.address ?? ''}</p>
<p><b>${inv.issuer.name}</b><br>登録番号 ${inv.issuer.registration_number}<br>${inv.issuer.address}<br>TEL ${inv.issuer.phone}</p>
<div class=box>ご請求金額（税込） ${yenText(inv.total)} -</div><p>お支払期限 ${japaneseDate(inv.due_date)}</p>
<table><tr><th>取引日</th><th>品目</th><th>数量</th><th>単価</th><th>税率</th><th>金額</th></tr>${rows}</table><p>※は軽減税率（8%）対象品目です。</p>
<table style="width:60%"><tr><th>税率区分</th><th>対象金額</th><th>消費税額等</th></tr>${rates}</table>
<p>小計 ${yenText(inv.subtotal)}　消費税 ${yenText(inv.tax)}　合計 ${yenText(inv.total)}</p>
<p>お振込先 ${b?.bank_name} ${b?.branch_name} ${b?.account_type} ${b?.account_number} ${b?.account_holder}</p><p>${inv.issuer.notes ?? ''}</p></body></html>`;
}

function linesCsv(invoices: number): string {
  const head =
    'invoice_no,issue_date,due_date,customer_id,customer_name,customer_address,transaction_date,item,quantity,unit,unit_price,tax_rate';
  const out = [head];
  for (let n = 1; n <= invoices; n++) {
    const inv = `INV-2026-${String(n).padStart(6, '0')}`;
    ITEMS.forEach((it, i) => {
      out.push(
        `${inv},2026-05-31,2026-06-30,C${n % 500},株式会社テスト物産${n % 500},大阪府大阪市北区梅田1-2-3,2026-05-${String(8 + i * 3).padStart(2, '0')},${it.item},${quantityText(it.quantity)},${it.unit},${it.unit_price},${it.tax_rate}`,
      );
    });
  }
  return `${out.join('\n')}\n`;
}

function cli(dir: string, invoices: number, jobs: number | undefined): { seconds: number; ok: boolean; output: string } {
  const out = join(dir, `out-${invoices}-${jobs ?? 'default'}`);
  const args = [
    join(root, 'bin/urakata.js'),
    'invoices',
    '--in',
    join(dir, `lines-${invoices}.csv`),
    '--issuer',
    join(dir, 'issuer.json'),
    '--out',
    out,
    '--zip',
  ];
  if (jobs !== undefined) args.push('--jobs', String(jobs));
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t) / 1000;
  rmSync(out, { recursive: true, force: true });
  return { seconds, ok: r.status === 0, output: (r.stdout + r.stderr).trim().split('\n').slice(-1)[0] ?? '' };
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const fonts = japaneseFonts();
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}`,
  );

  // 1 + 2. pdfkit on one core and Chromium (warm browser, same invoice), measured in alternating
  // rounds: other work on the machine then weighs on both sides alike, and the ratio is the
  // median of the per-round ratios.
  const first = performance.now();
  await invoicePdf(invoice(0), fonts);
  const firstMs = performance.now() - first;
  for (let i = 1; i < 50; i++) await invoicePdf(invoice(i), fonts);
  const ROUNDS = 9;
  const N = 100;
  const M = 4;
  const pdfkitRounds: number[] = [];
  const cpuRounds: number[] = [];
  let bytes = 0;
  const pdfkitRound = async (round: number): Promise<void> => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < N; i++) bytes += (await invoicePdf(invoice(round * N + i), fonts)).length;
    pdfkitRounds.push((performance.now() - t) / N);
    const used = process.cpuUsage(cpu);
    cpuRounds.push((used.user + used.system) / 1000 / N);
  };
  const report = (): number => {
    const ms = median(pdfkitRounds);
    console.log(
      `pdfkit one core: ${fmt(1000 / ms)} invoices/s (${fmt(ms, 2)} ms each, median of ${pdfkitRounds.length} rounds of ${N}; ` +
        `rounds ${fmt(Math.min(...pdfkitRounds), 2)}–${fmt(Math.max(...pdfkitRounds), 2)} ms; ${fmt(median(cpuRounds), 2)} ms CPU), ` +
        `${fmt(bytes / (N * pdfkitRounds.length) / 1024)} KB per PDF; first invoice of the process ${fmt(firstMs, 0)} ms`,
    );
    return ms;
  };

  let pdfkitMs = 0;
  {
    const context = await launchChromium().catch((e: Error) => e);
    if (context instanceof Error) {
      for (let r = 0; r < ROUNDS; r++) await pdfkitRound(r);
      pdfkitMs = report();
      console.log(`Chromium not measured: ${context.message.split('\n')[0]} (apt-get install -y chromium)`);
    } else {
      const page = await context.newPage();
      const printOne = async (i: number, systemFont: boolean) => {
        await page.setContent(invoiceHtml(invoice(i), systemFont), { waitUntil: 'load' });
        return page.pdf({ format: 'A4', printBackground: true });
      };
      const chromiumRound = async (round: number, systemFont: boolean) => {
        let cbytes = 0;
        const start = performance.now();
        for (let i = 0; i < M; i++) cbytes += (await printOne(round * M + i, systemFont)).length;
        return { ms: (performance.now() - start) / M, kb: cbytes / M / 1024 };
      };
      await printOne(0, false);
      await printOne(1, false);
      const chromiumRounds: { ms: number; kb: number }[] = [];
      const ratios: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        await pdfkitRound(r);
        const c = await chromiumRound(r, false);
        chromiumRounds.push(c);
        ratios.push(c.ms / (pdfkitRounds[r] ?? c.ms));
      }
      pdfkitMs = report();
      const chromiumMs = median(chromiumRounds.map((c) => c.ms));
      console.log(
        `Chromium (warm, HTML → PDF, same Noto Sans JP TTF): ${fmt(1000 / chromiumMs, 2)} invoices/s (${fmt(chromiumMs, 0)} ms each, ` +
          `median of ${ROUNDS} rounds of ${M}), ${fmt(chromiumRounds[0]?.kb ?? 0)} KB per PDF`,
      );
      console.log(
        `ratio pdfkit / Chromium: ${fmt(median(ratios))}× (median of the per-round ratios; rounds ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))}×)`,
      );
      await printOne(0, true);
      const system = await chromiumRound(0, true);
      console.log(
        `  for reference, Chromium with the system font IPAexGothic: ${fmt(system.ms, 0)} ms each, ${fmt(system.kb)} KB (ratio ${fmt(system.ms / pdfkitMs)}×)`,
      );
      await context.close();
    }
  }

  // 1b. The same through the worker pool (render only, no files), one worker per core.
  const entry = workerEntry(pathToFileURL(join(root, 'cli/invoices/render.ts')).href);
  if (entry && pdfkitMs > 0) {
    const pool = new RenderPool(availableParallelism(), entry);
    await Promise.all(Array.from({ length: 50 }, (_, i) => pool.render(invoice(i), false)));
    const P = 400;
    const poolStart = performance.now();
    await Promise.all(Array.from({ length: P }, (_, i) => pool.render(invoice(i), false)));
    const poolMs = (performance.now() - poolStart) / P;
    await pool.close();
    console.log(
      `pdfkit pool (${availableParallelism()} workers): ${fmt(1000 / poolMs)} invoices/s (×${fmt(pdfkitMs / poolMs, 2)} of one core)`,
    );
  }

  // 3 + 4. Through the CLI.
  const dir = mkdtempSync(join(tmpdir(), 'urakata-bench-'));
  try {
    writeFileSync(join(dir, 'issuer.json'), issuerJson);
    const small = 1000;
    writeFileSync(join(dir, `lines-${small}.csv`), linesCsv(small));
    const one = cli(dir, small, 1);
    const pool = cli(dir, small, undefined);
    console.log(
      `CLI ${small} invoices --jobs 1: ${fmt(one.seconds)} s (${fmt(small / one.seconds)}/s incl. start-up) ${one.ok ? '' : `FAILED ${one.output}`}`,
    );
    console.log(
      `CLI ${small} invoices --jobs ${availableParallelism()} (pool): ${fmt(pool.seconds)} s (${fmt(small / pool.seconds)}/s) ${pool.ok ? '' : `FAILED ${pool.output}`}`,
    );
    if (!quick) {
      const big = 10_000;
      writeFileSync(join(dir, `lines-${big}.csv`), linesCsv(big));
      const r = cli(dir, big, undefined);
      console.log(`CLI ${big} invoices (default jobs, --zip): ${fmt(r.seconds)} s ${r.ok ? '' : `FAILED ${r.output}`} — target ≤ 180 s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
