/**
 * Creates a tenant credential in a deployed stack's bucket and prints it once. Uses the AWS
 * credentials of the shell (profile, SSO, environment), like the CDK CLI.
 *
 *   npx tsx functions/tools/create-credential.ts --bucket BUCKET --tenant acme [--label 経理部]
 *
 * For the local stack of `urakata serve`, whose store answers only requests signed with its own
 * key: --store names the store's folder, whose key file the requests are signed with.
 *
 *   npx tsx functions/tools/create-credential.ts --endpoint http://127.0.0.1:PORT --store .urakata/s3 --bucket urakata-local --tenant acme
 */
import { parseArgs } from 'node:util';
import { createCredential } from '../auth.js';
import { ApiError } from '../errors.js';
import { keptStoreKey } from '../local/store-key.js';
import { LocalS3Store, S3Store, s3Client } from '../store.js';

const { values } = parseArgs({
  options: {
    bucket: { type: 'string' },
    tenant: { type: 'string' },
    label: { type: 'string' },
    endpoint: { type: 'string' },
    store: { type: 'string' },
  },
});
if (!values.bucket || !values.tenant || (values.store !== undefined && !values.endpoint)) {
  process.stderr.write(
    '使い方 / usage: create-credential.ts --bucket BUCKET --tenant TENANT [--label TEXT] [--endpoint URL [--store FOLDER]]\n',
  );
  process.exit(2);
}
let credentials: Awaited<ReturnType<typeof keptStoreKey>> | undefined;
try {
  credentials = values.store === undefined ? undefined : await keptStoreKey(values.store);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
const client = s3Client({
  ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  ...(credentials ? { credentials } : {}),
});
const store = values.endpoint ? new LocalS3Store(client, values.bucket) : new S3Store(client, values.bucket);
try {
  const { token, tenant } = await createCredential(store, values.tenant, values.label ?? '');
  process.stdout.write(
    `テナント ${tenant} の認証情報（この一度だけ表示。安全な場所に保存してください）/ credential for ${tenant} (shown once):\n${token}\n`,
  );
} catch (e) {
  if (e instanceof ApiError) {
    process.stderr.write(`${e.message_ja} / ${e.message_en}\n`);
    process.exit(1);
  }
  throw e;
} finally {
  client.destroy();
}
