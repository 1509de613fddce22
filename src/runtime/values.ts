/**
 * Value normalisation shared by validation and output: instants and dates (SPEC §3).
 *
 * Instants are held as epoch milliseconds (numbers) inside the evaluator: compact, and
 * ordered exactly like the canonical strings `YYYY-MM-DDTHH:MM:SS.mmmZ` because only years
 * 0001–9999 are accepted. Records handed to compiled predicates carry the canonical strings,
 * which compare correctly with `<` (fixed-width ASCII).
 */

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** First and last millisecond of the supported range (0001-01-01 … 9999-12-31). */
export const MIN_INSTANT = daysFromCivil(1, 1, 1) * MS_PER_DAY;
export const MAX_INSTANT = daysFromCivil(10_000, 1, 1) * MS_PER_DAY - 1;

function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days since epoch of `YYYY-MM-DD` starting at `at`, or NaN when not a real calendar date. */
function parseDateAt(s: string, at: number): number {
  if (s.charCodeAt(at + 4) !== 45 /* - */ || s.charCodeAt(at + 7) !== 45) return NaN;
  const year = digits(s, at, 4);
  const month = digits(s, at + 5, 2);
  const day = digits(s, at + 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

/** The calendar day of the last instant parsed (streams in time order repeat it). */
let lastDayKey = -1;
let lastDayMs = NaN;

/**
 * Epoch ms of the canonical instant `YYYY-MM-DDTHH:MM:SS.mmmZ`, or NaN when `s` is not
 * exactly in that form. The hot path of every upsert: straight-line digit arithmetic, and the
 * calendar day of the last call is remembered (streams in time order stay on one day for long).
 */
export function parseCanonicalInstant(s: string): number {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 /* - */ ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(13) !== 58 /* : */ ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 /* . */ ||
    s.charCodeAt(23) !== 90 /* Z */
  ) {
    return NaN;
  }
  const y0 = s.charCodeAt(0) - 48, y1 = s.charCodeAt(1) - 48, y2 = s.charCodeAt(2) - 48, y3 = s.charCodeAt(3) - 48;
  const mo0 = s.charCodeAt(5) - 48, mo1 = s.charCodeAt(6) - 48, d0 = s.charCodeAt(8) - 48, d1 = s.charCodeAt(9) - 48;
  const h0 = s.charCodeAt(11) - 48, h1 = s.charCodeAt(12) - 48, mi0 = s.charCodeAt(14) - 48, mi1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48, s1 = s.charCodeAt(18) - 48;
  const ms0 = s.charCodeAt(20) - 48, ms1 = s.charCodeAt(21) - 48, ms2 = s.charCodeAt(22) - 48;
  // Every unit is a digit iff each value is within 0..9 (unsigned compare catches negatives).
  if (
    (y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (mo0 >>> 0) > 9 || (mo1 >>> 0) > 9 ||
    (d0 >>> 0) > 9 || (d1 >>> 0) > 9 || (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (mi0 >>> 0) > 9 || (mi1 >>> 0) > 9 ||
    (s0 >>> 0) > 9 || (s1 >>> 0) > 9 || (ms0 >>> 0) > 9 || (ms1 >>> 0) > 9 || (ms2 >>> 0) > 9
  ) {
    return NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const h = h0 * 10 + h1;
  const m = mi0 * 10 + mi1;
  const sec = s0 * 10 + s1;
  if (h > 23 || m > 59 || sec > 59) return NaN;
  const dayKey = year * 10_000 + month * 100 + day;
  if (dayKey !== lastDayKey) {
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
    lastDayKey = dayKey;
    lastDayMs = daysFromCivil(year, month, day) * MS_PER_DAY;
  }
  return lastDayMs + h * 3_600_000 + m * 60_000 + sec * 1000 + ms0 * 100 + ms1 * 10 + ms2;
}

const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z|z)|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * Epoch ms of an ISO-8601 instant with a zone (`Z` or an offset, converted to UTC); fractions
 * finer than a millisecond are truncated. NaN when unparseable, zone-less (ambiguous), not a
 * real calendar time, or outside years 0001–9999.
 */
export function parseInstant(s: string): number {
  const fast = parseCanonicalInstant(s);
  if (!Number.isNaN(fast)) return fast;
  const m = ISO_INSTANT.exec(s);
  if (m === null) return NaN;
  const days = parseDateAt(m[1], 0);
  const h = Number(m[2]);
  const min = Number(m[3]);
  const sec = m[4] === undefined ? 0 : Number(m[4]);
  const ms = m[5] === undefined ? 0 : Number(m[5].slice(0, 3).padEnd(3, '0'));
  if (Number.isNaN(days) || h > 23 || min > 59 || sec > 59) return NaN;
  let offset = 0;
  if (m[7] !== undefined) {
    const oh = Number(m[8]);
    const om = m[9] === undefined ? 0 : Number(m[9]);
    if (oh > 23 || om > 59) return NaN;
    offset = (m[7] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const t = days * MS_PER_DAY + h * 3_600_000 + min * 60_000 + sec * 1000 + ms - offset;
  return t < MIN_INSTANT || t > MAX_INSTANT ? NaN : t;
}

/** Epoch ms of a `Date`, or NaN when invalid or out of range (already millisecond precision). */
export function instantOfDate(d: Date): number {
  const t = d.getTime();
  return t >= MIN_INSTANT && t <= MAX_INSTANT ? t : NaN;
}

let lastDate = '';
let lastDateMs = NaN;

/**
 * Epoch ms (UTC midnight) of a strict `YYYY-MM-DD` date, or NaN. The last result is remembered:
 * validation and the stage-6 date sync read the same `CloseDate` of a version one after the other.
 */
export function parseDate(s: string): number {
  if (s === lastDate) return lastDateMs;
  if (s.length !== 10) return NaN;
  const ms = parseDateAt(s, 0) * MS_PER_DAY;
  lastDate = s;
  lastDateMs = ms;
  return ms;
}

/** Whether `v` is a canonical instant string (what compiled fast-path validators accept as is). */
export function isCanonicalInstant(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const t = parseCanonicalInstant(v);
  return !Number.isNaN(t);
}

/** Whether `v` is a real calendar date `YYYY-MM-DD`. */
export function isCanonicalDate(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const t = parseDate(v);
  return !Number.isNaN(t);
}

const ZERO = 48;

/**
 * Canonical instant string of epoch ms (`YYYY-MM-DDTHH:MM:SS.mmmZ`, years 0001–9999). Written
 * out arithmetically and built by one `String.fromCharCode` of its 24 code units: `stamps()`
 * formats every row, and a flat string made in one call is several times cheaper than a
 * `Date`'s `toISOString()` or a concatenation of pieces, which every later write must flatten.
 */
export function formatInstant(t: number): string {
  const days = Math.floor(t / MS_PER_DAY);
  let ms = t - days * MS_PER_DAY;
  // civil_from_days (H. Hinnant)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(ms / 3_600_000);
  ms -= hour * 3_600_000;
  const minute = Math.floor(ms / 60_000);
  ms -= minute * 60_000;
  const second = Math.floor(ms / 1000);
  ms -= second * 1000;
  return String.fromCharCode(
    ZERO + Math.floor(year / 1000), ZERO + (Math.floor(year / 100) % 10), ZERO + (Math.floor(year / 10) % 10), ZERO + (year % 10), 45 /* - */,
    ZERO + Math.floor(month / 10), ZERO + (month % 10), 45, ZERO + Math.floor(day / 10), ZERO + (day % 10), 84 /* T */,
    ZERO + Math.floor(hour / 10), ZERO + (hour % 10), 58 /* : */, ZERO + Math.floor(minute / 10), ZERO + (minute % 10), 58,
    ZERO + Math.floor(second / 10), ZERO + (second % 10), 46 /* . */,
    ZERO + Math.floor(ms / 100), ZERO + (Math.floor(ms / 10) % 10), ZERO + (ms % 10), 90 /* Z */,
  );
}

/** Canonical `YYYY-MM-DD` of epoch ms (UTC). */
export function formatDate(t: number): string {
  return formatInstant(t).slice(0, 10);
}

/**
 * Multi-select membership with SOQL `includes` semantics (SPEC §2, IR `multiMatch`): true when
 * the `;`-joined `value` holds every member of at least one of `sets`. Null is false. Written
 * exactly like the SQL target's `position(';v;' in ';' || f || ';') > 0` so the two agree on
 * every string, including empty members.
 */
export function multiIncludes(value: string | null | undefined, sets: readonly (readonly string[])[]): boolean {
  if (value === null || value === undefined) return false;
  const padded = ';' + value + ';';
  for (const set of sets) {
    let all = true;
    for (const member of set) {
      if (!padded.includes(';' + member + ';')) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}
