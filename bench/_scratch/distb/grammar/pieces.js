import { getParser } from './parser.js';
import { endOf, parserProblem } from './syntax-errors.js';
import { Contact, DateKw, Follows, Identifier, Journey, LBrace, Lead, Opportunity, RBrace, Stage, When } from './tokens.js';
/**
 * Splits the token stream into declarations: every `stage` or `journey` keyword starts one
 * (neither can appear anywhere else), tokens before the first are stray.
 */
export function splitDeclarations(tokens) {
    const stray = [];
    const declarations = [];
    for (const t of tokens) {
        if (t.tokenType === Stage || t.tokenType === Journey)
            declarations.push([t]);
        else if (declarations.length > 0)
            declarations[declarations.length - 1].push(t);
        else
            stray.push(t);
    }
    return { stray, declarations };
}
/**
 * Parses one piece (a declaration, a stage header or one block line) on its own. Inside a
 * piece, "end of file" is really the start of whatever follows it (`next`).
 */
export function parsePiece(tokens, rule, next, source, report) {
    const parser = getParser();
    parser.input = [...tokens];
    const cst = parser[rule]();
    const errors = parser.errors;
    for (const e of errors) {
        const p = parserProblem(e, tokens, source);
        report(next ? { ...p, message: p.message.replace('but found end of file', `but found '${next.image}'`) } : p);
    }
    return { cst, errors: errors.length };
}
/** Whether tokens[i] starts a block line: `lead`, `contact`, `opportunity`, `date follows`, `WORD when`. */
function startsLine(tokens, i) {
    const type = tokens[i].tokenType;
    const following = tokens[i + 1]?.tokenType;
    return type === Lead || type === Contact || type === Opportunity || (type === DateKw && following === Follows) || (type === Identifier && following === When);
}
const BLOCK_LINE_EXPECTED = 'a criteria line (`lead`, `contact` or `opportunity when …`) or `date follows FIELD`';
/**
 * A stage declaration: its header, then (after `{`) each line parsed on its own up to the
 * first `}` of the declaration. Structural problems between the pieces (lines without `{`,
 * a missing or stray `}`, text after the block) are reported here.
 */
export function parseStage(tokens, next, source, builder, report) {
    // Expressions never contain braces, so the first `}` closes the block; anything after it is stray.
    const closeAt = tokens.findIndex((t) => t.tokenType === RBrace);
    const bodyEnd = closeAt >= 0 ? closeAt : tokens.length;
    const starts = [];
    for (let i = 1; i < bodyEnd; i++)
        if (startsLine(tokens, i))
            starts.push(i);
    // The header ends at its `{`; anything between the `{` and the first line is a malformed line.
    const beforeLines = tokens.slice(0, starts[0] ?? bodyEnd);
    const openAt = beforeLines.findIndex((t) => t.tokenType === LBrace);
    const headerTokens = openAt >= 0 ? beforeLines.slice(0, openAt + 1) : beforeLines;
    let errors = 0;
    const count = (p) => {
        errors++;
        report(p);
    };
    const header = parsePiece(headerTokens, 'stageHeader', tokens[headerTokens.length] ?? next, source, count);
    // A `{` in the source opens the block even when the header before it is broken
    // (`stage "MQL" {`): its lines are then still read and checked.
    const hasOpen = openAt >= 0;
    const stray = openAt >= 0 ? beforeLines[openAt + 1] : undefined;
    if (hasOpen && stray) {
        count({ code: 'SC105', message: `expected ${BLOCK_LINE_EXPECTED} but found '${stray.image}'`, span: { start: stray.startOffset, end: endOf(stray) } });
    }
    const lines = [];
    if (starts.length > 0 && !hasOpen) {
        const first = tokens[starts[0]];
        count({ code: 'SC105', message: `unexpected '${first.image}': criteria lines belong inside '{ … }' after the stage label`, span: { start: first.startOffset, end: endOf(first) } });
    }
    else {
        starts.forEach((start, k) => {
            const end = starts[k + 1] ?? bodyEnd;
            const piece = parsePiece(tokens.slice(start, end), 'blockLine', tokens[end] ?? next, source, report);
            lines.push({ cst: piece.cst, recovered: piece.errors > 0 });
        });
    }
    const closing = closeAt >= 0 ? tokens[closeAt] : undefined;
    if (hasOpen && !closing) {
        const last = tokens[tokens.length - 1];
        count({
            code: 'SC105',
            message: `expected '}' to close the block of this stage but found ${next ? `'${next.image}'` : 'end of file'}`,
            span: { start: endOf(last), end: endOf(last) },
        });
    }
    else if (closing && !hasOpen) {
        count({ code: 'SC105', message: "unexpected '}': this stage has no '{ … }' block", span: { start: closing.startOffset, end: endOf(closing) } });
    }
    const after = closeAt >= 0 ? tokens[closeAt + 1] : undefined;
    if (after) {
        count({ code: 'SC105', message: `unexpected '${after.image}' after the end of the stage's block`, span: { start: after.startOffset, end: endOf(after) } });
    }
    return builder.stageDecl(header.cst, hasOpen ? beforeLines[openAt] : undefined, lines, hasOpen ? closing : undefined, errors > 0);
}
//# sourceMappingURL=pieces.js.map