/**
 * The shared scenario table: one or more named cases per rule of SPEC §4, each with a small
 * dataset and HAND-WRITTEN expected stamps (worked out by reading the spec, never by running
 * an engine). Every engine — the reference model, DuckDB, PostgreSQL, the TypeScript
 * evaluator — runs this one table (test/scenarios/scenarios.test.ts).
 *
 * Conventions: `day(n)` is midnight UTC of 2025-01-n; owners are named after what they
 * stand for (`U-eng` owns the engagement, `U-lead` a lead version, …); expected rows are in
 * the §4.5 order: object ('engagement' < 'opportunity'), record_id by code point, stage.
 */
import type { Row } from '../../src/data/dataset.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { activation, at, contact, day, influencing, lead, opportunity, stampsFor, type Labels, type Scenario } from './build.js';

export type { Scenario } from './build.js';

// ---------------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------------

/** The shipped default, as in SPEC §2. */
const STANDARD = `journey "Scenario journey"

stage 1 "Activation"
stage 2 "MQL" {
  lead    when Status in ('Open', 'Routed')
  contact when Status in ('Open', 'Routed')
}
stage 3 "SAL" {
  lead    when Status = 'Working'
  contact when Status = 'Working'
}
stage 4 "Opportunity Created"
stage 5 "SQL" {
  opportunity when Probability > 0
}
stage 6 "Won" {
  opportunity when IsWon
  date follows CloseDate
}
`;
const STANDARD_LABELS: Labels = { 1: 'Activation', 2: 'MQL', 3: 'SAL', 4: 'Opportunity Created', 5: 'SQL', 6: 'Won' };
const { eng, opp } = stampsFor(STANDARD_LABELS);

/** Stage 3 marked unused: not stamped, not back-filled, its criteria produce nothing. */
const STAGE3_UNUSED = `stage 1 "Activation"
stage 2 "MQL" {
  lead when Status in ('Open', 'Routed')
}
stage 3 "SAL" unused
stage 4 "Opportunity Created"
stage 5 "SQL" {
  opportunity when Probability > 0
}
stage 6 "Won" {
  opportunity when IsWon
}
`;

/** Stages 1 and 4 left out (default labels), stages 2 and 5 absent (not stamped), no date follows. */
const SPARSE = `stage 3 "Accepted" {
  contact when Status = 'Working'
}
stage 6 "Closed Won" {
  opportunity when IsWon
}
`;
const SPARSE_LABELS: Labels = { 1: 'Activation', 2: '-', 3: 'Accepted', 4: 'Opportunity Created', 5: '-', 6: 'Closed Won' };

// ---------------------------------------------------------------------------------------------
// Operator scenarios (§4.1): one journey per lead (or one opportunity each), stamped when the
// predicate holds. The `hit` column is the hand-written truth value.
// ---------------------------------------------------------------------------------------------

type Case = readonly [what: string, fields: Readonly<Record<string, string | number | boolean | null>>, hit: boolean];

const OPERATOR_LABELS: Labels = { 1: 'Activation', 2: 'Hit', 3: '-', 4: 'Opportunity Created', 5: 'Hit', 6: '-' };

/** Stage 2 with one lead criteria line `expr`; lead Ln points at journey En. */
function leadOperator(name: string, expr: string, cases: readonly Case[]): Scenario {
  if (cases.length > 9) throw new Error('keep operator scenarios to 9 cases (ids E1..E9 sort as written)');
  const { eng: e } = stampsFor(OPERATOR_LABELS);
  const engagements: Row[] = [];
  const leads: Row[] = [];
  const expected: StampRow[] = [];
  cases.forEach(([, fields, hit], i) => {
    const n = i + 1;
    engagements.push(activation(`E${n}`, day(1), 'U-eng'));
    leads.push(lead(`L${n}`, day(2), { OwnerId: `U-lead${n}`, CurrentActivationId: `E${n}`, ...fields }));
    expected.push(e(`E${n}`, 1, day(1), 'U-eng'));
    if (hit) expected.push(e(`E${n}`, 2, day(2), `U-lead${n}`));
  });
  return {
    name: `${name}: ${cases.map(([what, , hit]) => `${what} → ${hit}`).join(', ')}`,
    rule: '§4.1',
    stages: `stage 2 "Hit" {\n  lead when ${expr}\n}\n`,
    data: { Engagement: engagements, Lead: leads },
    expected,
  };
}

/** Stage 5 with one opportunity criteria line `expr`; one single-version opportunity per case. */
function opportunityOperator(name: string, expr: string, cases: readonly Case[]): Scenario {
  if (cases.length > 9) throw new Error('keep operator scenarios to 9 cases');
  const { opp: o } = stampsFor(OPERATOR_LABELS);
  const opportunities: Row[] = [];
  const expected: StampRow[] = [];
  cases.forEach(([, fields, hit], i) => {
    const n = i + 1;
    opportunities.push(opportunity(`O${n}`, day(2), { OwnerId: `U-opp${n}`, ...fields }));
    expected.push(o(`O${n}`, 4, day(2), `U-opp${n}`));
    if (hit) expected.push(o(`O${n}`, 5, day(2), `U-opp${n}`));
  });
  return {
    name: `${name}: ${cases.map(([what, , hit]) => `${what} → ${hit}`).join(', ')}`,
    rule: '§4.1',
    stages: `stage 5 "Hit" {\n  opportunity when ${expr}\n}\n`,
    data: { Opportunity: opportunities },
    expected,
  };
}

