/**
 * The `--company` JSON of a transfer file: the paying company's bank account and names, checked
 * field by field so every mistake is reported at once.
 */
import { unsafeFieldProblem } from '../../field-problems.js';
import { type Problem, problem } from '../../errors.js';
import type { TransferCompany } from './file.js';
import { toZenginKana } from './kana.js';

const FIELDS = {
  company_code: { digits: 10, ja: '会社コード（委託者コード）' },
  company_name: { text: 40, ja: '会社名（カナ）' },
  bank_code: { digits: 4, ja: '仕向銀行番号' },
  bank_name: { text: 15, ja: '仕向銀行名（カナ）' },
  branch_code: { digits: 3, ja: '仕向支店番号' },
  branch_name: { text: 15, ja: '仕向支店名（カナ）' },
  account_type: { digits: 1, ja: '預金種目（普通/当座）' },
  account_number: { digits: 7, ja: '口座番号' },
} as const;

/**
 * Reads the company JSON object. `account_type` may be 普通/当座/1/2. A field holding a control
 * character (a line break or tab too), a direction override, a noncharacter or an unpaired
 * surrogate is refused, `name` (the name on payslips) included (core/characters.ts).
 * @example parseTransferCompany({company_code: '1234567890', company_name: 'ｳﾗｶﾀ(ｶ', …}, 'company.json')
 */
export function parseTransferCompany(json: unknown, file: string): { company?: TransferCompany; problems: Problem[] } {
  const problems: Problem[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problems: [problem(file, 0, '', '', 'JSONのオブジェクトではありません', 'not a JSON object')] };
  }
  const o = json as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [key, spec] of Object.entries(FIELDS)) {
    const raw = o[key];
    const written = raw === undefined || raw === null ? '' : String(raw).trim();
    const unsafe = unsafeFieldProblem(file, key, written);
    if (unsafe) {
      problems.push(unsafe);
      continue;
    }
    let v = written.normalize('NFKC').trim();
    if (key === 'account_type') v = v === '普通' ? '1' : v === '当座' ? '2' : v;
    if (v === '') {
      problems.push(problem(file, 0, key, '', `${spec.ja}がありません`, `${key} is missing`));
      continue;
    }
    if ('digits' in spec) {
      if (!/^\d+$/.test(v) || v.length > spec.digits || (key === 'account_type' && v !== '1' && v !== '2')) {
        problems.push(problem(file, 0, key, v, `${spec.ja}は${spec.digits}桁以内の数字です`, `${key} must be up to ${spec.digits} digits`));
        continue;
      }
      values[key] = v;
    } else {
      const k = toZenginKana(v);
      if (!k.ok) {
        problems.push(
          problem(file, 0, key, v, `「${k.char}」は全銀の半角カナにできません`, `'${k.char}' cannot be written in Zengin half-width kana`),
        );
        continue;
      }
      if (k.value.length > spec.text) {
        problems.push(
          problem(file, 0, key, v, `${spec.ja}は半角${spec.text}文字以内です`, `${key} must be at most ${spec.text} half-width characters`),
        );
        continue;
      }
      values[key] = k.value;
    }
  }
  // The name payslips print (company_name, in 全銀 kana, when there is none).
  const unsafeName = typeof o.name === 'string' ? unsafeFieldProblem(file, 'name', o.name.trim()) : undefined;
  if (unsafeName) problems.push(unsafeName);
  if (problems.length > 0) return { problems };
  const display = [o.name, o.company_name].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
  return {
    company: {
      companyCode: values.company_code ?? '',
      companyName: values.company_name ?? '',
      ...(display
        ? {
            // 80 characters, counted by code point: a cut by UTF-16 unit could keep half of 𠮷.
            displayName: Array.from(display.normalize('NFKC').trim()).slice(0, 80).join(''),
          }
        : {}),
      bankCode: values.bank_code ?? '',
      bankName: values.bank_name ?? '',
      branchCode: values.branch_code ?? '',
      branchName: values.branch_name ?? '',
      accountType: Number(values.account_type),
      accountNumber: values.account_number ?? '',
    },
    problems,
  };
}
