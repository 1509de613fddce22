/** Runs the CLI in-process through `main()` with a CliIo that captures both streams. */
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}
