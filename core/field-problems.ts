/** The problem of a settings field (a JSON file's) that holds a character no one meant to give. */
import { showUnsafe, UNSAFE_IN_CELL, UNSAFE_IN_FIELD, unsafeCharacterMessage } from './characters.js';
import { problem, type Problem } from './errors.js';

/**
 * The problem of a JSON settings field holding a character of {@link UNSAFE_IN_FIELD}, named by
 * the file and the field's path (`bank.account_holder`, `debit_accounts[1].bank_name`); undefined
 * when the text is clean.
 * @example unsafeFieldProblem('issuer.json', 'name', '株式会社\u000bサンプル')?.value // '株式会社⟨U+000B⟩サンプル'
 */
export function unsafeFieldProblem(
  file: string,
  path: string,
  value: string,
  lines: 'one line' | 'lines' = 'one line',
): Problem | undefined {
  // A field of several lines (an address, notes) holds line breaks and tabs as a cell does.
  const pattern = lines === 'lines' ? UNSAFE_IN_CELL : UNSAFE_IN_FIELD;
  const m = pattern.exec(value);
  if (!m) return undefined;
  const [ja, en] = unsafeCharacterMessage(m[0], lines === 'lines' ? 'lines' : 'field');
  return problem(file, 0, path, showUnsafe(value, pattern), ja, en);
}
