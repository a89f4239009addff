/** What every CLI command module exports. Exit codes: 0 done, 1 input rejected, 2 usage. */
export interface CommandModule {
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Working directory that relative paths are resolved against. */
  readonly cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
