const SIMPLE_ESCAPES = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r' };
/** `image` includes both quotes; `offset` is where the image starts in the file. */
export function decodeString(image, offset) {
    const problems = [];
    let value = '';
    const body = image.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (ch !== '\\') {
            value += ch;
            continue;
        }
        const next = body[i + 1];
        const at = offset + 1 + i;
        if (next !== undefined && next in SIMPLE_ESCAPES) {
            value += SIMPLE_ESCAPES[next];
            i++;
            continue;
        }
        if (next === 'u') {
            const hex = body.slice(i + 2, i + 6);
            if (/^[0-9a-fA-F]{4}$/.test(hex)) {
                value += String.fromCharCode(parseInt(hex, 16));
                i += 5;
                continue;
            }
            problems.push({
                code: 'SC104',
                message: 'invalid escape sequence: \\u must be followed by exactly four hexadecimal digits',
                span: { start: at, end: Math.min(at + 2 + hex.replace(/[^0-9a-fA-F].*$/, '').length, offset + image.length - 1) },
            });
            i += 1;
            continue;
        }
        problems.push({
            code: 'SC104',
            message: `invalid escape sequence '\\${next ?? ''}'; valid escapes are \\\\ \\' \\" \\n \\t \\r \\uXXXX`,
            span: { start: at, end: at + (next === undefined ? 1 : 2) },
            suggestion: next === undefined ? undefined : `\\\\${next}`,
        });
        i += 1;
    }
    return { value, problems };
}
//# sourceMappingURL=strings.js.map