/**
 * Hand-written end-to-end cases for the SQL engines (independent of the shared scenario
 * table, so the engines are known to work before it lands). Expected stamps are worked out
 * from SPEC §4 by hand.
 */
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { activation, contact, day, influencing, lead, opportunity, toDataset } from '../scenarios/build.js';
import { definition, specExample } from './fixtures.js';

export interface EngineCase {
  readonly name: string;
  readonly definition: CheckedDefinition;
  readonly data: Dataset;
  readonly expected: StampRow[];
}

const schema = loadDefaultSchema();
const LABELS = { 1: 'Activation', 2: 'MQL', 3: 'SAL', 4: 'Opportunity Created', 5: 'SQL', 6: 'Won' } as const;

function stamp(object: StampRow['object'], id: string, stage: StampRow['stage'], date: string, owner: string | null, inferred = false): StampRow {
  return { object, record_id: id, stage, label: LABELS[stage], stage_date: date, owner_id: owner, inferred };
}
const eng = (id: string, stage: StampRow['stage'], date: string, owner: string | null, inferred = false) =>
  stamp('engagement', id, stage, date, owner, inferred);
const opp = (id: string, stage: StampRow['stage'], date: string, owner: string | null, inferred = false) =>
  stamp('opportunity', id, stage, date, owner, inferred);

