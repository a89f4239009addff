/**
 * Creates a tenant credential in a deployed stack's bucket and prints it once. Uses the AWS
 * credentials of the shell (profile, SSO, environment), like the CDK CLI.
 *
 *   npx tsx functions/tools/create-credential.ts --bucket BUCKET --tenant acme [--label 経理部]
 *   npx tsx functions/tools/create-credential.ts --endpoint http://127.0.0.1:PORT --bucket urakata-local --tenant acme
 */
import { parseArgs } from 'node:util';
import { createCredential } from '../auth.js';
import { ApiError } from '../errors.js';
import { LocalS3Store, S3Store, s3Client } from '../store.js';

const { values } = parseArgs({
  options: { bucket: { type: 'string' }, tenant: { type: 'string' }, label: { type: 'string' }, endpoint: { type: 'string' } },
});
if (!values.bucket || !values.tenant) {
  process.stderr.write('使い方 / usage: create-credential.ts --bucket BUCKET --tenant TENANT [--label TEXT] [--endpoint URL]\n');
  process.exit(2);
}
const client = s3Client(values.endpoint ? { endpoint: values.endpoint } : {});
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
