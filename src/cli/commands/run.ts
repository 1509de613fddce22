import { UserError, type CliIo } from '../io.js';

export interface RunOptions {
  data: string;
  engine: 'duckdb' | 'ts' | 'postgres';
  out?: string;
  schema?: string;
  url?: string;
  keep?: boolean;
  db?: string;
  quiet?: boolean;
}

export async function runCommand(_file: string, _opts: RunOptions, _io: CliIo): Promise<number> {
  throw new UserError('`stages run` needs the SQL target, which is not built yet (issue 3); use `stages check` meanwhile.');
}
