import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_BUCKET, type LocalStack, startLocalStack } from '../../functions/local/stack.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { LocalS3Store, type ObjectStore, S3Store, s3Client } from '../../functions/store.js';
import { ConditionalWrites } from './stack.js';

let dir: string;
let stack: LocalStack;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-store-'));
  stack = await startLocalStack({ directory: dir });
});
afterAll(async () => {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local store against s3rver', () => {
  it('lists a prefix across several pages, in key order, from a start key', async () => {
    // Two keys a page: five keys need three pages, where a V2 continuation token made s3rver answer 500.
    const store = new LocalS3Store(
      s3Client({ endpoint: stack.endpoint, region: 'us-east-1', credentials: stack.credentials }),
      LOCAL_BUCKET,
      2,
    );
    for (const k of ['e', 'a', 'd', 'c', 'b']) await store.put(`list-test/${k}.txt`, k);
    await store.put('list-testX/outside.txt', 'x');
    const all: string[] = [];
    for await (const k of store.list('list-test/')) all.push(k);
    expect(all).toEqual(['a', 'b', 'c', 'd', 'e'].map((k) => `list-test/${k}.txt`));
    const after: string[] = [];
    for await (const k of store.list('list-test/', 'list-test/b.txt')) after.push(k);
    expect(after).toEqual(['c', 'd', 'e'].map((k) => `list-test/${k}.txt`));
  });

  it('sends a locked record with COMPLIANCE mode, its date and the Content-MD5 S3 requires beside lock parameters', async () => {
    const sent: Record<string, unknown>[] = [];
    const send = async (c: { input: Record<string, unknown> }) => {
      sent.push(c.input);
      return {};
    };
    const client = { send } as unknown as S3Client;
    const retainUntil = new Date(Date.UTC(2037, 0, 1));
    await new S3Store(client, 'b').putIfAbsent('k.pdf', 'abc', { retainUntil });
    // MD5("abc") = 900150983cd24fb0d6963f7d28e17f72 (RFC 1321 test suite), in base64.
    expect(sent[0]).toMatchObject({
      Key: 'k.pdf',
      IfNoneMatch: '*',
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: retainUntil,
      ContentMD5: Buffer.from('900150983cd24fb0d6963f7d28e17f72', 'hex').toString('base64'),
    });
    await new S3Store(client, 'b').put('plain.txt', 'abc');
    expect(sent[1]).not.toHaveProperty('ObjectLockMode');
    expect(sent[1]).not.toHaveProperty('ContentMD5');
  });

  it('writes a locked record to s3rver as any other', async () => {
    const store = new LocalS3Store(
      s3Client({ endpoint: stack.endpoint, region: 'us-east-1', credentials: stack.credentials }),
      LOCAL_BUCKET,
    );
    const body = new TextEncoder().encode('%PDF- 請求書');
    const retainUntil = new Date(Date.UTC(2037, 0, 1));
    expect(await store.putIfAbsent('lock-test/INV-1.pdf', body, { contentType: 'application/pdf', retainUntil })).toBe('created');
    expect(await store.get('lock-test/INV-1.pdf')).toEqual(body);
    expect(await store.putIfAbsent('lock-test/INV-1.pdf', body, { retainUntil })).toBe('exists');
  });

  describe("S3's conditional write (If-None-Match: *)", () => {
    const conditional = (): { writes: ConditionalWrites; store: ObjectStore } => {
      const writes = new ConditionalWrites();
      const client = s3Client({ endpoint: stack.endpoint, region: 'us-east-1', credentials: stack.credentials, maxAttempts: 1 });
      return { writes, store: writes.wrap(new LocalS3Store(client, LOCAL_BUCKET)) };
    };

    it('answers exists only when the key exists (412), and writes nothing over it', async () => {
      const { writes, store } = conditional();
      expect(await store.putIfAbsent('conditional/412.txt', 'first')).toBe('created');
      expect(await store.putIfAbsent('conditional/412.txt', 'second')).toBe('exists');
      expect(writes.statuses('conditional/412.txt')).toEqual([200, 412]);
      expect(new TextDecoder().decode(await store.get('conditional/412.txt'))).toBe('first');
    });

    it('takes a 409 (another conditional write in progress) for no answer and tries again: the key is written', async () => {
      const { writes, store } = conditional();
      writes.plan('conditional/409.txt', 409, 409);
      expect(await store.putIfAbsent('conditional/409.txt', 'mine')).toBe('created');
      expect(writes.statuses('conditional/409.txt')).toEqual([409, 409, 200]);
      expect(new TextDecoder().decode(await store.get('conditional/409.txt'))).toBe('mine');
    });

    it('fails (so the message is delivered again) when the key still meets 409 after its retries, never answering exists', async () => {
      const { writes, store } = conditional();
      writes.plan('conditional/busy.txt', ...Array.from({ length: 20 }, () => 409));
      const failure = await store.putIfAbsent('conditional/busy.txt', 'mine').then(
        (r) => r,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toContain('conditional write');
      // S3's own answer, as the SDK read it, is kept as the cause.
      expect((failure as Error).cause).toMatchObject({ name: 'ConditionalRequestConflict', $metadata: { httpStatusCode: 409 } });
      expect(writes.statuses('conditional/busy.txt').length).toBeGreaterThan(1);
      expect(await store.head('conditional/busy.txt')).toBeUndefined();
    });
  });
});
