/**
 * The sidebar's server functions in Code.js: settings kept in user properties, the invoice batch
 * round-trip through UrlFetchApp, and picking the user's selection.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Built, buildAppsScript, execution, type FetchCall, newWorld, type World } from './harness.js';

let built: Built;
beforeAll(async () => {
  built = await buildAppsScript();
});

const API = 'https://api.urakata.example';

function withApi(world: World): void {
  execution(built, world).call('uraSaveSettings', { endpoint: `${API}/`, key: 'tenant-secret-1234' });
}

describe('設定 (settings)', () => {
  it('keeps the endpoint and key in the user properties and shows only the key hint', () => {
    const world = newWorld();
    const view = execution(built, world).call('uraSaveSettings', { endpoint: `${API}/`, key: 'tenant-secret-1234' });
    expect(view).toEqual({ endpoint: API, hasKey: true, keyHint: '…1234' });
    expect(JSON.stringify(view)).not.toContain('tenant-secret');
    expect(world.userProperties.store.get('urakata.api.key')).toBe('tenant-secret-1234');
    expect(world.documentProperties.store.size).toBe(0);
    expect(world.book.sheets).toEqual([]);
  });

  it('keeps the stored key when the key field is left blank', () => {
    const world = newWorld();
    withApi(world);
    const view = execution(built, world).call('uraSaveSettings', { endpoint: 'https://other.example', key: '' });
    expect(view).toEqual({ endpoint: 'https://other.example', hasKey: true, keyHint: '…1234' });
  });

  it('refuses an endpoint that is not https', () => {
    const world = newWorld();
    expect(() => execution(built, world).call('uraSaveSettings', { endpoint: 'http://api.example', key: 'k' })).toThrow(/https:\/\//);
    expect(world.userProperties.store.size).toBe(0);
  });

  it('forgets the key on request', () => {
    const world = newWorld();
    withApi(world);
    expect(execution(built, world).call('uraClearApiKey')).toEqual({ endpoint: API, hasKey: false, keyHint: '' });
  });
});

describe('選択範囲 (picking a range)', () => {
  it('gives the selection as sheet-qualified A1 notation, quoting a Japanese sheet name', () => {
    const world = newWorld();
    world.book.addSheet('入金明細', [['日付'], ['2026-05-01']]);
    world.book.select('入金明細', 'A1:F200');
    expect(execution(built, world).call('uraActiveRange')).toEqual({ a1: "'入金明細'!A1:F200", rows: 200, columns: 6 });
  });
});

const LINES = [
  ['invoice_no', 'issue_date', 'customer_code', 'description', 'amount'],
  ['INV-001', '2026-05-31', 'C001', '保守料', 100000],
  ['INV-002', '2026-05-31', 'C002', '=1+1', 'abc'],
  ['INV-003', '2026-05-31', 'C003', '部品, 送料込', 8800],
];

/** A stand-in for the Urakata API and S3 (DESIGN §3.3): one batch, done on the second poll. */
function fakeApi(world: World) {
  const state = { uploaded: '', polls: 0 };
  world.fetch = (call: FetchCall) => {
    if (call.method === 'post' && call.url === `${API}/v1/invoice-batches`) {
      return { code: 201, body: JSON.stringify({ batchId: 'b-42', uploadUrl: 'https://s3.example/incoming/b-42?X-Amz-Signature=x' }) };
    }
    if (call.method === 'put' && call.url.startsWith('https://s3.example/incoming/b-42')) {
      state.uploaded = call.payload;
      return { code: 200, body: '' };
    }
    if (call.method === 'get' && call.url === `${API}/v1/invoice-batches/b-42`) {
      state.polls++;
      const done = state.polls >= 2;
      return {
        code: 200,
        body: JSON.stringify({
          batchId: 'b-42',
          status: done ? 'done' : 'running',
          counts: done ? { issued: 2, rejected: 1 } : { issued: 1 },
          ...(done ? { zipUrl: 'https://s3.example/b-42/invoices.zip?sig', errorsUrl: 'https://s3.example/b-42/errors.csv?sig' } : {}),
        }),
      };
    }
    if (call.url === 'https://s3.example/b-42/errors.csv?sig') {
      return { code: 200, body: '\uFEFFrow,column,value,message\r\n3,amount,abc,金額が数値ではありません / amount is not a number\r\n' };
    }
    return { code: 404, body: 'not found' };
  };
  return state;
}

