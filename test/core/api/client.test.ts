/**
 * core/api/client.ts: what a client sends and how it reads each answer, against the answers the
 * server's own functions give (functions/errors.ts, the create handlers over a store in memory).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  apiAnswer,
  apiRequest,
  checkConnection,
  checkDownload,
  checkUpload,
  createdBatch,
  createdJob,
  invoiceBatchBody,
  UPLOAD_CONTENT_TYPE,
  utf8Length,
} from '../../../core/api/client.js';
import { ApiClientError } from '../../../core/api/errors.js';
import { problem } from '../../../core/errors.js';
import { ApiError, FORBIDDEN, type ApiResponse, toResponse, tooManyRequests, UNAUTHORIZED } from '../../../functions/errors.js';
import { handlerFonts } from '../../../functions/fonts.js';
import { createInvoiceBatch } from '../../../functions/invoice/batch.js';
import { runJobs } from '../../../functions/jobs/runs.js';
import { logger } from '../../../functions/log.js';
import { CreateInvoiceBatchBody } from '../../../functions/schemas.js';
import { MemoryStore } from '../../helpers/memory-store.js';

logger.setLogLevel('SILENT');

const CONNECTION = { endpoint: 'https://api.example.co.jp', key: 'tenant-key' };
const ISSUER = JSON.parse(readFileSync('examples/invoices/issuer.json', 'utf8')) as Record<string, unknown>;
const read = (r: ApiResponse) => () => apiAnswer(r.status, r.body);

describe('apiRequest', () => {
  it('carries the tenant key, and JSON only with a body', () => {
    expect(apiRequest(CONNECTION, 'GET', '/v1/invoices')).toEqual({
      url: 'https://api.example.co.jp/v1/invoices',
      method: 'GET',
      headers: { Authorization: 'Bearer tenant-key' },
    });
    expect(apiRequest(CONNECTION, 'POST', '/v1/invoice-batches', { size: 3 })).toEqual({
      url: 'https://api.example.co.jp/v1/invoice-batches',
      method: 'POST',
      headers: { Authorization: 'Bearer tenant-key' },
      contentType: 'application/json',
      body: '{"size":3}',
    });
  });

  it('asks for the settings before anything is sent when the endpoint or the key is missing', () => {
    const message = '「設定」でAPIのURLとキーを登録してください / set the API endpoint and key under 設定 (Settings) first';
    expect(() => apiRequest({ endpoint: '', key: 'k' }, 'GET', '/v1/invoices')).toThrow(message);
    expect(() => apiRequest({ endpoint: CONNECTION.endpoint, key: '' }, 'GET', '/v1/invoices')).toThrow(message);
    expect(() => checkConnection({ endpoint: '', key: '' })).toThrow(message);
    expect(() => checkConnection(CONNECTION)).not.toThrow();
  });
});

describe('apiAnswer', () => {
  it('gives the JSON object of a good answer', () => {
    expect(apiAnswer(201, '{"batchId":"b","uploadUrl":"u"}')).toEqual({ batchId: 'b', uploadUrl: 'u' });
  });

  it('says a refused key and nothing of what the server answered', () => {
    expect(read(UNAUTHORIZED)).toThrow(new ApiClientError('APIキーが拒否されました (401)', 'the API rejected the key'));
    expect(read(FORBIDDEN)).toThrow('APIキーが拒否されました (403) / the API rejected the key');
    expect(() => apiAnswer(401, 'secret detail')).not.toThrow(/secret/);
  });

  it('gives a refusal in the API’s own words, with the problems it lists', () => {
    const refused = toResponse(
      new ApiError(400, 'invalid_issuer', '発行者の設定に誤りがあります', 'invalid issuer', [
        problem('issuer', 0, 'registration_number', 'T1234', '登録番号の形式が正しくありません', 'bad registration number'),
      ]),
    );
    expect(read(refused)).toThrow(
      'APIエラー 400: 発行者の設定に誤りがあります / API error 400: invalid issuer\n' +
        'issuer 列「registration_number」/ column registration_number 値「T1234」: 登録番号の形式が正しくありません / bad registration number',
    );
    expect(read(tooManyRequests(1))).toThrow(
      'APIエラー 429: リクエストが多すぎます。しばらく待ってから再試行してください / API error 429: too many requests; retry later',
    );
  });

  it('gives an answer that is not the API’s JSON with its first characters', () => {
    expect(() => apiAnswer(502, '<html>Bad Gateway</html>')).toThrow('APIエラー 502 / API error 502: <html>Bad Gateway</html>');
    expect(() => apiAnswer(200, '<html>login</html>')).toThrow(
      'APIの応答がJSONではありません / the API answered with non-JSON: <html>login</html>',
    );
    expect(() => apiAnswer(200, '[1,2]')).toThrow(/non-JSON/);
    expect(() => apiAnswer(200, 'x'.repeat(500))).toThrow(`non-JSON: ${'x'.repeat(100)}`);
  });
});

describe('the answers to a create', () => {
  it('reads the batch id and upload URL createInvoiceBatch answers', async () => {
    const store = new MemoryStore();
    const deps = { store, queue: { send: async () => {} }, fonts: handlerFonts };
    const answer = JSON.parse(
      JSON.stringify(await createInvoiceBatch(deps, 'tenant-a', invoiceBatchBody('invoice_no\n', ISSUER))),
    ) as Record<string, unknown>;
    const created = createdBatch(answer);
    expect(created.batchId).toBe(answer.batchId);
    expect(created.uploadUrl).toBe(`memory:///incoming/tenant-a/invoice-batches/${created.batchId}/lines.csv`);
    expect(() => createdBatch({ batchId: created.batchId })).toThrow(
      'APIの応答に batchId / uploadUrl がありません / the API answer lacks batchId or uploadUrl',
    );
  });

  it('reads the job id and each upload URL a run answers', async () => {
    const store = new MemoryStore();
    const answer = JSON.parse(
      JSON.stringify(await runJobs(store).create('reconcile-jobs', 'tenant-a', { files: { bank: 10, open_items: 20 } })),
    ) as Record<string, unknown>;
    const created = createdJob(answer, ['bank', 'open_items']);
    expect(created).toEqual({
      jobId: answer.jobId,
      uploadUrls: {
        bank: `memory:///incoming/tenant-a/reconcile-jobs/${answer.jobId}/bank.csv`,
        open_items: `memory:///incoming/tenant-a/reconcile-jobs/${answer.jobId}/open-items.csv`,
      },
    });
    expect(() => createdJob(answer, ['bank', 'totals'])).toThrow(
      'APIの応答に jobId / uploadUrls がありません / the API answer lacks jobId or uploadUrls',
    );
  });
});

describe('uploads and downloads', () => {
  it('takes a 2xx only', () => {
    expect(() => checkUpload(200)).not.toThrow();
    expect(() => checkUpload(403)).toThrow('アップロードに失敗しました (403) / upload failed');
    expect(() => checkUpload(304)).toThrow(/\(304\)/);
    expect(() => checkDownload(204)).not.toThrow();
    expect(() => checkDownload(404)).toThrow('結果をダウンロードできません (404) / cannot download the result');
    expect(UPLOAD_CONTENT_TYPE).toBe('text/csv; charset=utf-8');
  });
});

describe('the invoice batch body', () => {
  it('signs the UTF-8 byte length of the CSV, as Node counts it, and asks for no XML', () => {
    for (const text of ['', 'abc', 'りんご', 'é€𠮷😀\r\n', '\ud800 lone', 'invoice_no,品目\nA-1,"27"" monitor"\n']) {
      expect(utf8Length(text), text).toBe(Buffer.byteLength(text, 'utf8'));
    }
    const body = invoiceBatchBody('invoice_no,品目\nA-1,りんご\n', { name: '裏方商事' });
    expect(body).toEqual({ size: 32, issuer: { name: '裏方商事' }, pint: false });
    expect(CreateInvoiceBatchBody.parse(body)).toEqual(body);
  });
});
