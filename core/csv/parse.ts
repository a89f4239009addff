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

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Index of the delimiter or line end that closes an unquoted field starting at `i` (or the text's end). */
function fieldEnd(src: string, i: number, sep: number): number {
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === sep || c === LF || c === CR) return i;
    i++;
  }
  return n;
}

export function parseCsv(text: string, delimiter = ','): ParsedCsv {
  const records: CsvRecord[] = [];
  const problems: CsvSyntaxProblem[] = [];
  scanCsv(text, (fields, line) => records.push({ line, fields }), problems, delimiter);
  return { records, problems };
}

/**
 * The one CSV scanner: hands each record to `onRecord` as it is read (fields, and the line it
 * starts on), blank lines skipped, and adds syntax problems to `problems`. A reader that keeps
 * only what it makes of each record (readTable) never holds every record of a large file at
 * once: a file of 400,000 rows was held as 4 million field strings until its last row was read.
 * @example scanCsv('a,b\nc,d', (fields, line) => console.log(line, fields), []) // 1 ['a','b'], 2 ['c','d']
 */
export function scanCsv(
  text: string,
  onRecord: (fields: string[], line: number) => void,
  problems: CsvSyntaxProblem[],
  delimiter = ',',
): void {
  scanRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 1, false, onRecord, problems, separatorOf(delimiter));
}

/**
 * scanCsv over a text that comes in pieces (decodePieces): the same records, lines and problems
 * as scanCsv of the pieces joined, without the whole text ever existing. A record cut by the end
 * of the text read is read again, from its start, once as much text again has come as is carried:
 * a record of any length (a field of megabytes, an unclosed quote running to the end) costs at
 * most a few times its reading, where reading it again with every piece had cost ten to twenty.
 * `beforeText` is told each text about to be read, before any of its records.
 * @example scanCsvPieces(['a,b\nc', ',d'], (fields, line) => console.log(line, fields), []) // 1 ['a','b'], 2 ['c','d']
 */
export function scanCsvPieces(
  pieces: Iterable<string>,
  onRecord: (fields: string[], line: number) => void,
  problems: CsvSyntaxProblem[],
  beforeText: (text: string) => void = () => {},
  delimiter = ',',
): void {
  const sep = separatorOf(delimiter);
  const gather = new CarriedText();
  let line = 1;
  let first = true;
  for (let piece of pieces) {
    if (first && piece !== '') {
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
      first = false;
    }
    const text = gather.add(piece);
    if (text === undefined) continue;
    beforeText(text);
    const stop = scanRecords(text, line, true, onRecord, problems, sep);
    gather.carry(text.slice(stop.index));
    line = stop.line;
  }
  const text = gather.rest();
  if (text === '') return;
  beforeText(text);
  scanRecords(text, line, false, onRecord, problems, sep);
}

/**
 * Text that arrives in pieces, read by a reader that carries over what it could not finish (a
 * record cut by the end of the text read): the carried part is handed back with the pieces after
 * it only once as much text again has come as is carried. A record of any length is so read a few
 * times over at most, where reading it again with every piece had cost ten to twenty times. The
 * one rule of scanCsvPieces and of the CLI's invoice-line chunks, which hand on texts, not records.
 * @example const g = new CarriedText(); const t = g.add(piece); if (t !== undefined) g.carry(t.slice(readTo))
 */
export class CarriedText {
  private carried = '';
  private readonly waiting: string[] = [];
  private waitingLength = 0;

  /** Adds a piece: the text to read now (what was carried, then every piece since), or undefined while too little has come. */
  add(piece: string): string | undefined {
    this.waiting.push(piece);
    this.waitingLength += piece.length;
    if (this.waitingLength < this.carried.length) return undefined;
    return this.rest();
  }

  /** What the reader could not finish of the text `add` gave: handed back with what comes next. */
  carry(text: string): void {
    this.carried = text;
  }

  /** Everything not yet handed out (what was carried, then every piece since), which the reader now takes whole. */
  rest(): string {
    const text = this.carried + this.waiting.join('');
    this.carried = '';
    this.waiting.length = 0;
    this.waitingLength = 0;
    return text;
  }
}

function separatorOf(delimiter: string): number {
  if (delimiter.length !== 1) throw new RangeError(`a CSV delimiter is one character, not ${JSON.stringify(delimiter)}`);
  return delimiter.charCodeAt(0);
}

