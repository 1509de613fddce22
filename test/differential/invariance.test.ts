/**
 * Oracle 3 — the TypeScript evaluator (the generated module on `@stagecraft/runtime`) gives the
 * reference model's stamps whatever the delivery: records shuffled, some delivered twice,
 * journeys delivered open first and completed later, and the evaluator snapshotted (through
 * JSON) and restored at a random point. The `stamp`/`unstamp` events, replayed, must end in
 * the same relation as `stamps()`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import type { Dataset, Row } from '../../src/data/dataset.js';
import { createEvaluator, type Evaluator, type EvaluatorDefinition, type EvaluatorSnapshot } from '../../src/runtime/index.js';
import { compareStampRows, type StampRow } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { ObjectName, Schema } from '../../src/schema/types.js';
import { referenceStamps } from '../reference/model.js';
import { datasetArb, definitionArb, INSTANTS, type GeneratedDefinition } from '../support/arbitraries.js';
import { checkGenerated, checkProperty, DEEP, runParameters, stampDiff, writeRepro } from '../support/differential.js';

const schema = loadDefaultSchema();
const RUNS = DEEP ? 500 : 40;

interface Delivery {
  /** Seeds the shuffle. */
  readonly seed: number;
  /** Share of records delivered a second time. */
  readonly duplicates: number;
  /**
   * Deliver each engagement first in an earlier state, then as it is: `open` (CompletionDate
   * null: a journey completing), `moved` (another CompletionDate: completion corrected), `none`.
   */
  readonly earlier: 'none' | 'open' | 'moved';
  /** Snapshot and restore after this share of the deliveries (≥ 1: never). */
  readonly snapshotAt: number;
}

interface Case {
  readonly gen: GeneratedDefinition;
  readonly data: Dataset;
  readonly delivery: Delivery;
}

/** mulberry32: a tiny seeded PRNG so a case replays exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Upsert = readonly [ObjectName, Row];

/** The delivery order: shuffled, with duplicates, earlier engagement states delivered before the final one. */
function deliveries(schema_: Schema, data: Dataset, d: Delivery): Upsert[] {
  const next = random(d.seed);
  const all: Upsert[] = (Object.keys(data) as ObjectName[]).flatMap((object) => data[object].map((row): Upsert => [object, row]));
  for (const item of [...all]) if (next() < d.duplicates) all.push(item);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  if (d.earlier === 'none') return all;
  const completed = schema_.objects.Engagement.roles.completed;
  const out: Upsert[] = [];
  const seen = new Set<Row>();
  for (const item of all) {
    const [object, row] = item;
    if (object === 'Engagement' && !seen.has(row)) {
      seen.add(row);
      const other = INSTANTS[Math.floor(next() * INSTANTS.length)];
      const earlier = d.earlier === 'open' ? null : other === row[completed] ? null : other;
      if (earlier !== row[completed]) out.push(['Engagement', { ...row, [completed]: earlier }]);
    }
    out.push(item);
  }
  return out;
}

function key(s: StampRow): string {
  return JSON.stringify([s.object, s.record_id, s.stage]);
}

/** Feeds the deliveries; returns the final stamps and the relation the events describe. */
function deliver(definition: EvaluatorDefinition, items: readonly Upsert[], snapshotAt: number): { stamps: StampRow[]; replayed: StampRow[] } {
  const events = new Map<string, StampRow>();
  const listen = (ev: Evaluator) => {
    ev.on('stamp', (stamp) => void events.set(key(stamp), stamp));
    ev.on('unstamp', (previous) => void events.delete(key(previous)));
  };
  let ev = createEvaluator(definition);
  listen(ev);
  const cut = Math.floor(snapshotAt * items.length);
  items.forEach(([object, row], i) => {
    if (i === cut && snapshotAt < 1) {
      const saved = JSON.parse(JSON.stringify(ev.snapshot())) as EvaluatorSnapshot;
      ev = createEvaluator(definition, { restore: saved });
      listen(ev);
    }
    ev.upsert(object, row);
  });
  return { stamps: ev.stamps(), replayed: [...events.values()].sort(compareStampRows) };
}

describe('oracle 3: the TypeScript evaluator ignores delivery order, duplicates and snapshot/restore', () => {
  it(`${RUNS} generated cases`, async () => {
    const arb = fc.record({
      gen: definitionArb(schema),
      data: datasetArb(schema),
      delivery: fc.record({
        seed: fc.integer(),
        duplicates: fc.constantFrom(0, 0.3, 1),
        earlier: fc.constantFrom<Delivery['earlier']>('none', 'open', 'moved'),
        snapshotAt: fc.constantFrom(0, 0.25, 0.5, 0.9, 1),
      }),
    });
    const property = fc.asyncProperty(arb, async ({ gen, data, delivery }: Case) => {
      const checked = checkGenerated(gen.source, schema);
      const expected = referenceStamps(checked, data);
      const { stamps, replayed } = deliver(await loadCompiledDefinition(checked), deliveries(schema, data, delivery), delivery.snapshotAt);
      const diff = stampDiff(expected, stamps);
      if (diff !== null) throw new Error(`evaluator (delivery ${JSON.stringify(delivery)}) disagrees with the reference model:\n${diff}`);
      const events = stampDiff(stamps, replayed);
      if (events !== null) throw new Error(`stamp/unstamp events do not add up to stamps() (delivery ${JSON.stringify(delivery)}):\n${events}`);
    });
    const details = await checkProperty(property, runParameters(RUNS) as fc.Parameters<[Case]>, (c, error) =>
      writeRepro(schema, c.gen.source, c.data, `${String(error)}\n(delivery ${JSON.stringify(c.delivery)})`),
    );
    expect(details.failed).toBe(false);
  }, DEEP ? 3_600_000 : 120_000);
});
