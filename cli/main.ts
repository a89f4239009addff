/** `urakata` command line: dispatches to one command module. */
import { EXIT_USAGE, type CliIo } from './command.js';
import { COMMANDS, type CommandEntry } from './commands.js';

export function helpText(commands: readonly CommandEntry[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = [
    'urakata — 裏方: 給与計算・入金消込・適格請求書 / Japanese back-office automation',
    '',
    '使い方 / Usage: urakata <command> [options]',
    '',
    'コマンド / Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.ja} / ${c.en}${c.load ? '' : '  (未実装 / not built yet)'}`),
    '',
    ...commands.map((c) => `  ${c.usage}`),
    '',
    '入力はCSV（UTF-8/BOM付き/Shift_JIS自動判別）。終了コード: 0 完了, 1 入力エラー, 2 使い方の誤り。',
    'Input is CSV (UTF-8, BOM or Shift_JIS, detected). Exit codes: 0 done, 1 input rejected, 2 usage.',
    '`urakata <command> --help` で各コマンドの説明 / for one command.',
  ];
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[], io: CliIo, commands: readonly CommandEntry[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(commands));
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`不明なコマンドです / unknown command: ${name}\n\n${helpText(commands)}`);
    return EXIT_USAGE;
  }
  if (!command.load) {
    io.err(`「${command.name}」はまだ実装されていません / '${command.name}' is not built yet.\n使い方 / usage: ${command.usage}\n`);
    return EXIT_USAGE;
  }
  const module = await command.load();
  return module.run(rest, io);
}