const operatorScenarios: Scenario[] = [
  leadOperator('= is false against null and case-sensitive', `Status = 'Open'`, [
    ['Open', { Status: 'Open' }, true],
    ['null', { Status: null }, false],
    ['open', { Status: 'open' }, false],
    ['Routed', { Status: 'Routed' }, false],
  ]),
  leadOperator('!= is true against null (negation of =)', `Status != 'Open'`, [
    ['Open', { Status: 'Open' }, false],
    ['null', { Status: null }, true],
    ['open', { Status: 'open' }, true],
    ['outside the picklist', { Status: 'Zombie' }, true],
  ]),
  leadOperator('< is false on null', 'Score < 10', [
    ['5', { Score: 5 }, true],
    ['10', { Score: 10 }, false],
    ['-1.5', { Score: -1.5 }, true],
    ['null', { Score: null }, false],
  ]),
  leadOperator('<= is false on null', 'Score <= 10', [
    ['10', { Score: 10 }, true],
    ['10.000001', { Score: 10.000001 }, false],
    ['null', { Score: null }, false],
  ]),
  leadOperator('> is false on null', 'AnnualRevenue > 1000', [
    ['1000.5', { AnnualRevenue: 1000.5 }, true],
    ['1000', { AnnualRevenue: 1000 }, false],
    ['null', { AnnualRevenue: null }, false],
  ]),
  leadOperator('>= is false on null', 'NumberOfEmployees >= 50', [
    ['50', { NumberOfEmployees: 50 }, true],
    ['49', { NumberOfEmployees: 49 }, false],
    ['null', { NumberOfEmployees: null }, false],
  ]),
  leadOperator('in is false on null', `Status in ('Open', 'Routed')`, [
    ['Routed', { Status: 'Routed' }, true],
    ['null', { Status: null }, false],
    ['outside the picklist', { Status: 'Closed' }, false],
  ]),
  leadOperator('not in is true on null', `Status not in ('Open', 'Routed')`, [
    ['Open', { Status: 'Open' }, false],
    ['null', { Status: null }, true],
    ['Working', { Status: 'Working' }, true],
  ]),
  leadOperator('is null', 'Email is null', [
    ['null', { Email: null }, true],
    ['a@b.example', { Email: 'a@b.example' }, false],
  ]),
  leadOperator('is not null', 'Email is not null', [
    ['null', { Email: null }, false],
    ['a@b.example', { Email: 'a@b.example' }, true],
  ]),
  leadOperator('contains is false on null; % is a literal character', `Email contains '%'`, [
    ['50%off', { Email: '50%off' }, true],
    ['plain', { Email: 'plain' }, false],
    ['null', { Email: null }, false],
  ]),
  leadOperator('contains: _ is a literal character', `Email contains 'a_b'`, [
    ['xa_by', { Email: 'xa_by' }, true],
    ['axb', { Email: 'axb' }, false],
    ['A_B', { Email: 'A_B' }, false],
  ]),
  leadOperator('starts with is case-sensitive and false on null', `Country starts with 'US'`, [
    ['USA', { Country: 'USA' }, true],
    ['usa', { Country: 'usa' }, false],
    ['AUS', { Country: 'AUS' }, false],
    ['null', { Country: null }, false],
  ]),
  leadOperator('ends with is case-sensitive and false on null', `Email ends with '.com'`, [
    ['x@y.com', { Email: 'x@y.com' }, true],
    ['x@y.COM', { Email: 'x@y.COM' }, false],
    ['x.com.au', { Email: 'x.com.au' }, false],
    ['null', { Email: null }, false],
  ]),
  leadOperator('starts with / ends with: % and _ are literal', `Country starts with '_' or Country ends with '%'`, [
    ['_x', { Country: '_x' }, true],
    ['x%', { Country: 'x%' }, true],
    ['ax', { Country: 'ax' }, false],
  ]),
  leadOperator('includes: any listed set wholly contained; false on null', `Interests includes ('AI;Cloud', 'Data')`, [
    ['AI;Cloud', { Interests: 'AI;Cloud' }, true],
    ['Security;Cloud;AI', { Interests: 'Security;Cloud;AI' }, true],
    ['AI', { Interests: 'AI' }, false],
    ['Security;Data', { Interests: 'Security;Data' }, true],
    ['AIX;Cloud', { Interests: 'AIX;Cloud' }, false],
    ['null', { Interests: null }, false],
  ]),
  leadOperator('excludes is true on null', `Interests excludes ('AI')`, [
    ['null', { Interests: null }, true],
    ['AI', { Interests: 'AI' }, false],
    ['Cloud;AI', { Interests: 'Cloud;AI' }, false],
    ['Cloud', { Interests: 'Cloud' }, true],
    ['outside the list: AI2', { Interests: 'AI2' }, true],
  ]),
  leadOperator('bare boolean: null is false', 'IsConverted', [
    ['true', { IsConverted: true }, true],
    ['false', { IsConverted: false }, false],
    ['null', { IsConverted: null }, false],
  ]),
  leadOperator('not bare boolean: null is true', 'not IsConverted', [
    ['true', { IsConverted: true }, false],
    ['false', { IsConverted: false }, true],
    ['null', { IsConverted: null }, true],
  ]),
  leadOperator('boolean = literal is false on null, != true on null', 'IsConverted = false or IsDeleted != true', [
    ['false / true', { IsConverted: false, IsDeleted: true }, true],
    ['null / true', { IsConverted: null, IsDeleted: true }, false],
    ['true / null', { IsConverted: true, IsDeleted: null }, true],
  ]),
  leadOperator('field = field is true when both are null', 'Country = Email', [
    ['both null', { Country: null, Email: null }, true],
    ['equal', { Country: 'x', Email: 'x' }, true],
    ['left null', { Country: null, Email: 'x' }, false],
    ['right null', { Country: 'x', Email: null }, false],
    ['different', { Country: 'x', Email: 'X' }, false],
  ]),
  leadOperator('field != field is the negation of field = field', 'Country != Email', [
    ['both null', { Country: null, Email: null }, false],
    ['equal', { Country: 'x', Email: 'x' }, false],
    ['left null', { Country: null, Email: 'x' }, true],
    ['right null', { Country: 'x', Email: null }, true],
    ['different', { Country: 'x', Email: 'X' }, true],
  ]),
  leadOperator('field < field is false when either is null', 'Score < AnnualRevenue', [
    ['1 < 2', { Score: 1, AnnualRevenue: 2 }, true],
    ['2 < 2', { Score: 2, AnnualRevenue: 2 }, false],
    ['null < 2', { Score: null, AnnualRevenue: 2 }, false],
    ['1 < null', { Score: 1, AnnualRevenue: null }, false],
    ['both null', { Score: null, AnnualRevenue: null }, false],
  ]),
  leadOperator('not over a null comparison is plain negation', `not (Score > 10 or Status = 'Open')`, [
    ['null / null', { Score: null, Status: null }, true],
    ['20 / null', { Score: 20, Status: null }, false],
    ['null / Open', { Score: null, Status: 'Open' }, false],
    ['5 / Working', { Score: 5, Status: 'Working' }, true],
  ]),
  leadOperator('and / or / not nest with precedence or < and < not', `Status = 'Open' or not Rating = 'Hot' and Score >= 1`, [
    ['Open, Hot, null', { Status: 'Open', Rating: 'Hot', Score: null }, true],
    ['null, null, 1', { Status: null, Rating: null, Score: 1 }, true],
    ['null, Hot, 1', { Status: null, Rating: 'Hot', Score: 1 }, false],
    ['null, Cold, null', { Status: null, Rating: 'Cold', Score: null }, false],
  ]),
  leadOperator('text comparison is exact: quotes, backslashes, --, ; and non-ASCII', `Email = 'it\\'s -- "x"; \\\\ ü 😀'`, [
    ['exact', { Email: `it's -- "x"; \\ ü 😀` }, true],
    ['without the emoji', { Email: `it's -- "x"; \\ ü ` }, false],
    ['ASCII u', { Email: `it's -- "x"; \\ u 😀` }, false],
  ]),
  opportunityOperator('date comparison on CloseDate is false on null', `CloseDate < date '2025-03-01'`, [
    ['2025-02-28', { CloseDate: '2025-02-28' }, true],
    ['2025-03-01', { CloseDate: '2025-03-01' }, false],
    ['null', { CloseDate: null }, false],
  ]),
  opportunityOperator('date = and != on CloseDate', `CloseDate = date '2025-03-01' or CloseDate != date '2025-01-01' and Amount > 0`, [
    ['2025-03-01, null', { CloseDate: '2025-03-01', Amount: null }, true],
    ['null, 5', { CloseDate: null, Amount: 5 }, true],
    ['2025-01-01, 5', { CloseDate: '2025-01-01', Amount: 5 }, false],
  ]),
  opportunityOperator('picklist values with spaces; outside-the-list data', `StageName in ('Closed Won', 'Needs Analysis')`, [
    ['Closed Won', { StageName: 'Closed Won' }, true],
    ['Closed  Won', { StageName: 'Closed  Won' }, false],
    ['Won', { StageName: 'Won' }, false],
  ]),
  opportunityOperator('percent compares as a double', 'Probability >= 0.5 and Probability <= 99.5', [
    ['0.5', { Probability: 0.5 }, true],
    ['0.49', { Probability: 0.49 }, false],
    ['99.5', { Probability: 99.5 }, true],
    ['100', { Probability: 100 }, false],
  ]),
];

