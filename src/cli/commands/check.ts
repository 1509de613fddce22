import { UserError, type CliIo } from '../io.js';

export async function checkCommand(_arg: unknown, _opts: unknown, _io: CliIo): Promise<number> {
  throw new UserError('`stages check` is not available yet.');
}
