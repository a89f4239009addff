/**
 * RFC 4180 CSV with what spreadsheets really write: quoted fields with commas, doubled quotes
 * and line breaks inside; CRLF, LF or CR line ends; a trailing newline or not.
 */

export interface CsvRecord {
  /** 1-based line number where the record starts (a quoted line break makes records span lines). */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvSyntaxProblem {
  readonly line: number;
  readonly message_ja: string;
  readonly message_en: string;
}

export interface ParsedCsv {
  readonly records: CsvRecord[];
  readonly problems: CsvSyntaxProblem[];
}

export function parseCsv(text: string, delimiter = ','): ParsedCsv {
  const records: CsvRecord[] = [];
  const problems: CsvSyntaxProblem[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (src[i] === '"') {
        // Quoted field.
        i++;
        let closed = false;
        while (i < n) {
          const c = src[i];
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
            field += c;
            i++;
          }
        }
        if (!closed) {
          problems.push({ line: startLine, message_ja: '引用符が閉じていません', message_en: 'unterminated quoted field' });
        }
        // Text after the closing quote up to the delimiter is kept (lenient, as Excel does).
        while (i < n && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') field += src[i++];
      } else {
        while (i < n && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') field += src[i++];
      }
      fields.push(field);
      field = '';
      if (i >= n) {
        endOfRecord = true;
      } else if (src[i] === delimiter) {
        i++;
        if (i >= n) {
          fields.push('');
          endOfRecord = true;
        }
      } else {
        // Line end: CRLF, LF or CR.
        if (src[i] === '\r' && src[i + 1] === '\n') i += 2;
        else i++;
        line++;
        endOfRecord = true;
      }
    }
    // Skip blank lines (a record of one empty field).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: startLine, fields });
  }
  return { records, problems };
}
