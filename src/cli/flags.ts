/** Flag values more than one command takes, checked in one place. */
import { EXIT, UserError } from './io.js';

/** `--memory-limit`: a size DuckDB understands (`512MB`, `4GB`); anything else is a usage error. */
export function checkMemoryLimit(value: string | undefined): void {
  if (value !== undefined && !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) {
    throw new UserError(`--memory-limit takes a size like 512MB or 4GB (got '${value}')`, EXIT.usage);
  }
}
