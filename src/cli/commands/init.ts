import { UserError, type CliIo } from '../io.js';

export async function initCommand(_arg: unknown, _opts: unknown, _io: CliIo): Promise<number> {
  throw new UserError('`stages init` is not available yet.');
}
