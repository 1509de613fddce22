/**
 * Normalisation of date, datetime and number literals to the IR's canonical forms
 * (see the `Literal` type in ../ir.ts). Each returns the value or a reason it is invalid.
 */
function pad(n, width) {
    return String(n).padStart(width, '0');
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year, month) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}
function checkCalendarDate(year, month, day) {
    if (month < 1 || month > 12)
        return `month ${pad(month, 2)} does not exist`;
    const max = daysInMonth(year, month);
    if (day < 1 || day > max)
        return `${pad(year, 4)}-${pad(month, 2)} has no day ${pad(day, 2)}`;
    return undefined;
}
/** `YYYY-MM-DD`, a real calendar date. */
export function parseDateLiteral(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m)
        return { ok: false, reason: `'${text}' is not a date; write it as YYYY-MM-DD` };
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const bad = checkCalendarDate(year, month, day);
    if (bad)
        return { ok: false, reason: `'${text}' is not a calendar date (${bad})` };
    return { ok: true, value: text };
}
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
/**
 * ISO-8601 instant with `Z` or an offset, converted to UTC and truncated (not rounded) to the
 * millisecond: `YYYY-MM-DDTHH:MM:SS.mmmZ`. A missing offset is an error: an instant without a
 * zone means different moments in different warehouses.
 */
export function parseDatetimeLiteral(text) {
    const m = DATETIME.exec(text);
    if (!m)
        return { ok: false, reason: `'${text}' is not a datetime; write it as YYYY-MM-DDTHH:MM:SS with Z or an offset, e.g. '2025-01-31T12:00:00Z'` };
    if (m[8] === undefined && m[9] === undefined) {
        return { ok: false, reason: `'${text}' has no time zone; add Z (UTC) or an offset such as +01:00` };
    }
    const [year, month, day, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
    const second = m[6] === undefined ? 0 : Number(m[6]);
    const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
    const bad = checkCalendarDate(year, month, day);
    if (bad)
        return { ok: false, reason: `'${text}' is not a calendar date (${bad})` };
    if (hour > 23 || minute > 59 || second > 59)
        return { ok: false, reason: `'${text}' is not a valid time of day` };
    let offsetMinutes = 0;
    if (m[9] !== undefined) {
        const oh = Number(m[10]);
        const om = m[11] === undefined ? 0 : Number(m[11]);
        if (oh > 23 || om > 59)
            return { ok: false, reason: `'${text}' has an invalid offset` };
        offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute - offsetMinutes, second, millis);
    const y = d.getUTCFullYear();
    if (y < 0 || y > 9999)
        return { ok: false, reason: `'${text}' is outside the years 0000–9999 in UTC` };
    const value = `${pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
        `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`;
    return { ok: true, value };
}
/** A number literal's source text → a finite double. */
export function parseNumberLiteral(text) {
    const value = Number(text);
    if (!Number.isFinite(value))
        return { ok: false, reason: `number ${text} is too large to be represented (numbers must be finite)` };
    // -0 and 0 are the same value to every warehouse; keep the IR free of -0.
    return { ok: true, value: value === 0 ? 0 : value };
}
//# sourceMappingURL=literals.js.map