describe('請求書 (invoice batch through the API)', () => {
  it('sends the selected rows under the sheet header, then polls until the batch is done', () => {
    const world = newWorld();
    withApi(world);
    world.book.addSheet('請求明細', LINES);
    const api = fakeApi(world);

    const created = execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4");
    expect(created).toEqual({ batchId: 'b-42', rows: 3 });
    // Sent as the user typed it: formula neutralising is for files people open, not for the API.
    expect(api.uploaded).toBe(
      'invoice_no,issue_date,customer_code,description,amount\nINV-001,2026-05-31,C001,保守料,100000\nINV-002,2026-05-31,C002,=1+1,abc\nINV-003,2026-05-31,C003,"部品, 送料込",8800',
    );

    const first = execution(built, world).call('uraInvoiceBatchStatus', 'b-42') as { done: boolean; status: string };
    expect(first).toMatchObject({ done: false, status: 'running' });
    const last = execution(built, world).call('uraInvoiceBatchStatus', 'b-42');
    expect(last).toEqual({
      batchId: 'b-42',
      status: 'done',
      done: true,
      counts: { issued: 2, rejected: 1 },
      zipUrl: 'https://s3.example/b-42/invoices.zip?sig',
      errorsUrl: 'https://s3.example/b-42/errors.csv?sig',
      rejected: [{ row: '3', column: 'amount', value: 'abc', message: '金額が数値ではありません / amount is not a number' }],
    });
  });

  it('sends the tenant key to the API only, never to the presigned storage URLs', () => {
    const world = newWorld();
    withApi(world);
    world.book.addSheet('請求明細', LINES);
    fakeApi(world);
    execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A1:E4");
    execution(built, world).call('uraInvoiceBatchStatus', 'b-42');
    execution(built, world).call('uraInvoiceBatchStatus', 'b-42');
    for (const call of world.fetches) {
      const toApi = call.url.startsWith(API);
      expect(call.headers.Authorization, call.url).toBe(toApi ? 'Bearer tenant-secret-1234' : undefined);
    }
    expect(world.fetches.map((c) => `${c.method} ${c.url.replace(/\?.*/, '')}`)).toEqual([
      `post ${API}/v1/invoice-batches`,
      'put https://s3.example/incoming/b-42',
      `get ${API}/v1/invoice-batches/b-42`,
      `get ${API}/v1/invoice-batches/b-42`,
      'get https://s3.example/b-42/errors.csv',
    ]);
  });

  it('does not send the header twice when the selection starts on row 1', () => {
    const world = newWorld();
    withApi(world);
    world.book.addSheet('請求明細', LINES);
    const api = fakeApi(world);
    expect(execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A1:E4")).toEqual({ batchId: 'b-42', rows: 3 });
    expect(api.uploaded.split('\n')).toHaveLength(4);
  });

  it('asks for the settings before calling anything when no key is stored', () => {
    const world = newWorld();
    world.book.addSheet('請求明細', LINES);
    expect(() => execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4")).toThrow(/「設定」でAPIのURLとキーを登録/);
    expect(world.fetches).toEqual([]);
  });

  it('reports a rejected key without showing the server answer', () => {
    const world = newWorld();
    withApi(world);
    world.book.addSheet('請求明細', LINES);
    world.fetch = () => ({ code: 401, body: 'secret detail' });
    expect(() => execution(built, world).call('uraInvoiceBatchSend', "'請求明細'!A2:E4")).toThrow(/APIキーが拒否されました \(401\)/);
  });

  it('refuses a batch id that could change the API path', () => {
    const world = newWorld();
    withApi(world);
    expect(() => execution(built, world).call('uraInvoiceBatchStatus', '../tenants')).toThrow(/バッチIDが正しくありません/);
    expect(world.fetches).toEqual([]);
  });
});
