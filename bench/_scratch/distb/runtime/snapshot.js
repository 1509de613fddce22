/**
 * `snapshot()` / `restore`: the evaluator's state as plain JSON. Instants are epoch
 * milliseconds (null for none / open), records are tuples to keep large snapshots small.
 * Format (version 1):
 *
 * ```
 * { "format": "stagecraft-evaluator-snapshot", "version": 1, "fingerprint": "<definition>",
 *   "journeys": [[id, kind, created, completion, owner,
 *                 t2, rank2, owner2, source2, t3, rank3, owner3, source3], …],
 *   "pending": [[journeyIndex, t, stage, rank, owner, sourceId], …],
 *   "opportunities": [[id, journeyIndex, t4, owner4, t5, owner5, t6, owner6, latestT, latestDate], …] }
 * ```
 * `kind` is 0 (referenced, not upserted yet), 1 (Activation) or 2 (other record type);
 * indices point into `journeys`; -1 = no journey.
 */
import { SnapshotError } from './errors.js';
import { checkFingerprint } from './plan.js';
import { JourneyTable, OpportunityTable } from './tables.js';
const toJson = (t) => (Number.isFinite(t) ? t : null);
export function takeSnapshot(plan, journeys, opps) {
    const js = [];
    for (let j = 0; j < journeys.count; j++) {
        js.push([
            journeys.id(j), journeys.kind(j), toJson(journeys.created(j)), toJson(journeys.completion(j)), journeys.owner(j),
            toJson(journeys.candidateT(j, 2)), journeys.candidateRank(j, 2), journeys.candidateOwner(j, 2), journeys.candidateSource(j, 2),
            toJson(journeys.candidateT(j, 3)), journeys.candidateRank(j, 3), journeys.candidateOwner(j, 3), journeys.candidateSource(j, 3),
        ]);
    }
    const pending = [];
    for (const [j, list] of journeys.pending) {
        for (const c of list)
            pending.push([j, c.t, c.stage, c.rank, c.owner, c.sourceId]);
    }
    const os = [];
    for (let o = 0; o < opps.count; o++) {
        os.push([
            opps.id(o), opps.journey(o), opps.t(o, 4), opps.owner(o, 4), toJson(opps.t(o, 5)), opps.owner(o, 5),
            toJson(opps.t(o, 6)), opps.owner(o, 6), opps.latestT(o), toJson(opps.latestDate(o)),
        ]);
    }
    return { format: 'stagecraft-evaluator-snapshot', version: 1, fingerprint: plan.definition.fingerprint, journeys: js, pending, opportunities: os };
}
function fail(what) {
    throw new SnapshotError(`malformed snapshot: ${what}`);
}
const isStr = (v) => typeof v === 'string';
const isStrOrNull = (v) => v === null || typeof v === 'string';
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const isInt = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
const instant = (v, none, what) => (v === null ? none : isNum(v) ? v : fail(what));
/** Loads `snapshot` into empty tables; `intern` shares owner strings. Throws `SnapshotError`. */
export function restoreSnapshot(snapshot, plan, journeys, opps, intern) {
    if (typeof snapshot !== 'object' || snapshot === null)
        fail('expected an object');
    const s = snapshot;
    if (s.format !== 'stagecraft-evaluator-snapshot' || s.version !== 1)
        fail('not a version-1 stagecraft evaluator snapshot');
    checkFingerprint(plan, s.fingerprint);
    if (!Array.isArray(s.journeys) || !Array.isArray(s.pending) || !Array.isArray(s.opportunities))
        fail('journeys, pending and opportunities must be arrays');
    s.journeys.forEach((row, i) => {
        const at = `journeys[${i}]`;
        if (!Array.isArray(row) || row.length !== 13)
            fail(`${at} must be a 13-element array`);
        const [id, kind, created, completion, owner, t2, rank2, owner2, source2, t3, rank3, owner3, source3] = row;
        if (!isStr(id) || journeys.index.has(id))
            fail(`${at}: id missing or repeated`);
        if (!isInt(kind, 0, 2) || !isInt(rank2, 0, 3) || !isInt(rank3, 0, 3))
            fail(`${at}: kind/rank out of range`);
        if (![owner, owner2, source2, owner3, source3].every(isStrOrNull))
            fail(`${at}: owners and sources must be strings or null`);
        const c2 = instant(t2, NaN, `${at}: t2`);
        const c3 = instant(t3, NaN, `${at}: t3`);
        if ((c2 === c2) !== (source2 !== null) || (c3 === c3) !== (source3 !== null))
            fail(`${at}: a candidate needs both its instant and its source`);
        const j = journeys.slot(id);
        journeys.setEngagement(j, kind, instant(created, NaN, `${at}: created`), instant(completion, Infinity, `${at}: completion`), intern(owner));
        journeys.setCandidate(j, 2, c2, rank2, intern(owner2), source2);
        journeys.setCandidate(j, 3, c3, rank3, intern(owner3), source3);
    });
    s.pending.forEach((row, i) => {
        const at = `pending[${i}]`;
        if (!Array.isArray(row) || row.length !== 6)
            fail(`${at} must be a 6-element array`);
        const [j, t, stage, rank, owner, sourceId] = row;
        if (!isInt(j, 0, journeys.count - 1) || !isNum(t) || !isInt(stage, 2, 3) || !isInt(rank, 0, 1) || !isStrOrNull(owner) || !isStr(sourceId)) {
            fail(`${at}: bad field`);
        }
        let list = journeys.pending.get(j);
        if (list === undefined)
            journeys.pending.set(j, (list = []));
        list.push({ t, stage, rank, owner: intern(owner), sourceId });
    });
    s.opportunities.forEach((row, i) => {
        const at = `opportunities[${i}]`;
        if (!Array.isArray(row) || row.length !== 10)
            fail(`${at} must be a 10-element array`);
        const [id, j, t4, owner4, t5, owner5, t6, owner6, latestT, latestDate] = row;
        if (!isStr(id) || opps.index.has(id))
            fail(`${at}: id missing or repeated`);
        if (!isInt(j, -1, journeys.count - 1) || !isNum(t4) || !isNum(latestT))
            fail(`${at}: bad journey index or instant`);
        if (![owner4, owner5, owner6].every(isStrOrNull))
            fail(`${at}: owners must be strings or null`);
        const c5 = instant(t5, NaN, `${at}: t5`);
        const c6 = instant(t6, NaN, `${at}: t6`);
        const date = instant(latestDate, NaN, `${at}: latestDate`);
        const o = opps.add(id);
        opps.setCandidate(o, 4, t4, intern(owner4));
        opps.setCandidate(o, 5, c5, intern(owner5));
        opps.setCandidate(o, 6, c6, intern(owner6));
        opps.setLatest(o, latestT, date);
        if (j >= 0)
            opps.attach(o, j, journeys);
    });
}
//# sourceMappingURL=snapshot.js.map