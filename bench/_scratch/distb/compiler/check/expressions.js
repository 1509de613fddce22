import { closestMatch } from '../../grammar/did-you-mean.js';
import { describeField } from './fields.js';
import { parseDateLiteral, parseDatetimeLiteral, parseNumberLiteral } from './literals.js';
const ORDERING = new Set(['<', '<=', '>', '>=']);
/** Families on which `in (…)` is allowed. */
const IN_FAMILIES = new Set(['text', 'picklist', 'number', 'date', 'datetime']);
function spanOf(a, b) {
    return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
function describeLiteral(l) {
    switch (l.literal) {
        case 'string':
            return 'a string';
        case 'number':
            return 'a number';
        case 'true':
        case 'false':
            return 'a boolean';
        case 'date':
            return 'a date';
        case 'datetime':
            return 'a datetime';
        case 'null':
            return 'null';
    }
}
/** What a literal for this family looks like, for "expected …" messages. */
const EXAMPLES = {
    text: "a string such as 'abc'",
    picklist: 'one of its values as a string',
    multipicklist: "a string of values separated by ';'",
    boolean: 'true or false',
    number: 'a number such as 10 or 2.5',
    date: "a date literal such as date '2025-01-31'",
    datetime: "a datetime literal such as datetime '2025-01-31T12:00:00Z'",
};
function literalKey(l) {
    return `${l.type}:${String(l.value)}`;
}
export class ExpressionChecker {
    fields;
    sink;
    constructor(fields, sink) {
        this.fields = fields;
        this.sink = sink;
    }
    /** The IR predicate, or undefined when the expression has an error (already reported) or is incomplete. */
    check(expr) {
        if (!expr)
            return undefined;
        switch (expr.kind) {
            case 'and':
            case 'or': {
                // Check every argument (to report every problem) before giving up on the node.
                const args = expr.args.map((a) => this.check(a));
                if (args.some((a) => a === undefined))
                    return undefined;
                const flat = [];
                for (const a of args) {
                    if (a.kind === expr.kind)
                        flat.push(...a.args);
                    else
                        flat.push(a);
                }
                return { kind: expr.kind, args: flat };
            }
            case 'not': {
                const arg = this.check(expr.arg);
                return arg ? { kind: 'not', arg } : undefined;
            }
            case 'bare':
                return this.bare(expr.operand, expr.span);
            case 'compare': {
                const left = this.leftField(expr.left);
                if (!left || !expr.right)
                    return undefined;
                return this.compare(left, expr.op, expr.opSpan, expr.right);
            }
            case 'in': {
                const left = this.leftField(expr.left);
                if (!left || !expr.values)
                    return undefined;
                return this.inList(left, expr.negated, expr.opSpan, expr.values);
            }
            case 'isNull': {
                const left = this.leftField(expr.left);
                return left ? { kind: 'isNull', negated: expr.negated, field: left.ref } : undefined;
            }
            case 'textMatch': {
                const left = this.leftField(expr.left);
                if (!left || !expr.right)
                    return undefined;
                return this.textMatch(left, expr.op, expr.opSpan, expr.right);
            }
            case 'multiMatch': {
                const left = this.leftField(expr.left);
                if (!left || !expr.values)
                    return undefined;
                return this.multiMatch(left, expr.op, expr.opSpan, expr.values);
            }
        }
    }
    /** The left side of an atom must be a field of the object. */
    leftField(operand) {
        if (operand.kind === 'literal') {
            this.sink.error('SC209', 'the left side of a condition must be a field of the object, e.g. Probability > 0', operand.span);
            return undefined;
        }
        return this.fields.resolve(operand);
    }
    bare(operand, span) {
        if (operand.kind === 'literal') {
            this.sink.error('SC209', `a condition must start with a field of the object; found ${describeLiteral(operand)}`, span);
            return undefined;
        }
        const field = this.fields.resolve(operand);
        if (!field)
            return undefined;
        if (field.family !== 'boolean') {
            this.sink.error('SC208', `${describeField(field)} is not a boolean: a field on its own must be a boolean field; compare it with a value instead (e.g. ${field.ref.name} = …)`, operand.span);
            return undefined;
        }
        return { kind: 'boolField', field: field.ref };
    }
    compare(left, op, opSpan, rightNode) {
        if (rightNode.kind === 'literal' && rightNode.literal === 'null') {
            const whole = spanOf(opSpan, rightNode.span);
            if (op === '=' || op === '!=') {
                const fix = op === '=' ? 'is null' : 'is not null';
                this.sink.error('SC205', `'${op} null' is never true (null is not a value to compare with); use '${fix}'`, whole, fix);
            }
            else {
                this.sink.error('SC205', `'${op} null' is never true; use 'is null' or 'is not null'`, whole);
            }
            return undefined;
        }
        if (left.family === 'multipicklist') {
            this.sink.error('SC202', `operator '${op}' is not valid for ${describeField(left)}; use includes or excludes`, opSpan, op === '=' ? 'includes' : op === '!=' ? 'excludes' : undefined);
            return undefined;
        }
        if (ORDERING.has(op) && (left.family === 'text' || left.family === 'picklist' || left.family === 'boolean')) {
            this.sink.error('SC206', `ordering comparison '${op}' is not allowed on ${describeField(left)} (warehouse collations differ); use =, != or in`, opSpan);
            return undefined;
        }
        let right;
        if (rightNode.kind === 'field') {
            // `Status = Open`: a picklist value written without quotes reads as a field name.
            const value = left.family === 'picklist' && !this.fields.has(rightNode.name)
                ? (left.def.values ?? []).find((v) => v.toLowerCase() === rightNode.name.toLowerCase())
                : undefined;
            if (value !== undefined) {
                this.sink.error('SC201', `unknown field '${rightNode.name}' on ${this.fields.objectName}; to compare with the value '${value}', quote it`, rightNode.span, `'${value}'`);
                return undefined;
            }
            const rf = this.fields.resolve(rightNode);
            if (!rf)
                return undefined;
            if (rf.family !== left.family) {
                this.sink.error('SC207', `cannot compare ${describeField(left)} with ${describeField(rf)}: both sides must have the same type`, rightNode.span);
                return undefined;
            }
            if (rf.ref.name === left.ref.name) {
                const always = op === '=' || op === '<=' || op === '>=';
                // `<=`/`>=` of a field with itself is false on null, so only `=`/`!=` are certain.
                if (op === '=' || op === '!=') {
                    this.sink.warning('SC403', `'${left.ref.name} ${op} ${rf.ref.name}' compares a field with itself: it is always ${always}`, spanOf(left.node.span, rightNode.span));
                }
                else if (op === '<' || op === '>') {
                    this.sink.warning('SC403', `'${left.ref.name} ${op} ${rf.ref.name}' compares a field with itself: it is never true`, spanOf(left.node.span, rightNode.span));
                }
            }
            right = rf.ref;
        }
        else {
            right = this.literalFor(left, rightNode);
            if (!right)
                return undefined;
        }
        return { kind: 'compare', op, left: left.ref, right };
    }
    inList(left, negated, opSpan, values) {
        const opText = negated ? 'not in' : 'in';
        if (!IN_FAMILIES.has(left.family)) {
            const hint = left.family === 'multipicklist' ? '; use includes or excludes' : left.family === 'boolean' ? '; use = true or = false' : '';
            this.sink.error('SC202', `operator '${opText}' is not valid for ${describeField(left)}${hint}`, opSpan, left.family === 'multipicklist' ? (negated ? 'excludes' : 'includes') : undefined);
            return undefined;
        }
        const out = [];
        let ok = true;
        const seen = new Set();
        for (const v of values) {
            if (v.literal === 'null') {
                const fix = negated ? 'is not null' : 'is null';
                this.sink.error('SC205', `null in an '${opText}' list never matches; use '${fix}' (combined with or/and)`, v.span, fix);
                ok = false;
                continue;
            }
            const lit = this.literalFor(left, v);
            if (!lit) {
                ok = false;
                continue;
            }
            const key = literalKey(lit);
            if (seen.has(key))
                this.sink.warning('SC402', `duplicate value in the '${opText}' list`, v.span);
            seen.add(key);
            out.push(lit);
        }
        return ok ? { kind: 'in', negated, field: left.ref, values: out } : undefined;
    }
    textMatch(left, op, opSpan, rightNode) {
        const word = op === 'contains' ? 'contains' : op === 'startsWith' ? 'starts with' : 'ends with';
        if (left.family !== 'text') {
            const hint = left.family === 'multipicklist' ? '; use includes' : left.family === 'picklist' ? '; use = or in with the exact values' : '';
            this.sink.error('SC202', `operator '${word}' is only valid for text fields, not for ${describeField(left)}${hint}`, opSpan);
            return undefined;
        }
        if (rightNode.kind === 'field') {
            const rf = this.fields.resolve(rightNode);
            if (!rf)
                return undefined;
            if (rf.family !== 'text') {
                this.sink.error('SC207', `'${word}' needs a text operand; ${describeField(rf)} is not text`, rightNode.span);
                return undefined;
            }
            return { kind: 'textMatch', op, field: left.ref, operand: rf.ref };
        }
        if (rightNode.literal === 'null') {
            this.sink.error('SC205', `'${word} null' is never true; use 'is null' or 'is not null'`, rightNode.span);
            return undefined;
        }
        const lit = this.literalFor(left, rightNode);
        return lit ? { kind: 'textMatch', op, field: left.ref, operand: lit } : undefined;
    }
    multiMatch(left, op, opSpan, values) {
        if (left.family !== 'multipicklist') {
            const hint = IN_FAMILIES.has(left.family) ? `; use ${op === 'includes' ? 'in' : 'not in'}` : '';
            this.sink.error('SC202', `operator '${op}' is only valid for multi-select picklist fields, not for ${describeField(left)}${hint}`, opSpan, hint ? (op === 'includes' ? 'in' : 'not in') : undefined);
            return undefined;
        }
        const allowed = left.def.values ?? [];
        const sets = [];
        const seen = new Set();
        let ok = true;
        for (const v of values) {
            if (v.literal !== 'string') {
                if (v.literal === 'null') {
                    const fix = op === 'includes' ? 'is not null' : 'is null';
                    this.sink.error('SC205', `'${op} null' is not meaningful; use '${fix}'`, v.span, fix);
                }
                else {
                    this.sink.error('SC203', `${describeField(left)} expects ${EXAMPLES.multipicklist}; found ${describeLiteral(v)}`, v.span);
                }
                ok = false;
                continue;
            }
            if (v.text === undefined) {
                ok = false;
                continue;
            }
            const parts = v.text.split(';');
            for (const part of parts) {
                if (part === '') {
                    this.sink.error('SC204', `empty value in '${v.text}': values are separated by a single ';'`, v.span);
                    ok = false;
                }
                else if (!allowed.includes(part)) {
                    ok = false;
                    this.reportNotAValue(left, part, v.span, allowed, v.text.length === part.length ? undefined : v.text);
                }
            }
            const key = [...new Set(parts)].sort().join(';');
            if (seen.has(key))
                this.sink.warning('SC402', `duplicate value in the '${op}' list`, v.span);
            seen.add(key);
            sets.push(parts);
        }
        return ok ? { kind: 'multiMatch', op, field: left.ref, sets } : undefined;
    }
    reportNotAValue(field, value, span, allowed, whole) {
        const suggestion = closestMatch(value, allowed);
        const listed = allowed.length <= 8 ? ` (values: ${allowed.map((a) => `'${a}'`).join(', ')})` : '';
        this.sink.error('SC204', `'${value}' is not a value of ${describeField(field)}${suggestion ? `; did you mean '${suggestion}'?` : listed}`, span, suggestion === undefined ? undefined : whole === undefined ? `'${suggestion}'` : `'${whole.split(';').map((p) => (p === value ? suggestion : p)).join(';')}'`);
    }
    /** A literal operand for `field`, normalised; reports SC203/SC204/SC107/SC108/SC210. */
    literalFor(field, lit) {
        const wrong = (suggestion) => {
            this.sink.error('SC203', `${describeField(field)} expects ${EXAMPLES[field.family]}; found ${describeLiteral(lit)}`, lit.span, suggestion);
            return undefined;
        };
        if (lit.literal === 'null') {
            this.sink.error('SC205', `null is not a value to compare with; use 'is null' or 'is not null'`, lit.span);
            return undefined;
        }
        // A string/date literal whose content could not be decoded was already reported.
        if ((lit.literal === 'string' || lit.literal === 'date' || lit.literal === 'datetime') && lit.text === undefined)
            return undefined;
        // A malformed date/datetime literal is reported as such whatever the field, not as a type
        // mismatch; below, a date/datetime literal is known to be well-formed.
        if (lit.literal === 'date' || lit.literal === 'datetime') {
            const parsed = lit.literal === 'date' ? parseDateLiteral(lit.text ?? '') : parseDatetimeLiteral(lit.text ?? '');
            if (!parsed.ok) {
                this.sink.error(lit.literal === 'date' ? 'SC107' : 'SC108', parsed.reason, lit.span);
                return undefined;
            }
        }
        switch (field.family) {
            case 'text':
                return lit.literal === 'string' ? { kind: 'literal', type: 'text', value: lit.text ?? '' } : wrong();
            case 'picklist': {
                if (lit.literal !== 'string')
                    return wrong();
                const value = lit.text ?? '';
                if (!(field.def.values ?? []).includes(value)) {
                    this.reportNotAValue(field, value, lit.span, field.def.values ?? []);
                    return undefined;
                }
                return { kind: 'literal', type: 'text', value };
            }
            case 'boolean':
                if (lit.literal === 'true' || lit.literal === 'false')
                    return { kind: 'literal', type: 'boolean', value: lit.literal === 'true' };
                if (lit.literal === 'string' && /^(true|false)$/i.test(lit.text ?? ''))
                    return wrong((lit.text ?? '').toLowerCase());
                return wrong();
            case 'number': {
                if (lit.literal !== 'number') {
                    if (lit.literal === 'string' && lit.text !== undefined && /^-?\d+(\.\d+)?$/.test(lit.text))
                        return wrong(lit.text);
                    return wrong();
                }
                const parsed = parseNumberLiteral(lit.text ?? '');
                if (!parsed.ok) {
                    this.sink.error('SC210', parsed.reason, lit.span);
                    return undefined;
                }
                return { kind: 'literal', type: 'number', value: parsed.value };
            }
            case 'date': {
                if (lit.literal === 'date')
                    return { kind: 'literal', type: 'date', value: lit.text ?? '' };
                if (lit.literal === 'string' && lit.text !== undefined && parseDateLiteral(lit.text).ok)
                    return wrong(`date '${lit.text}'`);
                if (lit.literal === 'datetime' && lit.text !== undefined)
                    return wrong(`date '${lit.text.slice(0, 10)}'`);
                return wrong();
            }
            case 'datetime': {
                if (lit.literal === 'datetime') {
                    const parsed = parseDatetimeLiteral(lit.text ?? '');
                    return parsed.ok ? { kind: 'literal', type: 'datetime', value: parsed.value } : undefined;
                }
                if (lit.literal === 'string' && lit.text !== undefined && parseDatetimeLiteral(lit.text).ok)
                    return wrong(`datetime '${lit.text}'`);
                if (lit.literal === 'date' && lit.text !== undefined)
                    return wrong(`datetime '${lit.text}T00:00:00Z'`);
                return wrong();
            }
            case 'multipicklist':
                return wrong();
        }
    }
}
//# sourceMappingURL=expressions.js.map