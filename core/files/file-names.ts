/**
 * File names made from ids people typed (社員番号, 請求書番号): one file per id, never two ids in one
 * file. `E/1`, `E_1` and `E:1` all sanitise to `E_1`; a naive map would write one person's
 * payslip over another's. Names are also safe where accountants open them (Windows): no reserved
 * device names (CON, NUL, COM1 …), no separators or look-alikes, no invisible or bidirectional
 * control characters, and case-insensitively distinct.
 */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Characters of a base: long enough for any real id. */
const MAX_BASE = 80;
/**
 * UTF-8 bytes of a base: a file system allows 255 bytes a name, and the `~N` and extension come
 * after (80 kanji take 240 bytes; 80 characters outside the BMP would take 320).
 */
const MAX_BASE_BYTES = 240;

/**
 * The base of a file name for one id: letters, digits, `_` and `-` kept, everything else `_`.
 * @example safeFileBase('E/1') // 'E_1'
 */
export function safeFileBase(id: string): string {
  // NFKC first: full-width and other compatibility forms become the characters they look like.
  let base = cutBetweenCharacters(id.normalize('NFKC').replace(/[^\p{L}\p{N}_-]/gu, '_'));
  if (base === '' || /^_*$/.test(base)) base = `_${base}`;
  if (WINDOWS_RESERVED.test(base)) base = `_${base}`;
  return base;
}

/**
 * One distinct file name per id, in order: the safe base, and for a base already taken (compared
 * without case) `~2`, `~3` … — `~` is never in a base, so a suffixed name cannot be another id's.
 * @example uniqueFileNames(['E/1', 'E_1', 'E:1'], '.pdf') // ['E_1.pdf', 'E_1~2.pdf', 'E_1~3.pdf']
 */
export function uniqueFileNames(ids: readonly string[], extension: string): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const base = safeFileBase(id);
    let name = `${base}${extension}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}~${n}${extension}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * The first MAX_BASE characters, within MAX_BASE_BYTES, cut between characters: a cut by UTF-16
 * unit kept half of a character outside the BMP (𠮷), which is written as U+FFFD, so two ids
 * differing there got one file.
 */
function cutBetweenCharacters(text: string): string {
  let bytes = 0;
  let count = 0;
  let end = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (++count > MAX_BASE || bytes > MAX_BASE_BYTES) break;
    end += ch.length;
  }
  return text.slice(0, end);
}
