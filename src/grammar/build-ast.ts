/**
 * CST → typed AST. Tokens the parser inserted while recovering (`isInsertedInRecovery`, NaN
 * offsets) are treated as absent, so the AST only ever points at real source text. Lexical
 * problems inside tokens (string escapes, unterminated strings, `==`) are reported here.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type {
  BlockLine,
  ComparisonOpText,
  CriteriaObjectKeyword,
  Expr,
  FieldNode,
  JourneyDecl,
  LiteralNode,
  OperandNode,
  Span,
  StageBody,
  StageDecl,
  StringNode,
} from './ast.js';
import type { SyntaxProblem } from './problems.js';
import { closestMatch } from './did-you-mean.js';
import { decodeString } from './strings.js';

type Children = Record<string, CstElement[] | undefined>;

function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined && (e as CstNode).children === undefined;
}

/** A token that really is in the source (not inserted by recovery). */
function isReal(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

/**
 * Spans are memoised on the CST node itself: every expression level asks for its span, and
 * computing it from scratch each time made long `and` chains quadratic in their length.
 */
const SPAN = Symbol('span');
type SpannedNode = CstNode & { [SPAN]?: Span | null };

function nodeSpan(node: CstNode): Span | undefined {
  const memo = (node as SpannedNode)[SPAN];
  if (memo !== undefined) return memo ?? undefined;
  let start = Infinity;
  let end = -Infinity;
  const children = node.children;
  for (const key in children) {
    const list = children[key];
    if (!list) continue;
    for (const e of list) {
      let s: number;
      let t: number;
      if (isToken(e)) {
        if (!isReal(e)) continue;
        s = e.startOffset;
        t = (e.endOffset ?? e.startOffset) + 1;
      } else {
        const span = nodeSpan(e);
        if (span === undefined) continue;
        s = span.start;
        t = span.end;
      }
      if (s < start) start = s;
      if (t > end) end = t;
    }
  }
  const span = start === Infinity ? undefined : { start, end };
  (node as SpannedNode)[SPAN] = span ?? null;
  return span;
}

function tok(children: Children, name: string, index = 0): IToken | undefined {
  const e = children[name]?.[index];
  return e && isToken(e) && isReal(e) ? e : undefined;
}

function nodes(children: Children, name: string): CstNode[] {
  return (children[name] ?? []).filter((e): e is CstNode => !isToken(e));
}

function node(children: Children, name: string, index = 0): CstNode | undefined {
  return nodes(children, name)[index];
}

function joinSpans(a: Span, b: Span | undefined): Span {
  return b ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : a;
}

export class AstBuilder {
  readonly problems: SyntaxProblem[] = [];

  journeyDecl(n: CstNode): JourneyDecl | undefined {
    const span = nodeSpan(n);
    if (!span) return undefined;
    const name = tok(n.children, 'StringLiteral');
    return { name: name ? this.string(name) : undefined, span };
  }

  /**
   * A stage from its pieces: the header (`stage N "Label" [unused | {]`), its lines (each
   * flagged when the parser reported an error in it), the closing `}` if there is one, and
   * whether the parser reported any error in the declaration.
   */
  stageDecl(
    header: CstNode,
    open: IToken | undefined,
    lines: readonly { readonly cst: CstNode; readonly recovered: boolean }[],
    closing: IToken | undefined,
    recovered: boolean,
  ): StageDecl | undefined {
    const keyword = tok(header.children, 'Stage');
    const headerSpan = nodeSpan(header);
    if (!keyword || !headerSpan) return undefined;
    const num = tok(header.children, 'NumberLiteral');
    const label = tok(header.children, 'StringLiteral');
    const unused = tok(header.children, 'Unused');
    let span = headerSpan;
    let body: StageBody = { kind: 'bare' };
    if (unused) body = { kind: 'unused', span: tokenSpan(unused) };
    else if (open) {
      const built: BlockLine[] = [];
      let blockSpan = tokenSpan(open);
      for (const line of lines) {
        const b = this.blockLine(line.cst, line.recovered);
        if (b) built.push(b);
        blockSpan = joinSpans(blockSpan, nodeSpan(line.cst));
      }
      if (closing) blockSpan = joinSpans(blockSpan, tokenSpan(closing));
      body = { kind: 'block', lines: built, recovered: closing === undefined, span: blockSpan };
      span = joinSpans(span, blockSpan);
    }
    return {
      keywordSpan: tokenSpan(keyword),
      number: num ? { text: num.image, span: tokenSpan(num) } : undefined,
      label: label ? this.string(label) : undefined,
      body,
      recovered,
      span,
    };
  }

  private blockLine(n: CstNode, recovered: boolean): BlockLine | undefined {
    const criteria = node(n.children, 'criteriaLine');
    if (criteria) {
      const objTok = tok(criteria.children, 'Lead') ?? tok(criteria.children, 'Contact') ?? tok(criteria.children, 'Opportunity');
      const span = nodeSpan(criteria);
      if (!objTok || !span) return undefined;
      const exprNode = node(criteria.children, 'orExpr');
      return {
        kind: 'criteria',
        object: objTok.image.toLowerCase() as CriteriaObjectKeyword,
        objectSpan: tokenSpan(objTok),
        expr: exprNode ? this.expr(exprNode) : undefined,
        recovered,
        span,
      };
    }
    const follows = node(n.children, 'dateFollows');
    if (follows) {
      const dateTok = tok(follows.children, 'Date');
      const span = nodeSpan(follows);
      if (!dateTok || !span) return undefined;
      const followsTok = tok(follows.children, 'Follows');
      const fieldNode = node(follows.children, 'fieldName');
      return {
        kind: 'dateFollows',
        keywordSpan: joinSpans(tokenSpan(dateTok), followsTok && tokenSpan(followsTok)),
        field: fieldNode ? this.field(fieldNode) : undefined,
        span,
      };
    }
    const unknown = node(n.children, 'unknownObjectLine');
    const name = unknown && tok(unknown.children, 'Identifier');
    if (unknown && name) {
      const suggestion = closestMatch(name.image, ['lead', 'contact', 'opportunity']);
      this.problems.push({
        code: 'SC212',
        message: `unknown object '${name.image}': criteria lines are written for lead, contact or opportunity${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
        span: tokenSpan(name),
        suggestion,
      });
      return { kind: 'unknownObject', span: nodeSpan(unknown) ?? tokenSpan(name) };
    }
    return undefined;
  }

  /** orExpr / andExpr / notExpr / primary / predicate, whichever node it is given. */
  private expr(n: CstNode): Expr | undefined {
    const span = nodeSpan(n);
    if (!span) return undefined;
    switch (n.name) {
      case 'orExpr':
      case 'andExpr': {
        const childName = n.name === 'orExpr' ? 'andExpr' : 'notExpr';
        const parts = nodes(n.children, childName).map((c) => this.expr(c));
        if (parts.length === 1) return parts[0];
        return { kind: n.name === 'orExpr' ? 'or' : 'and', args: parts, span };
      }
      case 'notExpr': {
        const inner = node(n.children, 'notExpr');
        if (tok(n.children, 'Not') || inner) {
          return { kind: 'not', arg: inner ? this.expr(inner) : undefined, span };
        }
        const primary = node(n.children, 'primary');
        return primary ? this.expr(primary) : undefined;
      }
      case 'primary': {
        const inner = node(n.children, 'orExpr') ?? node(n.children, 'predicate');
        return inner ? this.expr(inner) : undefined;
      }
      case 'predicate':
        return this.predicate(n, span);
      default:
        return undefined;
    }
  }

  private predicate(n: CstNode, span: Span): Expr | undefined {
    const leftNode = node(n.children, 'operand');
    const left = leftNode ? this.operand(leftNode) : undefined;
    if (!left) return undefined;
    const tail = node(n.children, 'predicateTail');
    if (!tail) return { kind: 'bare', operand: left, span };
    const c = tail.children;
    const operandAt = (): OperandNode | undefined => {
      const o = node(c, 'operand');
      return o ? this.operand(o) : undefined;
    };
    // Chevrotain files a token under the type the grammar consumed: the category `CompOp`.
    const op = tok(c, 'CompOp');
    if (op) {
      let text = op.image as ComparisonOpText | '<>' | '==';
      if (text === '<>') text = '!=';
      if (text === '==') {
        this.problems.push({ code: 'SC106', message: "'==' is not an operator; use '='", span: tokenSpan(op), suggestion: '=' });
        text = '=';
      }
      return { kind: 'compare', op: text, opSpan: tokenSpan(op), left, right: operandAt(), span };
    }
    const inTok = tok(c, 'In');
    if (inTok) {
      const notTok = tok(c, 'Not');
      const list = node(c, 'literalList');
      return {
        kind: 'in',
        negated: notTok !== undefined,
        opSpan: joinSpans(tokenSpan(inTok), notTok && tokenSpan(notTok)),
        left,
        values: list ? this.literalList(list) : undefined,
        span,
      };
    }
    const isTok = tok(c, 'Is');
    if (isTok) {
      const notTok = tok(c, 'Not');
      const nullTok = tok(c, 'Null');
      return {
        kind: 'isNull',
        negated: notTok !== undefined,
        opSpan: joinSpans(tokenSpan(isTok), nullTok ? tokenSpan(nullTok) : notTok && tokenSpan(notTok)),
        left,
        span,
      };
    }
    const matchTok = tok(c, 'Contains') ?? tok(c, 'Starts') ?? tok(c, 'Ends');
    if (matchTok) {
      const withTok = tok(c, 'With');
      const kw = matchTok.image.toLowerCase();
      return {
        kind: 'textMatch',
        op: kw === 'contains' ? 'contains' : kw === 'starts' ? 'startsWith' : 'endsWith',
        opSpan: joinSpans(tokenSpan(matchTok), withTok && tokenSpan(withTok)),
        left,
        right: operandAt(),
        span,
      };
    }
    const multiTok = tok(c, 'Includes') ?? tok(c, 'Excludes');
    if (multiTok) {
      const list = node(c, 'literalList');
      const single = node(c, 'literal');
      const one = single ? this.literal(single) : undefined;
      return {
        kind: 'multiMatch',
        op: multiTok.image.toLowerCase() === 'includes' ? 'includes' : 'excludes',
        opSpan: tokenSpan(multiTok),
        left,
        values: list ? this.literalList(list) : one ? [one] : undefined,
        span,
      };
    }
    return undefined;
  }

  /** The literals of `( a, b, … )`; undefined when any of them is missing (recovered). */
  private literalList(n: CstNode): LiteralNode[] | undefined {
    const literalNodes = nodes(n.children, 'literal');
    const values = literalNodes.map((l) => this.literal(l));
    if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
    if (!tok(n.children, 'RParen')) return undefined;
    return values as LiteralNode[];
  }

  private operand(n: CstNode): OperandNode | undefined {
    const f = node(n.children, 'fieldName');
    if (f) return this.field(f);
    const l = node(n.children, 'literal');
    return l ? this.literal(l) : undefined;
  }

  private field(n: CstNode): FieldNode | undefined {
    const id = tok(n.children, 'Identifier');
    if (id) return { kind: 'field', name: id.image, span: tokenSpan(id) };
    const quoted = tok(n.children, 'QuotedIdentifier');
    if (quoted) return { kind: 'field', name: quoted.image.slice(1, -1), span: tokenSpan(quoted) };
    return undefined;
  }

  private literal(n: CstNode): LiteralNode | undefined {
    const c = n.children;
    const span = nodeSpan(n);
    if (!span) return undefined;
    const str = tok(c, 'StringLiteral');
    if (tok(c, 'Date') || tok(c, 'Datetime')) {
      if (!str) return undefined;
      return { kind: 'literal', literal: tok(c, 'Date') ? 'date' : 'datetime', text: this.string(str).value, span };
    }
    if (str) return { kind: 'literal', literal: 'string', text: this.string(str).value, span };
    const num = tok(c, 'NumberLiteral');
    if (num) return { kind: 'literal', literal: 'number', text: num.image, span };
    if (tok(c, 'True')) return { kind: 'literal', literal: 'true', text: undefined, span };
    if (tok(c, 'False')) return { kind: 'literal', literal: 'false', text: undefined, span };
    if (tok(c, 'Null')) return { kind: 'literal', literal: 'null', text: undefined, span };
    return undefined;
  }

  private string(t: IToken): StringNode {
    const span = tokenSpan(t);
    if (t.tokenType.name === 'UnterminatedString') {
      this.problems.push({
        code: 'SC102',
        message: 'unterminated string: missing the closing quote before the end of the line',
        span,
        suggestion: `${t.image}${t.image[0]}`,
      });
      return { value: undefined, span };
    }
    const decoded = decodeString(t.image, t.startOffset);
    for (const p of decoded.problems) this.problems.push(p);
    return { value: decoded.problems.length === 0 ? decoded.value : undefined, span };
  }
}
