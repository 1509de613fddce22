/** Flag values more than one command takes, checked in one place. */
import { parseTimezone } from '../data/values.js';
import { EXIT, UserError } from './io.js';

/** `--timezone`: `UTC` or a fixed offset (`+02:00`) → minutes east of UTC; anything else is a usage error. */
export function timezoneMinutes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const minutes = parseTimezone(value);
  if (minutes === null) {
    throw new UserError(`--timezone takes UTC or a fixed offset like +02:00 or -05:30 (got '${value}'; named zones change offset over the year)`, EXIT.usage);
  }
  return minutes;
}

/** `--memory-limit`: a size DuckDB understands (`512MB`, `4GB`); anything else is a usage error. */
export function checkMemoryLimit(value: string | undefined): void {
  if (value !== undefined && !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) {
    throw new UserError(`--memory-limit takes a size like 512MB or 4GB (got '${value}')`, EXIT.usage);
  }
}
