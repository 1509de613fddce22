/**
 * The typed AST of a `.stages` file. Every node carries its source span (offsets into the
 * text, end exclusive). A part the parser could not read (recovery after a syntax error) is
 * `undefined`: the checker skips such parts silently, because the syntax error was already
 * reported and anything it said about them would be a bogus cascade.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface DefinitionFile {
  /** Normally zero or one; the checker reports any second one (SC310). */
  readonly journeys: readonly JourneyDecl[];
  readonly stages: readonly StageDecl[];
  readonly span: Span;
}

export interface StringNode {
  /** The decoded text (escapes applied); undefined when it could not be decoded. */
  readonly value: string | undefined;
  readonly span: Span;
}

export interface JourneyDecl {
  readonly name?: StringNode;
  readonly span: Span;
}

export interface StageNumberNode {
  readonly text: string;
  readonly span: Span;
}

export type StageBody =
  | { readonly kind: 'bare' }
  | { readonly kind: 'unused'; readonly span: Span }
  /** `recovered`: the block was not read to its closing brace (a syntax error was reported in it). */
  | { readonly kind: 'block'; readonly lines: readonly BlockLine[]; readonly recovered: boolean; readonly span: Span };

export interface StageDecl {
  /** Span of the `stage` keyword. */
  readonly keywordSpan: Span;
  readonly number?: StageNumberNode;
  readonly label?: StringNode;
  readonly body: StageBody;
  /**
   * The parser reported a syntax error in the header or the braces of this declaration (so
   * what it read of them may be partial). Errors inside a line mark only that line.
   */
  readonly recovered: boolean;
  readonly span: Span;
}

export type CriteriaObjectKeyword = 'lead' | 'contact' | 'opportunity';

export interface CriteriaLine {
  readonly kind: 'criteria';
  readonly object: CriteriaObjectKeyword;
  readonly objectSpan: Span;
  readonly expr?: Expr;
  /**
   * A syntax error lies between this line's start and the next line: what was read of the
   * expression may be a fragment (`Status` of `Status startswith 'x'`), so it is not type-checked.
   */
  readonly recovered: boolean;
  readonly span: Span;
}

export interface DateFollowsLine {
  readonly kind: 'dateFollows';
  readonly field?: FieldNode;
  /** Span of `date follows`. */
  readonly keywordSpan: Span;
  readonly span: Span;
}

/** `account when …`: a line for an object criteria cannot be written for (already reported as SC212). */
export interface UnknownObjectLine {
  readonly kind: 'unknownObject';
  readonly span: Span;
}

export type BlockLine = CriteriaLine | DateFollowsLine | UnknownObjectLine;

export interface FieldNode {
  readonly kind: 'field';
  /** As written (backticks removed). */
  readonly name: string;
  readonly span: Span;
}

export type LiteralKind = 'string' | 'number' | 'true' | 'false' | 'null' | 'date' | 'datetime';

export interface LiteralNode {
  readonly kind: 'literal';
  readonly literal: LiteralKind;
  /** Decoded string content for string/date/datetime; the source text for numbers; undefined when undecodable. */
  readonly text: string | undefined;
  readonly span: Span;
}

export type OperandNode = FieldNode | LiteralNode;

export type ComparisonOpText = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { readonly kind: 'and' | 'or'; readonly args: readonly (Expr | undefined)[]; readonly span: Span }
  | { readonly kind: 'not'; readonly arg?: Expr; readonly span: Span }
  | { readonly kind: 'compare'; readonly op: ComparisonOpText; readonly opSpan: Span; readonly left: OperandNode; readonly right?: OperandNode; readonly span: Span }
  | { readonly kind: 'in'; readonly negated: boolean; readonly opSpan: Span; readonly left: OperandNode; readonly values?: readonly LiteralNode[]; readonly span: Span }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly opSpan: Span; readonly left: OperandNode; readonly span: Span }
  | { readonly kind: 'textMatch'; readonly op: 'contains' | 'startsWith' | 'endsWith'; readonly opSpan: Span; readonly left: OperandNode; readonly right?: OperandNode; readonly span: Span }
  | { readonly kind: 'multiMatch'; readonly op: 'includes' | 'excludes'; readonly opSpan: Span; readonly left: OperandNode; readonly values?: readonly LiteralNode[]; readonly span: Span }
  | { readonly kind: 'bare'; readonly operand: OperandNode; readonly span: Span };
