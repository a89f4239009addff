import { describe, expect, it } from 'vitest';
import { excelFunction } from '../../addin/functions/excel-adapter.js';
import { argumentError } from '../../core/errors.js';
import { functionSpec } from '../../core/sheet-functions/catalog.js';

class HostError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const host = { Error: HostError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } };
const spec = (name: string) => {
  const s = functionSpec(name);
  if (!s) throw new Error(name);
  return s;
};
const thrown = (f: () => unknown): HostError => {
  try {
    f();
  } catch (e) {
    return e as HostError;
  }
  throw new Error('did not throw');
};

describe('Excel adapter', () => {
  it('answers #N/A, saying so, when the core function is missing from the build', () => {
    const e = thrown(() => excelFunction(spec('KANA'), undefined, host)('x', {}));
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe('KANA はまだ使えません（この版には未搭載） / KANA is not available in this version yet');
  });

  it('turns an InputError into #VALUE! with its message, cut to 255 characters', () => {
    const long = 'あ'.repeat(300);
    const e = thrown(() =>
      excelFunction(
        spec('KANA'),
        () => {
          throw argumentError('text', 'x', long, 'too long');
        },
        host,
      )('x', {}),
    );
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toHaveLength(255);
    expect(e.message.startsWith('(input) 列「text」 値「x」: あ')).toBe(true);
  });

  it('turns an unexpected error into #N/A rather than leaving the cell busy', () => {
    const e = thrown(() =>
      excelFunction(
        spec('KANA'),
        () => {
          throw new RangeError('boom');
        },
        host,
      )('x', {}),
    );
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe('boom');
  });

  it('drops the invocation object Excel appends and passes exactly the declared parameters', () => {
    const seen: unknown[][] = [];
    excelFunction(
      spec('RESIDENTTAX'),
      (...args: never[]) => {
        seen.push(args);
        return 1;
      },
      host,
    )(180_300, 6, { address: 'Sheet1!B2' });
    expect(seen).toEqual([[180_300, 6]]);
  });

  it('wraps a single result as a 1×1 matrix where the function is declared to spill, and blanks null cells', () => {
    expect(excelFunction(spec('WITHHOLDING'), () => 250, host)([[175_000]], [[2]], null, null, null, {})).toEqual([[250]]);
    expect(
      excelFunction(
        spec('PAYROLL'),
        () => [
          ['a', null],
          [undefined, 1],
        ],
        host,
      )([[1]], [[1]], 1, {}),
    ).toEqual([
      ['a', ''],
      ['', 1],
    ]);
  });
});
