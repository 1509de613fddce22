import { EOF } from './chevrotain.js';
import { closestMatch } from './did-you-mean.js';
import { EXPECTED_SEPARATOR } from './parser.js';
function isReal(t) {
    return t !== undefined && t.tokenType !== EOF && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}
export function endOf(t) {
    return (t.endOffset ?? t.startOffset) + 1;
}
/** The previous real token before `offset` (for placing "missing …" errors right after it). */
function previousRealToken(tokens, offset) {
    let found;
    for (const t of tokens) {
        if (t.startOffset >= offset)
            break;
        found = t;
    }
    return found;
}
function lineOf(source, offset) {
    let line = 0;
    for (let i = 0; i < offset && i < source.length; i++)
        if (source.charCodeAt(i) === 10)
            line++;
    return line;
}
/**
 * Where a parser error is shown: at the offending token, unless that token is the end of the
 * file or on a later line than the previous token — then right after the previous token
 * ("missing ')'" belongs at the end of the line, not on the next statement). Langium places
 * tokens inserted by recovery the same way. Leftover input after a complete declaration is
 * always shown at the leftover token itself.
 */
function placeParserError(e, tokens, source) {
    const actual = e.token;
    const actualReal = isReal(actual);
    const prev = actualReal ? previousRealToken(tokens, actual.startOffset) : tokens[tokens.length - 1];
    const atToken = e.name === 'NotAllInputParsedException';
    if (actualReal && (atToken || !prev || lineOf(source, prev.startOffset) === lineOf(source, actual.startOffset))) {
        return { start: actual.startOffset, end: endOf(actual) };
    }
    if (prev)
        return { start: endOf(prev), end: endOf(prev) };
    return { start: source.length, end: source.length };
}
export function parserProblem(e, tokens, source) {
    const [message, expectedKeywords] = e.message.split(EXPECTED_SEPARATOR);
    const span = placeParserError(e, tokens, source);
    const found = e.token;
    if (isReal(found) && found.tokenType.name === 'Identifier') {
        // A misspelt keyword lexes as a field name: offer the closest keyword the parser expected.
        if (expectedKeywords) {
            const suggestion = closestMatch(found.image, expectedKeywords.split(','));
            if (suggestion)
                return { code: 'SC105', message: `${message}; did you mean '${suggestion}'?`, span, suggestion };
        }
    }
    return { code: 'SC105', message, span };
}
//# sourceMappingURL=syntax-errors.js.map