import { UserError, type CliIo } from '../io.js';

export async function schemaImportCommand(_arg: unknown, _opts: unknown, _io: CliIo): Promise<number> {
  throw new UserError('`stages schema import` is not available yet.');
}
