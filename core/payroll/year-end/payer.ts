/**
 * The 支払者 (the paying employer) of the 源泉徴収票 and the 給与支払報告書, from a JSON object:
 * `{ "name": "株式会社ウラカタ", "address": "東京都千代田区…", "phone": "03-1234-5678" }`.
 * Every field is checked and every fault reported at once, with the file and the field. Lengths are
 * capped so the text fits its box on the slip; control characters (a pasted tab or line break),
 * direction overrides, noncharacters and unpaired surrogates are refused (core/characters.ts).
 */
import { unsafeFieldProblem } from '../../field-problems.js';
import { isError, type Problem, problem } from '../../errors.js';

export interface Payer {
  /** 氏名又は名称. */
  readonly name: string;
  /** 住所（居所）又は所在地. */
  readonly address?: string;
  /** 電話番号, digits with - ( ) + and spaces. */
  readonly phone?: string;
}

const FIELDS = {
  name: { max: 60, required: true, ja: '支払者の氏名又は名称' },
  address: { max: 120, required: false, ja: '支払者の住所又は所在地' },
  phone: { max: 20, required: false, ja: '支払者の電話番号' },
} as const;

type Field = keyof typeof FIELDS;

const PHONE = /^\+?[0-9][0-9()\- ]*$/;

/**
 * Reads the payer JSON object: `name` required, `address` and `phone` optional.
 * @example parsePayer({ name: '株式会社ウラカタ', phone: '03-1234-5678' }, 'payer.json').payer?.phone // '03-1234-5678'
 */
export function parsePayer(json: unknown, file: string): { payer?: Payer; problems: Problem[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problems: [problem(file, 0, '', '', 'JSONのオブジェクトではありません', 'not a JSON object')] };
  }
  const o = json as Record<string, unknown>;
  const problems: Problem[] = [];
  const values: Partial<Record<Field, string>> = {};
  for (const [key, spec] of Object.entries(FIELDS) as [Field, (typeof FIELDS)[Field]][]) {
    const raw = o[key];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (spec.required) problems.push(problem(file, 0, key, '', `${spec.ja}がありません`, `${key} is missing`));
      continue;
    }
    if (typeof raw !== 'string') {
      problems.push(problem(file, 0, key, String(raw), `${spec.ja}は文字列で指定してください`, `${key} must be a string`));
      continue;
    }
    const v = key === 'phone' ? raw.normalize('NFKC').trim() : raw.trim();
    const unsafe = unsafeFieldProblem(file, key, v);
    if (unsafe) {
      problems.push({ ...unsafe, message_ja: `${spec.ja}: ${unsafe.message_ja}` });
    } else if ([...v].length > spec.max) {
      problems.push(problem(file, 0, key, v, `${spec.ja}は${spec.max}文字以内です`, `${key} must be at most ${spec.max} characters`));
    } else if (key === 'phone' && !PHONE.test(v)) {
      problems.push(
        problem(
          file,
          0,
          key,
          v,
          '電話番号は数字と - ( ) + で書いてください（例: 03-1234-5678）',
          'phone must be digits with - ( ) + (e.g. 03-1234-5678)',
        ),
      );
    } else {
      values[key] = v;
    }
  }
  for (const key of Object.keys(o)) {
    if (!Object.hasOwn(FIELDS, key)) {
      problems.push(
        problem(
          file,
          0,
          key,
          '',
          '使われない項目です（name, address, phone のみ）',
          'unknown field (only name, address, phone)',
          'warning',
        ),
      );
    }
  }
  if (problems.some(isError) || values.name === undefined) return { problems };
  return {
    payer: {
      name: values.name,
      ...(values.address === undefined ? {} : { address: values.address }),
      ...(values.phone === undefined ? {} : { phone: values.phone }),
    },
    problems,
  };
}
