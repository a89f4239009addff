/**
 * What a client of the HTTP API (the Excel task pane, the Sheets add-on) tells its user when a
 * call cannot go on: one error, its Japanese and English, the same words in both hosts.
 */

/**
 * A call to the API that cannot go on (no settings, a refused key, an answer that is not what the
 * API sends, an upload or download that failed). Its message is "日本語 / English"; detail lines
 * (the problems the API listed) follow on their own lines.
 * @example new ApiClientError('APIキーが拒否されました (401)', 'the API rejected the key').message // 'APIキーが拒否されました (401) / the API rejected the key'
 */
export class ApiClientError extends Error {
  constructor(
    readonly message_ja: string,
    readonly message_en: string,
    readonly details: readonly string[] = [],
  ) {
    super([`${message_ja} / ${message_en}`, ...details].join('\n'));
    this.name = 'ApiClientError';
  }
}
