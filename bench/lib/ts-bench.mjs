/**
 * The TypeScript-target measurements: the evaluator stamping the stream, the floor loop, the
 * compiled predicates against the interpreter and json-rules-engine, upsert latency and
 * retained heap. Every timed region covers only the loop over already materialised rows.
 */
import { chunks, OBJ_ENGAGEMENT, OBJECT_NAMES } from './synthetic.mjs';
import { interpret } from './interpreter.mjs';
import { nowMs, gc, percentile } from './stats.mjs';

const CHUNK = 65536;

/**
 * Where the timed loops read rows from. With `cache` all rows are materialised once and reused
 * by every run (run.mjs gives full mode a heap large enough); without, each run materialises
 * chunk by chunk outside the timed region (used for the retained-heap measurement, and
 * available when memory is short).
 */
export function rowSource(world, { cache }) {
  const cached = cache ? [...chunks(world, CHUNK)] : null;
  return {
    total: world.order.length,
    chunks: () => (cached ? cached : tenured(chunks(world, CHUNK))),
    /** Newly materialised rows (fresh strings), for the retained-heap measurement. */
    fresh: () => chunks(world, CHUNK),
    /**
     * `limit` rows spread evenly over the whole stream: runs of SAMPLE_RUN consecutive rows at
     * even intervals. The sample has the mix of objects and journey states of all N rows, and
     * within a run its rows lie together in memory as the evaluator's sequential pass finds them
     * (every k-th row alone would be read scattered, a cost the evaluator does not pay).
     */
    sample: (limit) => spread(cached ?? chunks(world, CHUNK), world.order.length, limit),
  };
}

const SAMPLE_RUN = 1000;

function* spread(source, total, limit) {
  const runs = Math.max(1, Math.ceil(limit / SAMPLE_RUN));
  const every = Math.max(SAMPLE_RUN, Math.floor(total / runs));
  let index = 0;
  let left = limit;
  for (const chunk of source) {
    if (left <= 0) return;
    const objects = [];
    const rows = [];
    for (let i = 0; i < chunk.rows.length && left > 0; i++, index++) {
      if (index % every >= SAMPLE_RUN) continue;
      objects.push(chunk.objects[i]);
      rows.push(chunk.rows[i]);
      left--;
    }
    if (rows.length > 0) yield { objects, rows };
  }
}

/**
 * Chunks moved to the old generation before they are handed out: two minor GCs promote the
 * freshly materialised rows, so the timed loop's own scavenges do not pay for copying the
 * input (the cached quick-mode rows are old already; this keeps full mode comparable).
 */
function* tenured(source) {
  for (const chunk of source) {
    if (typeof globalThis.gc === 'function') {
      globalThis.gc({ type: 'minor' });
      globalThis.gc({ type: 'minor' });
    }
    yield chunk;
  }
}

/** Compiled predicates of enabled stages, per object, as arrays (stage order). */
function compiledByObject(evaluatorDefinition) {
  const out = { Engagement: [], Lead: [], Contact: [], Opportunity: [] };
  for (const stage of evaluatorDefinition.stages) {
    if (!stage.enabled) continue;
    for (const [object, fn] of Object.entries(stage.predicates)) if (fn) out[object].push(fn);
  }
  return out;
}

/** IR predicates of enabled stages, per object, in the same order as compiledByObject. */
function irByObject(checkedDefinition) {
  const out = { Engagement: [], Lead: [], Contact: [], Opportunity: [] };
  for (const stage of checkedDefinition.stages) {
    if (!stage.enabled) continue;
    for (const [object, p] of Object.entries(stage.criteria)) if (p) out[object].push(p);
  }
  return out;
}

/**
 * The floor: the least work any evaluator must do — read every version once, find its journey
 * in a Map (engagements are put in it), call the compiled predicates of its object.
 */
export function floorPass(evaluatorDefinition, source) {
  const preds = compiledByObject(evaluatorDefinition);
  const { objects: o } = evaluatorDefinition;
  const engagementId = o.Engagement.roles.id;
  const link = { Lead: o.Lead.roles.currentActivation, Contact: o.Contact.roles.currentActivation, Opportunity: o.Opportunity.roles.activation };
  const journeys = new Map();
  let ms = 0;
  let hits = 0;
  for (const { objects, rows } of source.chunks()) {
    const t0 = nowMs();
    for (let i = 0; i < rows.length; i++) {
      const object = objects[i];
      const row = rows[i];
      if (object === 'Engagement') {
        journeys.set(row[engagementId], row);
        continue;
      }
      if (journeys.get(row[link[object]]) !== undefined) hits++;
      const fns = preds[object];
      for (let k = 0; k < fns.length; k++) if (fns[k](row)) hits++;
    }
    ms += nowMs() - t0;
  }
  return { ms, hits };
}

/**
 * The evaluator of the last pass, kept alive through the next one. Every run starts after a
 * forced full GC (stats.mjs `rounds`); when that GC collected the process's only evaluator, V8
 * dropped the hidden classes of its objects (nothing referenced them any more) and deoptimised
 * every runtime function compiled against them (`--trace-deopt`: "weak objects"), so each fresh
 * evaluator ran its first ~100k upserts on unoptimised code — the JIT warm-up the warm-up round
 * is there to exclude, and one an application pays once per process, not once per evaluator.
 */
let previousEvaluator = null;

