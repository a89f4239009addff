/** `urakata bonus`: 賞与計算 — the same columns as the payroll table, one row per bonus paid. */
import { payrollJournal } from '../core/journal/payroll.js';
import { runBonus } from '../core/payroll/run.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import { parseFlags, reportProblems, requireFlag, writeOutputs, type OutputFile, SHEET_USAGE } from './io.js';
import { addJournal, JOURNAL_FLAGS, JOURNAL_USAGE, journalRequest } from './journal.js';
import { COMMON_FLAGS, dateFlag, labelFlags, methodFlag, payrollTableBytes, readInputs, withUsage } from './payroll.js';

const USAGE = `使い方 / usage:
  urakata bonus --employees FILE --bonuses FILE --pay-date YYYY-MM-DD
                [--withholding-method table|computer] [--out FILE.csv|FILE.json]
${JOURNAL_USAGE}${SHEET_USAGE}`;

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, USAGE, async () => {
    const f = parseFlags(argv, { ...COMMON_FLAGS, bonuses: { type: 'string' }, ...JOURNAL_FLAGS });
    if (f.help) {
      io.out(USAGE);
      return EXIT_OK;
    }
    const employeesPath = requireFlag(f.employees, 'employees');
    const bonusesPath = requireFlag(f.bonuses, 'bonuses');
    const payDate = dateFlag(requireFlag(f['pay-date'], 'pay-date'), 'pay-date') ?? '';
    const method = methodFlag(f['withholding-method']);
    const { files, problems } = await readInputs(io, [employeesPath, bonusesPath], { sheet: f.sheet });
    const [employees, bonuses] = files;
    if (!employees || !bonuses) return reportProblems(io, problems) ?? EXIT_USAGE;
    const journal = await journalRequest(io, f);
    problems.push(...journal.problems);
    const result = runBonus(
      { data: employees.bytes, file: employees.name },
      { data: bonuses.bytes, file: bonuses.name },
      { payDate, withholdingMethod: method },
    );
    problems.push(...labelFlags(result.problems));
    const rejected = reportProblems(io, problems);
    if (rejected !== undefined) return rejected;
    const rows = result.results.map((r) => r.result.row);
    const table = payrollTableBytes(rows, f.out);
    const outputs: OutputFile[] = f.out !== undefined ? [{ path: f.out, data: table }] : [];
    const failed =
      addJournal(io, journal.request, (map) => payrollJournal(rows, 'bonus', map), outputs) ?? (await writeOutputs(io, outputs));
    if (failed !== undefined) return failed;
    if (f.out === undefined) io.out(typeof table === 'string' ? table : new TextDecoder().decode(table));
    io.err(`${rows.length}名の賞与を計算しました / ${rows.length} bonuses computed (pay date ${payDate})\n`);
    return EXIT_OK;
  });
}
