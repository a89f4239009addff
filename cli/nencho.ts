/**
 * `urakata nencho`: 年末調整 for every employee — from the year's payroll and bonus outputs (summed
 * by pay date) or a totals file — and, on request, the 源泉徴収票 PDFs, the 賃金台帳・源泉徴収簿 and the
 * 給与支払報告書 data. Everything is computed first; a run with any input error writes nothing, and
 * the files of a run are written all or none.
 */
import { writeCsv } from '../core/csv/write.js';
import { formatYen } from '../core/money/yen.js';
import { InputError } from '../core/errors.js';
import { todayInTokyo } from '../core/dates/calendar.js';
import { cellToYear } from '../core/sheet-functions/nencho.js';
import { runYearEnd, type YearEndSource } from '../core/payroll/year-end/run.js';
import { yearEndTable, yearEndTotals } from '../core/payroll/year-end/output.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import type { Problem } from '../core/errors.js';
import { type Payer, parsePayer } from '../core/payroll/year-end/payer.js';
import { ledgerTable } from '../core/payroll/year-end/ledger.js';
import { municipalitySummary, payrollReportTable } from '../core/payroll/year-end/report.js';
import { renderWithholdingSlip } from '../core/payroll/year-end/slip.js';
import { japaneseFonts } from '../functions/fonts.js';
import { yearEndJournal } from '../core/journal/year-end.js';
import { addJournal, JOURNAL_FLAGS, JOURNAL_USAGE, journalRequest } from './journal.js';
import {
  employeePdfs,
  noteOtherPdfs,
  type OutputFile,
  parseFlags,
  readJsonFile,
  reportProblems,
  requireFlag,
  SHEET_FLAG,
  SHEET_USAGE,
  UsageError,
  writeOutputs,
} from './io.js';
import { labelFlags, readInputs, withUsage } from './payroll.js';

const USAGE = `使い方 / usage:
  urakata nencho --year YYYY --employees FILE --declarations FILE
                 (--payroll FILE [--payroll FILE …] | --totals FILE)
                 [--out FILE.csv|FILE.json] [--slips DIR] [--payer FILE.json]
                 [--ledger FILE.csv] [--report FILE.csv] [--report-summary FILE.csv]
${JOURNAL_USAGE}${SHEET_USAGE}`;

async function readPayer(io: CliIo, path: string): Promise<{ payer?: Payer; problems: Problem[] }> {
  const r = await readJsonFile(io, path);
  return r.json === undefined ? { problems: r.problems } : parsePayer(r.json, path);
}

