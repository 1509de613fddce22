import { UserError, type CliIo } from '../io.js';

export async function compileCommand(_arg: unknown, _opts: unknown, _io: CliIo): Promise<number> {
  throw new UserError('`stages compile` is not available yet.');
}
