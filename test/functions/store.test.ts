import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_BUCKET, type LocalStack, startLocalStack } from '../../functions/local/stack.js';
import { LocalS3Store, s3Client } from '../../functions/store.js';

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
    const store = new LocalS3Store(s3Client({ endpoint: stack.endpoint, region: 'us-east-1' }), LOCAL_BUCKET, 2);
    for (const k of ['e', 'a', 'd', 'c', 'b']) await store.put(`list-test/${k}.txt`, k);
    await store.put('list-testX/outside.txt', 'x');
    const all: string[] = [];
    for await (const k of store.list('list-test/')) all.push(k);
    expect(all).toEqual(['a', 'b', 'c', 'd', 'e'].map((k) => `list-test/${k}.txt`));
    const after: string[] = [];
    for await (const k of store.list('list-test/', 'list-test/b.txt')) after.push(k);
    expect(after).toEqual(['c', 'd', 'e'].map((k) => `list-test/${k}.txt`));
  });
});
