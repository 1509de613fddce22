/**
 * The Chevrotain parser of the `.stages` language (SPEC §2). It builds a CST with error
 * recovery enabled (single-token insertion/deletion and re-synchronisation), so one run
 * reports every syntax error; src/grammar/build-ast.ts turns the CST into the typed AST.
 *
 * The statement structure is not a rule: src/grammar/pieces.ts splits the tokens at every
 * `stage` / `journey` keyword (`splitDeclarations`) and, inside a stage, at every keyword that
 * starts a line (`lead`, `contact`, `opportunity`, `date follows`, `WORD when`: `parseStage`) —
 * none of them can appear anywhere else — and parses each piece with `journeyDecl`,
 * `stageHeader` or `blockLine` (`parsePiece`); src/grammar/index.ts only calls them.
 * So a syntax error never spreads beyond its line, and recovery inside a line (single-token
 * insertion/deletion, re-synchronisation) finds the errors after the first one.
 *
 *     file        = [ journeyDecl ] { stage }
 *     stage       = stageHeader [ { blockLine } "}" ]     -- lines and "}" only after "{"

 *
 * Precedence: `or` < `and` < `not` < predicate atoms; `not` applies to the following unary
 * term, so `not a = 1 and b` is `(not (a = 1)) and b`.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { CstParser, EOF } from './chevrotain.js';
import * as T from './tokens.js';

/** Separates a readable message from the keyword images the parser expected (for did-you-mean). */
export const EXPECTED_SEPARATOR = '\u0000';

function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'end of file';
  return `'${token.image}'`;
}

function labelOf(type: TokenType): string {
  return type.LABEL ?? type.name;
}

function describeExpected(types: readonly TokenType[]): string {
  const labels = [...new Set(types.map(labelOf))];
  if (labels.length === 1) return labels[0];
  if (labels.length <= 6) return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
  return `${labels.slice(0, 5).join(', ')}, …`;
}

/** Keyword images among the expected tokens, appended after EXPECTED_SEPARATOR. */
function keywordTail(types: readonly TokenType[]): string {
  const words = types.filter((t) => T.KEYWORDS.includes(t)).map((t) => labelOf(t).slice(1, -1));
  return words.length > 0 ? EXPECTED_SEPARATOR + [...new Set(words)].join(',') : '';
}

function firstTokens(paths: readonly (readonly (readonly TokenType[])[])[]): TokenType[] {
  const out: TokenType[] = [];
  for (const alt of paths) for (const path of alt) if (path.length > 0) out.push(path[0]);
  return out;
}

/** What may follow a field in a condition, for "did you mean" on a misspelt operator. */
const LINE_CONTINUATIONS = ['and', 'or', 'not', 'not in', 'in', 'is null', 'is not null', 'contains', 'starts with', 'ends with', 'includes', 'excludes'];