export const engineCases: EngineCase[] = [
  {
    name: 'first met, skipped stage 2 back-filled from stage 3, stage-6 date follows the latest CloseDate',
    definition: specExample(schema),
    data: toDataset(
      {
        Engagement: [activation('E1', day(1), 'U-eng')],
        Lead: [
          lead('L1', day(2), { Status: 'New', CurrentActivationId: 'E1', OwnerId: 'U-l1' }),
          lead('L1', day(3), { Status: 'Working', CurrentActivationId: 'E1', OwnerId: 'U-l2' }),
          lead('L1', day(4), { Status: 'Working', CurrentActivationId: 'E1', OwnerId: 'U-l3' }),
        ],
        Opportunity: [
          opportunity('O1', day(5), { ActivationId: 'E1', Probability: 0, OwnerId: 'U-o1' }),
          opportunity('O1', day(6), { ActivationId: 'E1', Probability: 20, OwnerId: 'U-o2' }),
          opportunity('O1', day(8), { ActivationId: 'E1', Probability: 100, IsWon: true, CloseDate: '2025-01-07', OwnerId: 'U-o3' }),
          opportunity('O1', day(9), { ActivationId: null, Probability: 100, IsWon: true, CloseDate: '2025-01-10', OwnerId: 'U-o4' }),
        ],
      },
      schema,
    ),
    expected: [
      eng('E1', 1, day(1), 'U-eng'),
      eng('E1', 2, day(3), 'U-l2', true),
      eng('E1', 3, day(3), 'U-l2'),
      opp('O1', 4, day(5), 'U-o1'),
      opp('O1', 5, day(6), 'U-o2'),
      opp('O1', 6, day(10), 'U-o3'),
    ],
  },
  {
    name: 'primary opportunity back-fills stages 2/3 only from inside the window; its null CloseDate keeps t',
    definition: specExample(schema),
    data: toDataset(
      {
        Engagement: [activation('E2', day(2), 'U-eng')],
        Opportunity: [
          opportunity('O-before', day(1), { ActivationId: 'E2', OwnerId: 'U-early' }),
          opportunity('O-b', day(4), { ActivationId: 'E2', OwnerId: 'U-b' }),
          opportunity('O-a', day(4), { ActivationId: 'E2', OwnerId: 'U-a', IsWon: true }),
        ],
      },
      schema,
    ),
    expected: [
      eng('E2', 1, day(2), 'U-eng'),
      eng('E2', 2, day(4), 'U-a', true),
      eng('E2', 3, day(4), 'U-a', true),
      opp('O-a', 4, day(4), 'U-a'),
      opp('O-a', 5, day(4), 'U-a', true),
      opp('O-a', 6, day(4), 'U-a'),
      opp('O-b', 4, day(4), 'U-b'),
      opp('O-before', 4, day(1), 'U-early'),
    ],
  },
  {
    name: 'conversion tie: the Contact owner wins; dormant and influencing journeys get nothing',
    definition: specExample(schema),
    data: toDataset(
      {
        Engagement: [
          activation('E3', day(1), 'U-eng'),
          activation('E4', day(1), 'U-eng4', { CompletionDate: day(2) }),
          influencing('E5', day(1), 'U-inf'),
        ],
        Lead: [
          lead('L3', day(2), { Status: 'Working', CurrentActivationId: 'E3', OwnerId: 'U-lead' }),
          lead('L4', day(3), { Status: 'Open', CurrentActivationId: 'E4', OwnerId: 'U-dormant' }),
          lead('L5', day(3), { Status: 'Open', CurrentActivationId: 'E5', OwnerId: 'U-influenced' }),
        ],
        Contact: [contact('C3', day(2), { Status: 'Working', CurrentActivationId: 'E3', OwnerId: 'U-contact' })],
      },
      schema,
    ),
    expected: [
      eng('E3', 1, day(1), 'U-eng'),
      eng('E3', 2, day(2), 'U-contact', true),
      eng('E3', 3, day(2), 'U-contact'),
      eng('E4', 1, day(1), 'U-eng4'),
    ],
  },
  {
    name: 'unused stages: no rows, no back-fill; nulls-last owner, code-point owner and id tie-breaks',
    definition: definition({
      3: { label: 'SAL', criteria: { Lead: { kind: 'compare', op: '=', left: { kind: 'field', name: 'Status', column: 'Status', type: 'picklist' }, right: { kind: 'literal', type: 'text', value: 'Working' } } } },
    }),
    data: toDataset(
      {
        Engagement: [
          activation('E6', day(1), null),
          activation('E7', day(1), 'U-eng7'),
          activation('E8', day(1), 'U-eng8'),
          activation('E9', day(1), 'U-eng9'),
        ],
        Lead: [
          lead('L-null-owner', day(2), { Status: 'Working', CurrentActivationId: 'E6', OwnerId: null }),
          lead('L-z', day(2), { Status: 'Working', CurrentActivationId: 'E6', OwnerId: 'U-z' }),
          // Owners differing in case only where the order differs: 'U' (U+0055) < 'u' (U+0075),
          // while a case-insensitive collation would put 'u-a' first.
          lead('L-lower-owner', day(2), { Status: 'Working', CurrentActivationId: 'E9', OwnerId: 'u-a' }),
          lead('L-upper-owner', day(2), { Status: 'Working', CurrentActivationId: 'E9', OwnerId: 'U-b' }),
        ],
        Opportunity: [
          opportunity('\u{1F600}', day(3), { ActivationId: 'E7', OwnerId: 'U-emoji' }),
          opportunity('\uFF21', day(3), { ActivationId: 'E7', OwnerId: 'U-fullwidth' }),
          // A linguistic collation (PostgreSQL's default here is ICU en-US) would put 'a-opp' first.
          opportunity('a-opp', day(4), { ActivationId: 'E8', OwnerId: 'U-lower' }),
          opportunity('B-opp', day(4), { ActivationId: 'E8', OwnerId: 'U-upper' }),
        ],
      },
      schema,
    ),
    expected: [
      { object: 'engagement', record_id: 'E6', stage: 1, label: 'Activation', stage_date: day(1), owner_id: null, inferred: false },
      // Same instant, stage and rank: the null owner sorts last.
      { object: 'engagement', record_id: 'E6', stage: 3, label: 'SAL', stage_date: day(2), owner_id: 'U-z', inferred: false },
      { object: 'engagement', record_id: 'E7', stage: 1, label: 'Activation', stage_date: day(1), owner_id: 'U-eng7', inferred: false },
      // Primary opportunity by code point: U+FF21 < U+1F600 (UTF-16 `<` would say the opposite).
      { object: 'engagement', record_id: 'E7', stage: 3, label: 'SAL', stage_date: day(3), owner_id: 'U-fullwidth', inferred: true },
      { object: 'engagement', record_id: 'E8', stage: 1, label: 'Activation', stage_date: day(1), owner_id: 'U-eng8', inferred: false },
      { object: 'engagement', record_id: 'E8', stage: 3, label: 'SAL', stage_date: day(4), owner_id: 'U-upper', inferred: true },
      { object: 'engagement', record_id: 'E9', stage: 1, label: 'Activation', stage_date: day(1), owner_id: 'U-eng9', inferred: false },
      // Same instant, stage and rank: the owner decides, by code point.
      { object: 'engagement', record_id: 'E9', stage: 3, label: 'SAL', stage_date: day(2), owner_id: 'U-b', inferred: false },
      { object: 'opportunity', record_id: 'B-opp', stage: 4, label: 'Opportunity Created', stage_date: day(4), owner_id: 'U-upper', inferred: false },
      { object: 'opportunity', record_id: 'a-opp', stage: 4, label: 'Opportunity Created', stage_date: day(4), owner_id: 'U-lower', inferred: false },
      { object: 'opportunity', record_id: '\uFF21', stage: 4, label: 'Opportunity Created', stage_date: day(3), owner_id: 'U-fullwidth', inferred: false },
      { object: 'opportunity', record_id: '\u{1F600}', stage: 4, label: 'Opportunity Created', stage_date: day(3), owner_id: 'U-emoji', inferred: false },
    ],
  },
];