/**
 * Reads the records of `src`, the first starting on line `line`. With `more` (more text follows),
 * a record the text's end cuts — inside a field or a quote, after a delimiter, after a CR that
 * may be half of a CRLF — is not read: the result says where it starts (index and line), for the
 * caller to read again with what follows. Without, the text's end ends the last record.
 */
function scanRecords(
  src: string,
  firstLine: number,
  more: boolean,
  onRecord: (fields: string[], line: number) => void,
  problems: CsvSyntaxProblem[],
  sep: number,
): { index: number; line: number } {
  const n = src.length;
  let i = 0;
  let line = firstLine;
  while (i < n) {
    const startLine = line;
    const recordStart = i;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      // Fields are cut out of the text with slice, never built a character at a time: `+=` per
      // character leaves a chain of one-character strings that every later hash or compare
      // of the field has to flatten first.
      if (src.charCodeAt(i) === QUOTE) {
        // Quoted field: runs between doubled quotes are sliced and joined.
        i++;
        let closed = false;
        let from = i;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === QUOTE) {
            field += src.slice(from, i);
            if (src.charCodeAt(i + 1) === QUOTE) {
              field += '"';
              i += 2;
              from = i;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            if (c === LF || (c === CR && src.charCodeAt(i + 1) !== LF)) line++;
            i++;
          }
        }
        if (!closed) {
          if (more) return { index: recordStart, line: startLine };
          field += src.slice(from, i);
          problems.push({ line: startLine, message_ja: '引用符が閉じていません', message_en: 'unterminated quoted field' });
        }
        // Text after the closing quote up to the delimiter is kept (lenient, as Excel does).
        const rest = i;
        i = fieldEnd(src, i, sep);
        if (i > rest) field += src.slice(rest, i);
      } else {
        const from = i;
        i = fieldEnd(src, i, sep);
        // A long field is copied out of the text: a slice of 13 characters or more would be a
        // view into the whole file's text, so that one payer name kept by a result pins all of
        // it in memory and every read of the field reaches into it (the heap after reading the
        // benchmark files: 236 → 186 MB). Shorter slices are copies already.
        field = i - from >= 13 ? (' ' + src.slice(from, i)).slice(1) : src.slice(from, i);
      }
      fields.push(field);
      field = '';
      if (i >= n) {
        if (more) return { index: recordStart, line: startLine };
        endOfRecord = true;
      } else if (src.charCodeAt(i) === sep) {
        i++;
        if (i >= n) {
          if (more) return { index: recordStart, line: startLine };
          fields.push('');
          endOfRecord = true;
        }
      } else {
        // Line end: CRLF, LF or CR.
        if (src.charCodeAt(i) === CR && src.charCodeAt(i + 1) === LF) i += 2;
        else if (more && src.charCodeAt(i) === CR && i + 1 >= n) return { index: recordStart, line: startLine };
        else i++;
        line++;
        endOfRecord = true;
      }
    }
    // Skip blank lines (a record of one empty field).
    if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, startLine);
  }
  return { index: n, line };
}

/**
 * How far `text` holds whole records, read as `parseCsv` reads them: the index just past the line
 * end of the first record (`first`) or of the last one, or -1 when no record ends in `text`. A
 * file read in pieces is cut there, so a piece never ends inside a quoted field — a quote counts
 * only at the start of a field (`27" monitor` is plain text), as in `parseCsv`.
 * @example completeRecordsEnd('a,"x\n y"\nb,c\nd', false) // 13 (after "b,c\n"; "d" may go on)
 */
export function completeRecordsEnd(text: string, first: boolean, delimiter = ','): number {
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let end = -1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    // One field: quoted (to its closing quote) or not, then on to the delimiter or line end.
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        if (i >= n) return end;
        if (text.charCodeAt(i) === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) i += 2;
          else if (i + 1 >= n) return end;
          else {
            i++;
            break;
          }
        } else i++;
      }
    }
    i = fieldEnd(text, i, sep);
    if (i >= n) return end;
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      continue;
    }
    // A CR at the very end may be the first half of a CRLF: the record is not known to be whole.
    if (c === CR && i + 1 >= n) return end;
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    end = i;
    if (first) return end;
  }
  return end;
}