const RULE_WORDS: Record<string, string> = {
  blockLine: 'a criteria line (`lead`, `contact` or `opportunity when …`) or `date follows FIELD`',
  criteriaLine: 'a criteria line',
  notExpr: 'a condition',
  primary: 'a condition',
  predicate: 'a condition',
  predicateTail: 'an operator',
  operand: 'a field or a value',
  literal: 'a value',
};

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${labelOf(expected)} but found ${describeToken(actual)}${keywordTail([expected])}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant, ruleName }) {
    const found = describeToken(firstRedundant);
    if (ruleName === 'journeyDecl') return `unexpected ${found} after the journey name: expected a \`stage\` declaration`;
    // A misspelt operator (`contians`, `startswith`) ends the condition early: offer the operators.
    if (ruleName === 'blockLine') return `unexpected ${found}: expected 'and', 'or' or the end of the line${EXPECTED_SEPARATOR}${LINE_CONTINUATIONS.join(',')}`;
    return `unexpected ${found}: a stage is \`stage N "Label"\` followed by nothing, \`unused\` or a '{ … }' block${EXPECTED_SEPARATOR}unused`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const expected = firstTokens(expectedPathsPerAlt);
    const what = RULE_WORDS[ruleName] ?? describeExpected(expected);
    return `expected ${what} but found ${describeToken(actual[0])}${keywordTail(expected)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const expected = expectedIterationPaths.filter((p) => p.length > 0).map((p) => p[0]);
    const what = RULE_WORDS[ruleName] ?? describeExpected(expected);
    return `expected ${what} but found ${describeToken(actual[0])}${keywordTail(expected)}`;
  },
};

export class StagesParser extends CstParser {
  /**
   * `validate`: run Chevrotain's grammar validations (ambiguities, left recursion). They cost
   * start-up time on every `stages check`, so only the grammar test runs them.
   */
  constructor(options: { readonly validate?: boolean } = {}) {
    super([...T.ALL_TOKENS], { recoveryEnabled: true, errorMessageProvider: messages, maxLookahead: 3, skipValidations: !options.validate });
    this.performSelfAnalysis();
  }

  /**
   * Recovery may only invent closing brackets. Inventing a keyword (`when`, `follows`) turns
   * the misspelt word after it into a "field" and cascades bogus errors; re-synchronising at
   * the next line is better.
   */
  protected override canTokenTypeBeInsertedInRecovery(tokType: TokenType): boolean {
    return tokType === T.RParen || tokType === T.RBrace;
  }

  public journeyDecl = this.RULE('journeyDecl', () => {
    this.CONSUME(T.Journey);
    this.CONSUME(T.StringLiteral);
  });

  /** `stage N "Label"` followed by `unused`, `{` (the lines are parsed one by one) or nothing. */
  public stageHeader = this.RULE('stageHeader', () => {
    this.CONSUME(T.Stage);
    this.CONSUME(T.NumberLiteral);
    // The label is optional in the grammar so that a missing label gets a precise message (SC308).
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Unused) },
        { ALT: () => this.CONSUME(T.LBrace) },
      ]);
    });
  });

  public blockLine = this.RULE('blockLine', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.criteriaLine) },
      { ALT: () => this.SUBRULE(this.dateFollows) },
      // Only `WORD when`: a stray word after a complete condition is a syntax error, not a line.
      { GATE: () => this.LA(2).tokenType === T.When, ALT: () => this.SUBRULE(this.unknownObjectLine) },
    ]);
  });

  /**
   * `account when …` / `leads when …`: parsed like a criteria line so the rest of the block
   * still parses; reported as an unknown object (SC212) when the AST is built.
   */
  private unknownObjectLine = this.RULE('unknownObjectLine', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.When);
    this.SUBRULE(this.orExpr);
  });

  private criteriaLine = this.RULE('criteriaLine', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Lead) },
      { ALT: () => this.CONSUME(T.Contact) },
      { ALT: () => this.CONSUME(T.Opportunity) },
    ]);
    this.CONSUME(T.When);
    this.SUBRULE(this.orExpr);
  });

  private dateFollows = this.RULE('dateFollows', () => {
    this.CONSUME(T.DateKw);
    this.CONSUME(T.Follows);
    this.SUBRULE(this.fieldName);
  });

  private fieldName = this.RULE('fieldName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.QuotedIdentifier) },
    ]);
  });

  private orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  private andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  private notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  private primary = this.RULE('primary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.orExpr);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.predicate) },
    ]);
  });

  private predicate = this.RULE('predicate', () => {
    this.SUBRULE(this.operand);
    this.OPTION(() => this.SUBRULE(this.predicateTail));
  });

  private predicateTail = this.RULE('predicateTail', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.CompOp);
          this.SUBRULE(this.operand);
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Not));
          this.CONSUME(T.In);
          this.SUBRULE(this.literalList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Is);
          this.OPTION2(() => this.CONSUME2(T.Not));
          this.CONSUME(T.Null);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Contains);
          this.SUBRULE2(this.operand);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Starts);
          this.CONSUME(T.With);
          this.SUBRULE3(this.operand);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Ends);
          this.CONSUME2(T.With);
          this.SUBRULE4(this.operand);
        },
      },
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Includes) },
            { ALT: () => this.CONSUME(T.Excludes) },
          ]);
          this.OR3([
            { ALT: () => this.SUBRULE2(this.literalList) },
            { ALT: () => this.SUBRULE(this.literal) },
          ]);
        },
      },
    ]);
  });

  private literalList = this.RULE('literalList', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.literal);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.literal);
    });
    this.CONSUME(T.RParen);
  });

  private operand = this.RULE('operand', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.fieldName) },
      { ALT: () => this.SUBRULE(this.literal) },
    ]);
  });

  private literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
      {
        ALT: () => {
          this.CONSUME(T.DateKw);
          this.CONSUME2(T.StringLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Datetime);
          this.CONSUME3(T.StringLiteral);
        },
      },
    ]);
  });
}

/** One parser instance is reused (Chevrotain parsers are stateful but reusable via `input`). */
let shared: StagesParser | undefined;
export function getParser(): StagesParser {
  shared ??= new StagesParser();
  return shared;
}
