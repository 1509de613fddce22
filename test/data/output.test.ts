import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRecord } from '../../src/data/csv.js';
import { formatStampsCsv, formatStampsJson, outputFormatFor } from '../../src/data/output.js';
import { formatFunnel, summarizeFunnel } from '../../src/data/summary.js';
import type { StampRow } from '../../src/runtime/stamp.js';

const row = (over: Partial<StampRow>): StampRow => ({
  object: 'engagement',
  record_id: 'E1',
  stage: 1,
  label: 'Activation',
  stage_date: '2025-01-01T00:00:00.000Z',
  owner_id: 'U1',
  inferred: false,
  ...over,
});

// Deliberately out of order: the formatter sorts by object, record_id (code points), stage.
const rows: StampRow[] = [
  row({ object: 'opportunity', record_id: 'O1', stage: 4, label: 'Opportunity Created' }),
  row({ record_id: '\u{1F600}', stage: 1 }),
  row({ record_id: '\uFF21', stage: 1 }),
  row({ stage: 2, label: 'MQL, "routed"', owner_id: null, inferred: true }),
  row({ stage: 1 }),
];

describe('formatStampsCsv', () => {
  it('writes exactly the seven columns, sorted, quoted only when needed, with \\n line ends', () => {
    expect(formatStampsCsv(rows)).toBe(
      [
        'object,record_id,stage,label,stage_date,owner_id,inferred',
        'engagement,E1,1,Activation,2025-01-01T00:00:00.000Z,U1,false',
        'engagement,E1,2,"MQL, ""routed""",2025-01-01T00:00:00.000Z,,true',
        'engagement,\uFF21,1,Activation,2025-01-01T00:00:00.000Z,U1,false',
        'engagement,\u{1F600},1,Activation,2025-01-01T00:00:00.000Z,U1,false',
        'opportunity,O1,4,Opportunity Created,2025-01-01T00:00:00.000Z,U1,false',
        '',
      ].join('\n'),
    );
  });

  it('is just the header for no rows, and reads back through an RFC 4180 reader', () => {
    expect(formatStampsCsv([])).toBe('object,record_id,stage,label,stage_date,owner_id,inferred\n');
    const tricky = [row({ record_id: 'a,b"c\nd', label: ' x\r\ny ' })];
    const records = [...readCsv(formatStampsCsv(tricky))] as CsvRecord[];
    expect(records[1]!.cells.map((c) => c.text).slice(1, 4)).toEqual(['a,b"c\nd', '1', ' x\r\ny ']);
  });
});

describe('formatStampsJson', () => {
  it('writes an array of objects with the same keys in order, one per line', () => {
    const text = formatStampsJson(rows.slice(0, 2));
    expect(text).toBe(
      '[\n' +
        '  {"object":"engagement","record_id":"\u{1F600}","stage":1,"label":"Activation","stage_date":"2025-01-01T00:00:00.000Z","owner_id":"U1","inferred":false},\n' +
        '  {"object":"opportunity","record_id":"O1","stage":4,"label":"Opportunity Created","stage_date":"2025-01-01T00:00:00.000Z","owner_id":"U1","inferred":false}\n' +
        ']\n',
    );
    expect(JSON.parse(formatStampsJson(rows))).toHaveLength(5);
    expect(formatStampsJson([])).toBe('[]\n');
  });
});

describe('outputFormatFor', () => {
  it('chooses by extension, case-insensitively', () => {
    expect(outputFormatFor('out/stamps.CSV')).toBe('csv');
    expect(outputFormatFor('stamps.json')).toBe('json');
    expect(outputFormatFor('stamps.Parquet')).toBe('parquet');
    expect(outputFormatFor('stamps.txt')).toBeNull();
    expect(outputFormatFor('csv')).toBeNull();
  });
});

describe('funnel summary', () => {
  const stages = [
    { stage: 1, label: 'Activation', enabled: true },
    { stage: 2, label: 'MQL', enabled: true },
    { stage: 3, label: 'SAL', enabled: false },
    { stage: 4, label: 'Opportunity Created', enabled: true },
    { stage: 5, label: 'SQL', enabled: true },
    { stage: 6, label: 'Won', enabled: true },
  ] as const;
  // Four journeys; E1 and E2 reach MQL (E2 back-filled); E1's primary opportunity O1 reaches
  // stage 4; two opportunities in all (one unattributed) reach 4, one of them 5.
  const counts = {
    journeys: new Map([
      [1, { reached: 4, inferred: 0 }],
      [2, { reached: 2, inferred: 1 }],
      [4, { reached: 1, inferred: 0 }],
    ]),
    opportunities: new Map([
      [4, 2],
      [5, 1],
    ]),
  };

  it('counts journeys, the inferred share and the conversion from the previous enabled stage (SPEC §4.7)', () => {
    const lines = summarizeFunnel(counts, stages);
    expect(lines.map((l) => [l.stage, l.journeys, l.inferredShare, l.conversion, l.opportunities])).toEqual([
      [1, 4, 0, null, null],
      [2, 2, 0.5, 0.5, null],
      [3, 0, null, null, null],
      [4, 1, 0, 0.5, 2],
      [5, 0, null, 0, 1],
      [6, 0, null, null, 0],
    ]);
  });

  it('renders a compact table and the opportunity funnel', () => {
    expect(formatFunnel(summarizeFunnel(counts, stages), 'Acme')).toBe(
      [
        'Acme',
        'stage  label                journeys  inferred  conversion',
        '1      Activation                  4      0.0%           –',
        '2      MQL                         2     50.0%       50.0%',
        '3      SAL                    unused',
        '4      Opportunity Created         1      0.0%       50.0%',
        '5      SQL                         0         –        0.0%',
        '6      Won                         0         –           –',
        'all opportunities: 4 Opportunity Created 2 → 5 SQL 1 → 6 Won 0',
        '',
      ].join('\n'),
    );
  });
});