/** The evaluator stamping every row (upserts in time order); `stamps()` timed separately. */
export function evaluatorPass(createEvaluator, evaluatorDefinition, source, { withStamps = true } = {}) {
  const ev = createEvaluator(evaluatorDefinition);
  let ms = 0;
  for (const { objects, rows } of source.chunks()) {
    const t0 = nowMs();
    for (let i = 0; i < rows.length; i++) ev.upsert(objects[i], rows[i]);
    ms += nowMs() - t0;
  }
  previousEvaluator = ev;
  if (!withStamps) return { ms, stampsMs: null, stamps: null, evaluator: ev };
  const t1 = nowMs();
  const stamps = ev.stamps();
  const stampsMs = nowMs() - t1;
  return { ms, stampsMs, stamps: stamps.length, evaluator: ev };
}

/** Every enabled stage predicate on every version, compiled functions; returns ms and #true. */
export function compiledPredicatesPass(evaluatorDefinition, source) {
  const preds = compiledByObject(evaluatorDefinition);
  let ms = 0;
  let hits = 0;
  for (const { objects, rows } of source.chunks()) {
    const t0 = nowMs();
    for (let i = 0; i < rows.length; i++) {
      const fns = preds[objects[i]];
      const row = rows[i];
      for (let k = 0; k < fns.length; k++) if (fns[k](row)) hits++;
    }
    ms += nowMs() - t0;
  }
  return { ms, hits };
}

/** The same predicates through the tree-walking interpreter of the IR. */
export function interpretedPredicatesPass(checkedDefinition, source) {
  const preds = irByObject(checkedDefinition);
  let ms = 0;
  let hits = 0;
  for (const { objects, rows } of source.chunks()) {
    const t0 = nowMs();
    for (let i = 0; i < rows.length; i++) {
      const ps = preds[objects[i]];
      const row = rows[i];
      for (let k = 0; k < ps.length; k++) if (interpret(ps[k], row)) hits++;
    }
    ms += nowMs() - t0;
  }
  return { ms, hits };
}

/**
 * json-rules-engine: `await engine.run(row)` per version over `limit` rows sampled evenly from
 * the whole stream (`source.sample`): its rate is compared with the evaluator's over all N rows,
 * so the sample must have the same mix — the stream's first rows hold more engagements (nothing
 * to run) and fewer opportunity versions than the whole.
 */
export async function rulesEnginePass(engines, source, limit) {
  let ms = 0;
  let hits = 0;
  let versions = 0;
  for (const { objects, rows } of source.sample(limit)) {
    const t0 = nowMs();
    for (let i = 0; i < rows.length; i++) {
      const engine = engines[objects[i]];
      if (engine === undefined) continue; // engagements: no criteria, nothing to run
      const result = await engine.run(rows[i]);
      hits += result.events.length;
    }
    ms += nowMs() - t0;
    versions += rows.length;
  }
  return { ms, hits, versions };
}

/** The interpreter's #true over the same sample of rows (checks the rules engine agrees). */
export function interpretedHits(checkedDefinition, source, limit) {
  const preds = irByObject(checkedDefinition);
  let hits = 0;
  for (const { objects, rows } of source.sample(limit)) {
    for (let i = 0; i < rows.length; i++) for (const p of preds[objects[i]]) if (interpret(p, rows[i])) hits++;
  }
  return hits;
}

/**
 * Retained memory: a fresh evaluator loaded with every row (freshly materialised, then dropped),
 * JavaScript heap used plus ArrayBuffer memory (typed arrays live outside the heap) after a full
 * GC, minus before, per Activation journey. Needs --expose-gc.
 */
function retainedBytes() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function retainedHeap(createEvaluator, evaluatorDefinition, source, journeys) {
  if (typeof globalThis.gc !== 'function') return { bytesPerJourney: null, evaluator: null };
  gc();
  const before = retainedBytes();
  const ev = createEvaluator(evaluatorDefinition);
  for (const { objects, rows } of source.fresh()) {
    for (let i = 0; i < rows.length; i++) ev.upsert(objects[i], rows[i]);
  }
  gc();
  const after = retainedBytes();
  return { bytesPerJourney: (after - before) / journeys, retainedBytes: after - before, evaluator: ev };
}

/**
 * Single upserts into a warm evaluator holding all journeys: new versions of existing records
 * (every k-th version of the stream, moved past the end of the data, one second apart), each
 * timed alone with hrtime. Returns percentiles in microseconds.
 */
export function upsertLatency(evaluator, world, count, warmup) {
  const { store, order } = world;
  const candidates = [];
  for (let i = 0; i < order.length; i++) if (store.obj[order[i]] !== OBJ_ENGAGEMENT) candidates.push(order[i]);
  const total = count + warmup;
  const step = Math.max(1, Math.floor(candidates.length / total));
  let lastSecond = 0;
  for (let i = 0; i < store.n; i++) lastSecond = Math.max(lastSecond, store.sec[i]);
  const base = Date.UTC(2023, 0, 1) + (lastSecond + 1) * 1000;
  const updates = [];
  for (let i = 0; i < total; i++) {
    const r = candidates[(i * step) % candidates.length];
    const row = rowOf(world, r);
    row.valid_from = new Date(base + i * 1000).toISOString();
    updates.push({ object: OBJECT_NAMES[store.obj[r]], row });
  }
  const samples = new Float64Array(count);
  for (let i = 0; i < total; i++) {
    const { object, row } = updates[i];
    const t0 = process.hrtime.bigint();
    evaluator.upsert(object, row);
    const dt = process.hrtime.bigint() - t0;
    if (i >= warmup) samples[i - warmup] = Number(dt) / 1000;
  }
  samples.sort();
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), max: samples[samples.length - 1], count };
}

function rowOf(world, r) {
  // Materialise one row (a copy, so it can be edited).
  for (const { rows } of chunksOfOne(world, r)) return { ...rows[0] };
  throw new Error('unreachable');
}

function* chunksOfOne(world, r) {
  yield* chunks({ store: world.store, order: Uint32Array.of(r) }, 1);
}
