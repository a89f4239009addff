import { describe, expect, it } from 'vitest';
import { ERRORS_CSV_COLUMNS, errorsCsv, errorsCsvRows, parseCsv } from '../../../core/csv/index.js';
import { errorsRowLine, readErrorsCsv } from '../../../core/csv/errors-csv.js';
import { explainError, formatProblem, InputError, problem, problemLine, problemMessage } from '../../../core/errors.js';

describe('errors.csv', () => {
  it('is the header alone, after a BOM, when there is no problem', () => {
    expect(errorsCsv([])).toBe('\ufefffile,row,column,value,message\r\n');
    expect(ERRORS_CSV_COLUMNS).toEqual(['file', 'row', 'column', 'value', 'message']);
  });

  it('gives each problem its file, row, column, value and message (ja / en), a warning tagged by core', () => {
    const text = errorsCsv([
      problem('lines.csv', 4, 'tax_rate', '12', '税率が不正です', 'bad tax rate'),
      problem('lines.csv', 1, 'withholdng', '', '使われない列です', 'column not used', 'warning'),
      problem('bank.csv', 0, '', '2048', 'ファイルが大きすぎます', 'file too large'),
    ]);
    const { records } = parseCsv(text.replace(/^\ufeff/, ''));
    expect(records.map((r) => r.fields)).toEqual([
      ['file', 'row', 'column', 'value', 'message'],
      ['lines.csv', '4', 'tax_rate', '12', '税率が不正です / bad tax rate'],
      ['lines.csv', '1', 'withholdng', '', '警告 warning: 使われない列です / column not used'],
      ['bank.csv', '0', '', '2048', 'ファイルが大きすぎます / file too large'],
    ]);
  });

  it('reads back as written, and a pane lists a row read back as it lists the problem itself', () => {
    const ps = [
      problem('請求明細.csv', 3, '数量', 'x, "y"', '数量は数値で入力してください', 'quantity must be a number'),
      problem('lines.csv', 1, 'withholdng', '', '使われない列です', 'column not used', 'warning'),
      problem('bank.csv', 0, '', '', 'ファイルが大きすぎます', 'file too large'),
    ];
    const rows = readErrorsCsv(errorsCsv(ps));
    expect(rows[0]).toEqual({
      file: '請求明細.csv',
      row: '3',
      column: '数量',
      value: 'x, "y"',
      message: '数量は数値で入力してください / quantity must be a number',
    });
    expect(rows.map(errorsRowLine)).toEqual(ps.map(problemLine));
    expect(rows.map(errorsRowLine)[1]).toBe(
      'lines.csv 1行目 / row 1 列「withholdng」/ column withholdng: 警告 warning: 使われない列です / column not used',
    );
    // An older errors.csv without the file column, and an empty body.
    expect(readErrorsCsv('row,column,value,message\n3,a,b,c\n')).toEqual([{ file: '', row: '3', column: 'a', value: 'b', message: 'c' }]);
    expect(readErrorsCsv('')).toEqual([]);
  });

  it('writes rows one at a time as the whole file writes them, for a file written as its problems come', () => {
    const ps = [problem('a.csv', 2, 'x', '1', 'あ', 'a'), problem('a.csv', 3, 'y', '2', 'い', 'b', 'warning')];
    expect(errorsCsv([]) + ps.map((p) => errorsCsvRows([p])).join('')).toBe(errorsCsv(ps));
  });

  it('quotes a value holding a comma and keeps a value that looks like a formula from running', () => {
    const rows = errorsCsvRows([problem('lines.csv', 4, 'unit_price', '=1+2', '金額は整数の円で（例: 12,345）', 'whole yen')]);
    expect(rows).toBe(`lines.csv,4,unit_price,'=1+2,"金額は整数の円で（例: 12,345） / whole yen"\r\n`);
  });

  it('says the message as the command line does', () => {
    const p = problem('lines.csv', 2, 'invoice_no', 'A-1', '確認してください', 'check it', 'warning');
    expect(problemMessage(p)).toBe('警告 warning: 確認してください / check it');
    expect(formatProblem(p)).toBe('lines.csv 2行目 列「invoice_no」 値「A-1」: 警告 warning: 確認してください / check it');
  });

  it('explainError turns an InputError into one message listing every problem, and leaves other errors alone', () => {
    const ps = [problem('社員', 3, '生年月日', 'x', '日付ではありません', 'not a date'), problem('勤怠', 2, '', '', 'あ', 'a')];
    const explained = explainError(new InputError(ps));
    expect(explained).toBeInstanceOf(Error);
    expect((explained as Error).message).toBe(ps.map(problemLine).join('\n'));
    const other = new TypeError('boom');
    expect(explainError(other)).toBe(other);
  });
});
