/**
 * Compares strings by Unicode code point (= UTF-8 byte order), as SPEC §4.3 requires.
 * JavaScript's `<` compares UTF-16 code units, which orders astral characters (emoji)
 * before U+E000..U+FFFF; this does not.
 */
export function compareCodePoints(a, b) {
    if (a === b)
        return 0;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x === y)
            continue;
        // Surrogates (D800–DFFF) encode code points above FFFF: they sort after every BMP unit.
        const xs = x >= 0xd800 && x <= 0xdfff;
        const ys = y >= 0xd800 && y <= 0xdfff;
        if (xs !== ys)
            return xs ? 1 : -1;
        return x - y;
    }
    return a.length - b.length;
}
/** The §4.5 row order: object, record_id (code points), stage. */
export function compareStampRows(a, b) {
    if (a.object !== b.object)
        return a.object < b.object ? -1 : 1;
    const byId = compareCodePoints(a.record_id, b.record_id);
    if (byId !== 0)
        return byId;
    return a.stage - b.stage;
}
//# sourceMappingURL=stamp.js.map