// ---------------------------------------------------------------------------------------------
// Journey and opportunity scenarios (§4.2 – §4.5)
// ---------------------------------------------------------------------------------------------

const journeyScenarios: Scenario[] = [
  {
    name: 'first met: each stage takes the date and owner of the first qualifying version',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [
        lead('L1', day(2), { Status: 'New', OwnerId: 'U-new', CurrentActivationId: 'E1' }),
        lead('L1', day(3), { Status: 'Open', OwnerId: 'U-open', CurrentActivationId: 'E1' }),
        lead('L1', day(4), { Status: 'Routed', OwnerId: 'U-routed', CurrentActivationId: 'E1' }),
        lead('L1', day(5), { Status: 'Working', OwnerId: 'U-working', CurrentActivationId: 'E1' }),
        lead('L1', day(6), { Status: 'Working', OwnerId: 'U-later', CurrentActivationId: 'E1' }),
      ],
    },
    expected: [eng('E1', 1, day(1), 'U-eng'), eng('E1', 2, day(3), 'U-open'), eng('E1', 3, day(5), 'U-working')],
  },
  {
    name: 'first met is by time, not by row order in the input',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Contact: [
        contact('C1', day(7), { Status: 'Working', OwnerId: 'U-late', CurrentActivationId: 'E1' }),
        contact('C1', at(3, '09:00:00.001'), { Status: 'Open', OwnerId: 'U-1ms-later', CurrentActivationId: 'E1' }),
        contact('C1', at(3, '09:00:00.000'), { Status: 'Routed', OwnerId: 'U-first', CurrentActivationId: 'E1' }),
      ],
    },
    expected: [eng('E1', 1, day(1), 'U-eng'), eng('E1', 2, at(3, '09:00:00.000'), 'U-first'), eng('E1', 3, day(7), 'U-late')],
  },
  {
    name: 'influencing engagements and engagements of other record types get no stamps and anchor nothing',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [
        influencing('E-inf', day(1), 'U-inf'),
        activation('E-act', day(1), 'U-act'),
        { Id: 'E-nulltype', RecordType: null, CreatedDate: day(1), OwnerId: 'U-x' },
        { Id: 'E-lower', RecordType: 'activation', CreatedDate: day(1), OwnerId: 'U-x' },
      ],
      Lead: [
        lead('L1', day(2), { Status: 'Open', OwnerId: 'U-lead1', CurrentActivationId: 'E-inf' }),
        lead('L2', day(3), { Status: 'Open', OwnerId: 'U-lead2', CurrentActivationId: 'E-act' }),
        lead('L3', day(2), { Status: 'Working', OwnerId: 'U-lead3', CurrentActivationId: 'E-nulltype' }),
        lead('L4', day(2), { Status: 'Working', OwnerId: 'U-lead4', CurrentActivationId: 'E-lower' }),
      ],
      Opportunity: [opportunity('O1', day(2), { OwnerId: 'U-opp', ActivationId: 'E-inf', Probability: 0 })],
    },
    expected: [eng('E-act', 1, day(1), 'U-act'), eng('E-act', 2, day(3), 'U-lead2'), opp('O1', 4, day(2), 'U-opp')],
  },
  {
    name: 'dormant journey: versions at or after CompletionDate stamp nothing and do not reactivate',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng', { CompletionDate: day(3) })],
      Lead: [
        lead('L1', day(2), { Status: 'New', OwnerId: 'U-new', CurrentActivationId: 'E1' }),
        lead('L1', day(3), { Status: 'Open', OwnerId: 'U-at-completion', CurrentActivationId: 'E1' }),
        lead('L1', day(4), { Status: 'Working', OwnerId: 'U-dormant', CurrentActivationId: 'E1' }),
      ],
    },
    expected: [eng('E1', 1, day(1), 'U-eng')],
  },
  {
    name: 'a version 1 ms before CompletionDate still counts (half-open window)',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng', { CompletionDate: at(3, '12:00') })],
      Contact: [contact('C1', at(3, '11:59:59.999'), { Status: 'Working', OwnerId: 'U-c', CurrentActivationId: 'E1' })],
    },
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, at(3, '11:59:59.999'), 'U-c', 'inferred'),
      eng('E1', 3, at(3, '11:59:59.999'), 'U-c'),
    ],
  },
  {
    name: 'reactivation: a new Activation starts a new journey; the link is CurrentActivationId alone',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [
        activation('E1', day(1), 'U-eng1', { LeadId: 'L1', CompletionDate: day(3) }),
        // LeadId names another person: carried to the output, never decides a stamp.
        activation('E2', day(5), 'U-eng2', { LeadId: 'L-someone-else' }),
      ],
      Lead: [
        lead('L1', day(2), { Status: 'Open', OwnerId: 'U-a', CurrentActivationId: 'E1' }),
        lead('L1', day(4), { Status: 'Working', OwnerId: 'U-dormant', CurrentActivationId: 'E1' }),
        lead('L1', day(6), { Status: 'Open', OwnerId: 'U-b', CurrentActivationId: 'E2' }),
        lead('L1', day(7), { Status: 'Working', OwnerId: 'U-c', CurrentActivationId: 'E2' }),
      ],
    },
    expected: [
      eng('E1', 1, day(1), 'U-eng1'),
      eng('E1', 2, day(2), 'U-a'),
      eng('E2', 1, day(5), 'U-eng2'),
      eng('E2', 2, day(6), 'U-b'),
      eng('E2', 3, day(7), 'U-c'),
    ],
  },
  {
    name: 'a version pointing at a journey not yet created (t < CreatedDate) stamps nothing; t = CreatedDate counts',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', at(3, '10:00'), 'U-eng')],
      Lead: [
        lead('L1', day(2), { Status: 'Working', OwnerId: 'U-early', CurrentActivationId: 'E1' }),
        lead('L1', at(3, '09:59:59.999'), { Status: 'Working', OwnerId: 'U-1ms-early', CurrentActivationId: 'E1' }),
        lead('L1', at(3, '10:00'), { Status: 'Open', OwnerId: 'U-on-time', CurrentActivationId: 'E1' }),
        lead('L1', day(5), { Status: 'Working', OwnerId: 'U-sal', CurrentActivationId: 'E1' }),
      ],
    },
    expected: [eng('E1', 1, at(3, '10:00'), 'U-eng'), eng('E1', 2, at(3, '10:00'), 'U-on-time'), eng('E1', 3, day(5), 'U-sal')],
  },
  {
    name: 'a version pointing at a non-existent engagement, or at none, stamps nothing',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [
        lead('L1', day(2), { Status: 'Open', OwnerId: 'U-a', CurrentActivationId: 'E-missing' }),
        lead('L2', day(2), { Status: 'Working', OwnerId: 'U-b', CurrentActivationId: null }),
        lead('L3', day(2), { Status: 'Working', OwnerId: 'U-c', CurrentActivationId: 'e1' }),
      ],
      Opportunity: [opportunity('O1', day(3), { OwnerId: 'U-opp', ActivationId: 'E-missing', Probability: 10 })],
    },
    expected: [eng('E1', 1, day(1), 'U-eng'), opp('O1', 4, day(3), 'U-opp'), opp('O1', 5, day(3), 'U-opp')],
  },
  {
    name: 'conversion tie: at the same instant the Contact owner wins over the Lead owner',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      // Owner and id order would favour the lead; source_rank (Contact 0, Lead 1) decides first.
      Lead: [lead('A-lead', at(2, '10:00'), { Status: 'Working', OwnerId: 'A-lead-owner', CurrentActivationId: 'E1', IsConverted: true })],
      Contact: [contact('Z-contact', at(2, '10:00'), { Status: 'Working', OwnerId: 'Z-contact-owner', CurrentActivationId: 'E1' })],
    },
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, at(2, '10:00'), 'Z-contact-owner', 'inferred'),
      eng('E1', 3, at(2, '10:00'), 'Z-contact-owner'),
    ],
  },
  {
    name: 'same instant: the lower source stage wins before the source rank',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [lead('L1', day(2), { Status: 'Open', OwnerId: 'U-lead', CurrentActivationId: 'E1' })],
      Contact: [contact('C1', day(2), { Status: 'Working', OwnerId: 'U-contact', CurrentActivationId: 'E1' })],
    },
    expected: [eng('E1', 1, day(1), 'U-eng'), eng('E1', 2, day(2), 'U-lead'), eng('E1', 3, day(2), 'U-contact')],
  },
  {
    name: 'owner null sorts last in a tie; a null engagement owner is reported as null',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), null)],
      Lead: [
        lead('L-a', day(2), { Status: 'Open', OwnerId: null, CurrentActivationId: 'E1' }),
        lead('L-b', day(2), { Status: 'Open', OwnerId: 'U-z', CurrentActivationId: 'E1' }),
        lead('L-c', day(3), { Status: 'Working', OwnerId: null, CurrentActivationId: 'E1' }),
      ],
    },
    expected: [eng('E1', 1, day(1), null), eng('E1', 2, day(2), 'U-z'), eng('E1', 3, day(3), null)],
  },
  {
    name: 'owner ids tie-break by code point: U+FF21 before an emoji (UTF-16 order would invert them)',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [
        lead('L1', day(2), { Status: 'Open', OwnerId: '\u{1F600}', CurrentActivationId: 'E1' }),
        lead('L2', day(2), { Status: 'Open', OwnerId: '\uFF21', CurrentActivationId: 'E1' }),
      ],
    },
    expected: [eng('E1', 1, day(1), 'U-eng'), eng('E1', 2, day(2), '\uFF21')],
  },
  {
    name: 'owner ids tie-break by code point: é < U+FF21 < emoji; the stage-3 contact at the same t loses stage 2 on source_stage',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [
        lead('L1', day(2), { Status: 'Open', OwnerId: '\u{1F600}', CurrentActivationId: 'E1' }),
        lead('L2', day(2), { Status: 'Open', OwnerId: '\uFF21', CurrentActivationId: 'E1' }),
        lead('L3', day(2), { Status: 'Open', OwnerId: '\u00E9', CurrentActivationId: 'E1' }),
        lead('L4', day(2), { Status: 'Open', OwnerId: '\uFF21', CurrentActivationId: 'E1' }),
      ],
      Contact: [contact('C1', day(2), { Status: 'Working', OwnerId: '\u{1F600}', CurrentActivationId: 'E1' })],
    },
    // Stage 2: direct lead candidates at day 2 (owners é < Ａ < 😀 by code point) → é.
    expected: [eng('E1', 1, day(1), 'U-eng'), eng('E1', 2, day(2), '\u00E9'), eng('E1', 3, day(2), '\u{1F600}')],
  },
  {
    name: 'primary opportunity ties on t are broken by Id in code point order (U+FF21 before an emoji), not by owner',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Opportunity: [
        opportunity('\u{1F600}', day(3), { OwnerId: 'A-owner', ActivationId: 'E1', Probability: 0 }),
        opportunity('\uFF21', day(3), { OwnerId: 'Z-owner', ActivationId: 'E1', Probability: 0 }),
      ],
    },
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, day(3), 'Z-owner', 'inferred'),
      eng('E1', 3, day(3), 'Z-owner', 'inferred'),
      // record_id order is by code point too: U+FF21 before U+1F600.
      opp('\uFF21', 4, day(3), 'Z-owner'),
      opp('\u{1F600}', 4, day(3), 'A-owner'),
    ],
  },
  {
    name: 'skipped stages are back-filled with the later milestone date and owner',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [
        lead('L1', day(2), { Status: 'New', OwnerId: 'U-new', CurrentActivationId: 'E1' }),
        lead('L1', day(4), { Status: 'Working', OwnerId: 'U-working', CurrentActivationId: 'E1' }),
        lead('L1', day(6), { Status: 'Open', OwnerId: 'U-open-later', CurrentActivationId: 'E1' }),
      ],
    },
    // The direct stage-2 candidate at day 6 is later than the stage-3 candidate at day 4.
    expected: [eng('E1', 1, day(1), 'U-eng'), eng('E1', 2, day(4), 'U-working', 'inferred'), eng('E1', 3, day(4), 'U-working')],
  },
  {
    name: "back-fill of stages 2 and 3 from the primary opportunity's creation",
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [
        lead('L1', day(2), { Status: 'New', OwnerId: 'U-new', CurrentActivationId: 'E1' }),
        lead('L1', day(4), { Status: 'Working', OwnerId: 'U-working', CurrentActivationId: 'E1' }),
      ],
      Opportunity: [opportunity('O1', day(3), { OwnerId: 'U-opp', ActivationId: 'E1', Probability: 0 })],
    },
    // The opportunity (day 3) comes before the lead is Working (day 4): it back-fills both 2 and 3.
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, day(3), 'U-opp', 'inferred'),
      eng('E1', 3, day(3), 'U-opp', 'inferred'),
      opp('O1', 4, day(3), 'U-opp'),
    ],
  },
  {
    name: 'back-fill from an opportunity only when it was created inside the journey window',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(2), 'U-eng', { CompletionDate: day(5) })],
      Opportunity: [
        opportunity('O-before', day(1), { OwnerId: 'U-before', ActivationId: 'E1' }),
        opportunity('O-at-end', day(5), { OwnerId: 'U-at-end', ActivationId: 'E1' }),
        opportunity('O-after', day(6), { OwnerId: 'U-after', ActivationId: 'E1' }),
      ],
    },
    expected: [
      eng('E1', 1, day(2), 'U-eng'),
      opp('O-after', 4, day(6), 'U-after'),
      opp('O-at-end', 4, day(5), 'U-at-end'),
      opp('O-before', 4, day(1), 'U-before'),
    ],
  },
  {
    name: 'primary opportunity: the least (t, Id) among those created inside the window',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(2), 'U-eng')],
      Opportunity: [
        opportunity('O0', day(1), { OwnerId: 'U-too-early', ActivationId: 'E1' }),
        opportunity('O3', day(3), { OwnerId: 'A-owner', ActivationId: 'E1' }),
        opportunity('O2', day(3), { OwnerId: 'Z-owner', ActivationId: 'E1' }),
        opportunity('O1', day(4), { OwnerId: 'U-later', ActivationId: 'E1' }),
      ],
    },
    // O2 and O3 tie on t; Id O2 wins although owner A-owner would win a full-key tie.
    expected: [
      eng('E1', 1, day(2), 'U-eng'),
      eng('E1', 2, day(3), 'Z-owner', 'inferred'),
      eng('E1', 3, day(3), 'Z-owner', 'inferred'),
      opp('O0', 4, day(1), 'U-too-early'),
      opp('O1', 4, day(4), 'U-later'),
      opp('O2', 4, day(3), 'Z-owner'),
      opp('O3', 4, day(3), 'A-owner'),
    ],
  },
  {
    name: 'only the primary opportunity back-fills, and only with its stage-4 candidate; a direct person candidate at the same t wins',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Contact: [contact('C1', day(3), { Status: 'Working', OwnerId: 'U-contact', CurrentActivationId: 'E1' })],
      Opportunity: [
        opportunity('O1', day(3), { OwnerId: 'U-opp', ActivationId: 'E1', Probability: 50 }),
        opportunity('O2', day(4), { OwnerId: 'U-opp2', ActivationId: 'E1', Probability: 50 }),
      ],
    },
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, day(3), 'U-contact', 'inferred'),
      eng('E1', 3, day(3), 'U-contact'),
      opp('O1', 4, day(3), 'U-opp'),
      opp('O1', 5, day(3), 'U-opp'),
      opp('O2', 4, day(4), 'U-opp2'),
      opp('O2', 5, day(4), 'U-opp2'),
    ],
  },
  {
    name: "opportunity attribution comes from its earliest version only; later ActivationId changes are ignored",
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng1'), activation('E2', day(1), 'U-eng2')],
      Opportunity: [
        // Listed latest first: the earliest version is found by valid_from, not by position.
        opportunity('O1', day(4), { OwnerId: 'U-o1-later', ActivationId: 'E2' }),
        opportunity('O1', day(3), { OwnerId: 'U-o1', ActivationId: 'E1' }),
        opportunity('O2', day(2), { OwnerId: 'U-o2', ActivationId: null }),
        opportunity('O2', day(3), { OwnerId: 'U-o2-later', ActivationId: 'E2' }),
      ],
    },
    expected: [
      eng('E1', 1, day(1), 'U-eng1'),
      eng('E1', 2, day(3), 'U-o1', 'inferred'),
      eng('E1', 3, day(3), 'U-o1', 'inferred'),
      eng('E2', 1, day(1), 'U-eng2'),
      opp('O1', 4, day(3), 'U-o1'),
      opp('O2', 4, day(2), 'U-o2'),
    ],
  },
  {
    name: 'an unattributed opportunity still gets stamps 4 to 6',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Opportunity: [
        opportunity('O1', day(2), { OwnerId: 'U-created', Probability: 0 }),
        opportunity('O1', day(3), { OwnerId: 'U-qualified', Probability: 20 }),
        opportunity('O1', day(5), { OwnerId: 'U-won', Probability: 100, IsWon: true, IsClosed: true, CloseDate: '2025-01-04' }),
      ],
    },
    expected: [opp('O1', 4, day(2), 'U-created'), opp('O1', 5, day(3), 'U-qualified'), opp('O1', 6, day(4), 'U-won')],
  },
  {
    name: "stage-6 date follows the latest version's CloseDate; the owner stays the winning candidate's",
    rule: '§4.4',
    stages: STANDARD,
    data: {
      Opportunity: [
        opportunity('O1', day(2), { OwnerId: 'U-created', Probability: 10, CloseDate: '2025-03-31' }),
        opportunity('O1', day(3), { OwnerId: 'U-won', Probability: 100, IsWon: true, CloseDate: '2025-02-01' }),
        opportunity('O1', day(6), { OwnerId: 'U-edited', Probability: 100, IsWon: true, CloseDate: '2025-01-20' }),
      ],
    },
    expected: [opp('O1', 4, day(2), 'U-created'), opp('O1', 5, day(2), 'U-created'), opp('O1', 6, day(20), 'U-won')],
  },
  {
    name: "stage-6 date: the latest version's CloseDate is null → t of the winning candidate",
    rule: '§4.4',
    stages: STANDARD,
    data: {
      Opportunity: [
        opportunity('O1', day(2), { OwnerId: 'U-won', IsWon: true, CloseDate: '2025-03-01' }),
        opportunity('O1', day(3), { OwnerId: 'U-cleared', IsWon: true, CloseDate: null }),
      ],
    },
    expected: [opp('O1', 4, day(2), 'U-won'), opp('O1', 5, day(2), 'U-won', 'inferred'), opp('O1', 6, day(2), 'U-won')],
  },
  {
    name: 'stage-6 date: the latest version no longer meets the criteria but still gives its CloseDate',
    rule: '§4.4',
    stages: STANDARD,
    data: {
      Opportunity: [
        opportunity('O1', day(2), { OwnerId: 'U-won', Probability: 100, IsWon: true, CloseDate: '2025-01-15' }),
        opportunity('O1', day(5), { OwnerId: 'U-reopened', Probability: 0, IsWon: false, CloseDate: '2025-02-28' }),
      ],
    },
    expected: [opp('O1', 4, day(2), 'U-won'), opp('O1', 5, day(2), 'U-won'), { ...opp('O1', 6, day(2), 'U-won'), stage_date: '2025-02-28T00:00:00.000Z' }],
  },
  {
    name: 'back-fill into stage 5 uses t, never the CloseDate',
    rule: '§4.4',
    stages: STANDARD,
    data: {
      Opportunity: [
        opportunity('O1', day(2), { OwnerId: 'U-created', Probability: 0 }),
        opportunity('O1', day(4), { OwnerId: 'U-won', Probability: 0, IsWon: true, CloseDate: '2025-01-10' }),
      ],
    },
    expected: [opp('O1', 4, day(2), 'U-created'), opp('O1', 5, day(4), 'U-won', 'inferred'), opp('O1', 6, day(10), 'U-won')],
  },
  {
    name: 'a version meeting stages 5 and 6 at once stamps both directly',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Opportunity: [
        opportunity('O1', day(2), { OwnerId: 'U-created' }),
        opportunity('O1', day(3), { OwnerId: 'U-both', Probability: 100, IsWon: true }),
      ],
    },
    expected: [opp('O1', 4, day(2), 'U-created'), opp('O1', 5, day(3), 'U-both'), opp('O1', 6, day(3), 'U-both')],
  },
  {
    name: 'the earliest version is stage 4 even when it already meets stages 5 and 6',
    rule: '§4.3',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Opportunity: [opportunity('O1', day(2), { OwnerId: 'U-o', ActivationId: 'E1', Probability: 100, IsWon: true, CloseDate: '2025-01-31' })],
    },
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, day(2), 'U-o', 'inferred'),
      eng('E1', 3, day(2), 'U-o', 'inferred'),
      opp('O1', 4, day(2), 'U-o'),
      opp('O1', 5, day(2), 'U-o'),
      opp('O1', 6, day(31), 'U-o'),
    ],
  },
  {
    name: 'unused stage 3: not stamped, its criteria ignored; stage 2 back-fills from stage 4 only',
    rule: '§2, §4.3',
    stages: STAGE3_UNUSED,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [lead('L1', day(3), { Status: 'Working', OwnerId: 'U-working', CurrentActivationId: 'E1' })],
      Opportunity: [
        opportunity('O1', day(5), { OwnerId: 'U-opp', ActivationId: 'E1', Probability: 0 }),
        opportunity('O1', day(6), { OwnerId: 'U-won', Probability: 0, IsWon: true, CloseDate: '2025-02-01' }),
      ],
    },
    // Stage 6 has no `date follows` here: its date is t.
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, day(5), 'U-opp', 'inferred'),
      opp('O1', 4, day(5), 'U-opp'),
      opp('O1', 5, day(6), 'U-won', 'inferred'),
      opp('O1', 6, day(6), 'U-won'),
    ],
  },
  {
    name: 'absent stages: 1 and 4 keep their default labels; absent 2 and 5 are neither stamped nor back-filled',
    rule: '§2, §4.3',
    stages: SPARSE,
    data: {
      Engagement: [activation('E1', day(1), 'U-eng')],
      Lead: [lead('L1', day(2), { Status: 'Open', OwnerId: 'U-lead', CurrentActivationId: 'E1' })],
      Contact: [contact('C1', day(4), { Status: 'Working', OwnerId: 'U-contact', CurrentActivationId: 'E1' })],
      Opportunity: [
        opportunity('O1', day(5), { OwnerId: 'U-opp', ActivationId: 'E1', Probability: 50 }),
        opportunity('O1', day(6), { OwnerId: 'U-won', Probability: 100, IsWon: true, CloseDate: '2025-03-01' }),
      ],
    },
    expected: (() => {
      const s = stampsFor(SPARSE_LABELS);
      return [
        s.eng('E1', 1, day(1), 'U-eng'),
        s.eng('E1', 3, day(4), 'U-contact'),
        s.opp('O1', 4, day(5), 'U-opp'),
        s.opp('O1', 6, day(6), 'U-won'),
      ];
    })(),
  },
  {
    name: 'completion before creation: an empty window, only stage 1',
    rule: '§4.2',
    stages: STANDARD,
    data: {
      Engagement: [activation('E1', day(5), 'U-eng', { CompletionDate: day(4) })],
      Lead: [lead('L1', day(5), { Status: 'Working', OwnerId: 'U-lead', CurrentActivationId: 'E1' })],
      Opportunity: [opportunity('O1', day(5), { OwnerId: 'U-opp', ActivationId: 'E1' })],
    },
    expected: [eng('E1', 1, day(5), 'U-eng'), opp('O1', 4, day(5), 'U-opp')],
  },
  {
    name: 'record ids in output are sorted by code point (emoji after U+FFxx, uppercase before lowercase)',
    rule: '§4.5',
    stages: STANDARD,
    data: {
      Engagement: [
        activation('e1', day(1), 'U-1'),
        activation('\u{1F600}', day(1), 'U-2'),
        activation('\uFFFD', day(1), 'U-3'),
        activation('E1', day(1), 'U-4'),
        activation('E10', day(1), 'U-5'),
        activation('E2', day(1), 'U-6'),
      ],
    },
    expected: [
      eng('E1', 1, day(1), 'U-4'),
      eng('E10', 1, day(1), 'U-5'),
      eng('E2', 1, day(1), 'U-6'),
      eng('e1', 1, day(1), 'U-1'),
      eng('\uFFFD', 1, day(1), 'U-3'),
      eng('\u{1F600}', 1, day(1), 'U-2'),
    ],
  },
  {
    name: 'adversarial ids and owners pass through unchanged',
    rule: '§4.5',
    stages: STANDARD,
    data: {
      Engagement: [activation(`E'1"; DROP TABLE lead; --`, day(1), `O'wner\\`)],
      Contact: [contact('C\\1', day(2), { Status: 'Open', OwnerId: 'own\ner', CurrentActivationId: `E'1"; DROP TABLE lead; --` })],
    },
    expected: [eng(`E'1"; DROP TABLE lead; --`, 1, day(1), `O'wner\\`), eng(`E'1"; DROP TABLE lead; --`, 2, day(2), 'own\ner')],
  },
];

export const scenarios: Scenario[] = [...journeyScenarios, ...operatorScenarios];