/** `--payroll a.csv b.csv` as well as `--payroll a.csv --payroll b.csv`: each file after the flag is one of the year's outputs. */
function expandPayrollFiles(argv: readonly string[]): string[] {
  const out: string[] = [];
  let inPayroll = false;
  for (const a of argv) {
    if (a === '--payroll') inPayroll = true;
    else if (a.startsWith('-')) inPayroll = false;
    else if (inPayroll && out.at(-1) !== '--payroll') out.push('--payroll');
    out.push(a);
  }
  return out;
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, USAGE, async () => {
    const f = parseFlags(expandPayrollFiles(argv), {
      year: { type: 'string' },
      employees: { type: 'string' },
      declarations: { type: 'string' },
      payroll: { type: 'string', multiple: true },
      totals: { type: 'string' },
      out: { type: 'string' },
      slips: { type: 'string' },
      payer: { type: 'string' },
      ledger: { type: 'string' },
      report: { type: 'string' },
      'report-summary': { type: 'string' },
      ...JOURNAL_FLAGS,
      help: { type: 'boolean', short: 'h' },
      ...SHEET_FLAG,
    });
    if (f.help) {
      io.out(USAGE);
      return EXIT_OK;
    }
    let year: number;
    try {
      // As the panes read a year: 2026, 令和8年分, R8 … (one rule, core's cellToYear); a year without a table is refused.
      year = cellToYear(requireFlag(f.year, 'year'), todayInTokyo(new Date()));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return reportProblems(io, labelFlags(e.problems)) ?? EXIT_USAGE;
    }
    const employeesPath = requireFlag(f.employees, 'employees');
    const declarationsPath = requireFlag(f.declarations, 'declarations');
    const payrollPaths = f.payroll ?? [];
    if (payrollPaths.length > 0 === (f.totals !== undefined)) {
      throw new UsageError(
        '--payroll（1つ以上）か --totals のどちらか一方を指定してください / give --payroll (one or more) or --totals, not both',
      );
    }
    if (f.payer !== undefined && f.slips === undefined && f.report === undefined) {
      throw new UsageError('--payer は --slips か --report と使います / --payer goes with --slips or --report');
    }
    const { files, problems } = await readInputs(io, [employeesPath, declarationsPath, ...payrollPaths, ...(f.totals ? [f.totals] : [])], {
      sheet: f.sheet,
    });
    const payer = f.payer === undefined ? undefined : await readPayer(io, f.payer);
    problems.push(...(payer?.problems ?? []));
    const journal = await journalRequest(io, f);
    problems.push(...journal.problems);
    // Warnings are printed and the run goes on; an error stops it before anything is written.
    const refused = reportProblems(io, problems);
    if (refused !== undefined) return refused;
    const [employees, declarations, ...rest] = files.map((x) => ({ data: x.bytes, file: x.name }));
    if (!employees || !declarations) return EXIT_USAGE;
    const source: YearEndSource = f.totals !== undefined && rest[0] ? { totals: rest[0] } : { payroll: rest };

    const result = runYearEnd(year, employees, declarations, source);
    const rejected = reportProblems(io, result.problems);
    if (rejected !== undefined) return rejected;

    const rows = result.results.map((r) => r.row);
    const json = f.out?.toLowerCase().endsWith('.json');
    const table = json ? `${JSON.stringify(rows, null, 2)}\n` : writeCsv(yearEndTable(rows), f.out === undefined ? 'utf-8' : 'utf-8-bom');
    const outputs: OutputFile[] = [];
    if (f.out !== undefined) outputs.push({ path: f.out, data: table });
    if (f.slips !== undefined) {
      const fonts = japaneseFonts();
      const slip = { fonts, year, ...(payer?.payer ? { payer: payer.payer } : {}) };
      outputs.push(...(await employeePdfs(f.slips, result.results, (r) => renderWithholdingSlip(r, slip))));
    }
    if (f.ledger !== undefined) outputs.push({ path: f.ledger, data: writeCsv(ledgerTable(result)) });
    if (f.report !== undefined) outputs.push({ path: f.report, data: writeCsv(payrollReportTable(result, payer?.payer)) });
    if (f['report-summary'] !== undefined) outputs.push({ path: f['report-summary'], data: writeCsv(municipalitySummary(result)) });
    const journalFailed = addJournal(io, journal.request, (map) => yearEndJournal(rows, year, map), outputs);
    if (journalFailed !== undefined) return journalFailed;
    const failed = await writeOutputs(io, outputs);
    if (failed !== undefined) return failed;
    if (f.slips !== undefined) await noteOtherPdfs(io, f.slips, outputs);
    if (f.out === undefined) io.out(typeof table === 'string' ? table : new TextDecoder().decode(table));

    const t = yearEndTotals(rows);
    io.err(
      `${year}年分 年末調整: ${t.adjusted}名（対象外 ${t.not_adjusted}名） 還付 ${formatYen(t.refund_total)}円 徴収 ${formatYen(t.collected_total)}円 / ` +
        `year-end ${year}: ${t.adjusted} adjusted, ${t.not_adjusted} not adjusted, refunds ${t.refund_total}, collected ${t.collected_total}\n`,
    );
    return EXIT_OK;
  });
}
