declare module 's3rver' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** s3rver is a Koa application: `callback()` is its request handler, without a listener of its own. */
  export default class S3rver {
    constructor(options: S3rverOptions);
    httpServer?: Server;
    readonly store: { deleteSubresource(bucket: string, key: string | undefined, type: 'cors' | 'website'): Promise<void> };
    configureBuckets(): Promise<unknown>;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: unknown) => void): this;
  }
}

declare module 's3rver/lib/models/account.js' {
  /** The key pairs s3rver knows; a V4 request's key id must be one of them (its signature s3rver does not check). */
  export default class AWSAccount {
    static readonly DUMMY_ACCOUNT: AWSAccount;
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
    revokeAccessKey(accessKeyId: string): void;
  }
}
