/**
 * Tenant credentials. A credential is 32 random bytes shown once; only its SHA-256 is stored
 * (`system/credentials/{sha256}.json` → tenant). A fast hash is enough here because the secret
 * has 256 bits of entropy — there is nothing to guess — and it keeps the authorizer at one GET.
 * Passwords chosen by people would need scrypt; these are never chosen by people.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.js';
import { CREDENTIALS, isTenantId } from './keys.js';
import { type ObjectStore, sha256Hex } from './store.js';

const PREFIX = 'urk_';
const TOKEN = /^urk_[A-Za-z0-9_-]{43}$/;

interface StoredCredential {
  readonly tenant: string;
  readonly hash: string;
  readonly label: string;
  readonly created_at: string;
}

/**
 * Creates a credential for `tenant` and returns the secret — the only time it exists in clear.
 * @example const { token } = await createCredential(store, 'acme', '経理部') // token: 'urk_…'
 */
export async function createCredential(store: ObjectStore, tenant: string, label = ''): Promise<{ token: string; tenant: string }> {
  if (!isTenantId(tenant)) {
    throw new ApiError(
      400,
      'invalid_tenant',
      'テナントIDは英小文字・数字・ハイフン（2〜40文字）です',
      'tenant id: 2–40 lower-case letters, digits or hyphens',
    );
  }
  const token = PREFIX + randomBytes(32).toString('base64url');
  const hash = sha256Hex(token);
  const record: StoredCredential = { tenant, hash, label, created_at: new Date().toISOString() };
  await store.putIfAbsent(`${CREDENTIALS}${hash}.json`, JSON.stringify(record), { contentType: 'application/json' });
  return { token, tenant };
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  return m?.[1];
}

/**
 * The tenant a token belongs to, or undefined. Malformed tokens are refused before any lookup.
 * @example await tenantOf(store, 'urk_…') // 'acme'
 */
export async function tenantOf(store: ObjectStore, token: string): Promise<string | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const hash = sha256Hex(token);
  const bytes = await store.get(`${CREDENTIALS}${hash}.json`);
  if (!bytes) return undefined;
  const record = JSON.parse(new TextDecoder().decode(bytes)) as StoredCredential;
  // The key already matched; comparing the stored hash too guards against a record copied to the wrong key.
  const same = record.hash.length === hash.length && timingSafeEqual(Buffer.from(record.hash), Buffer.from(hash));
  return same && isTenantId(record.tenant) ? record.tenant : undefined;
}

export type AuthResult = { readonly ok: true; readonly tenant: string } | { readonly ok: false; readonly status: 401 | 403 };

/**
 * The authorizer's decision for an Authorization header: 401 without one, 403 for an unknown one.
 * @example await authorize(store, 'Bearer urk_…') // { ok: true, tenant: 'acme' }
 */
export async function authorize(store: ObjectStore, header: string | undefined): Promise<AuthResult> {
  const token = bearerToken(header);
  if (!token) return { ok: false, status: 401 };
  const tenant = await tenantOf(store, token);
  return tenant ? { ok: true, tenant } : { ok: false, status: 403 };
}
