/**
 * The deterministic synthetic dataset every benchmark runs on, in the shape of `examples/acme`:
 * people (leads, contacts, leads converting to contacts) with Activation journeys, Influencing
 * engagements, opportunities won and lost, close-date edits, completions, dormant status
 * changes and reactivations; about five versions per record.
 *
 * Exactly `n` rows are generated (engagement rows + versions of lead, contact, opportunity).
 * They are held columnar in typed arrays (≈ 50 bytes per row, outside the JS heap) and sorted
 * by time once, so each benchmark can materialise plain row objects (the `Dataset` row shape
 * of src/data/dataset.ts, fresh strings like a parser produces) chunk by chunk without timing
 * the generation, and write CSV files for the SQL engines from the very same rows.
 */
import { mulberry32, intBetween, pick } from './prng.mjs';

export const OBJ_ENGAGEMENT = 0;
export const OBJ_LEAD = 1;
export const OBJ_CONTACT = 2;
export const OBJ_OPPORTUNITY = 3;
export const OBJECT_NAMES = ['Engagement', 'Lead', 'Contact', 'Opportunity'];

const BASE_MS = Date.UTC(2023, 0, 1);
const DAY = 86400;
const HOUR = 3600;
/** Rows per person on average (measured on the generator); only used to spread creation times. */
const ROWS_PER_PERSON = 8;
const SPAN_SECONDS = 730 * DAY;
const NULL32 = -1;
const NO_NUMBER = Number.NaN;

const STATUS = ['New', 'Open', 'Routed', 'Working', 'Nurture', 'Qualified', 'Unqualified', 'Converted'];
const [NEW, OPEN, ROUTED, WORKING, NURTURE, QUALIFIED, UNQUALIFIED, CONVERTED] = [0, 1, 2, 3, 4, 5, 6, 7];
// Index 6 is outside the schema's picklist: real CRMs hold such values (SPEC §1).
const LEAD_SOURCE = ['Web', 'Event', 'Partner', 'Referral', 'Advertisement', 'Other', 'Webinar'];
const RATING = ['Hot', 'Warm', 'Cold'];
const INDUSTRY = ['Technology', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Other'];
const COUNTRY = ['US', 'DE', 'FR', 'GB', 'NL', 'SE', 'JP', 'BR', 'IN', 'CA', 'AU', 'ES'];
const TITLE = ['CTO', 'VP Engineering', 'Head of Data', 'Analyst', 'CFO', 'Director of IT', 'Developer'];
const INTERESTS = ['AI', 'Cloud', 'Security', 'Data'];
const STAGE_NAME = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
const [PROSPECTING, QUALIFICATION, NEEDS_ANALYSIS, PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST] = [0, 1, 2, 3, 4, 5, 6];
const OPP_TYPE = ['New Business', 'Existing Business', 'Renewal'];
const RECORD_TYPE = ['Activation', 'Influencing'];
const USERS = 200;
const ACCOUNTS = 5000;
const NO_CODE = 255;

const ID_PREFIX = ['a0E', '00Q', '003', '006'];
const USER_PREFIX = '005';
const ACCOUNT_PREFIX = '001';

/**
 * A flat 18-character Salesforce-style id (`00Q` + 15 digits). Built with fromCharCode so the
 * string is one flat sequential string, as a CSV or JSON parser would hand it to an
 * application (a `prefix + digits` concatenation would be a V8 cons string and inflate the
 * evaluator's retained heap for no reason of its own).
 */
const idCodes = new Array(18).fill(48);
export function formatId(prefix, n) {
  idCodes[0] = prefix.charCodeAt(0);
  idCodes[1] = prefix.charCodeAt(1);
  idCodes[2] = prefix.charCodeAt(2);
  let v = n;
  for (let i = 17; i >= 3; i--) {
    idCodes[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return String.fromCharCode.apply(null, idCodes);
}

/** `YYYY-MM-DD` per day since BASE, cached: formatting dominated row materialisation. */
const dayCodes = [];
function dayCodesOf(days) {
  let codes = dayCodes[days];
  if (codes === undefined) {
    const text = new Date(BASE_MS + days * DAY * 1000).toISOString().slice(0, 10);
    codes = Array.from(text, (c) => c.charCodeAt(0));
    dayCodes[days] = codes;
  }
  return codes;
}

const instantCodes = Array.from('2023-01-01T00:00:00.000Z', (c) => c.charCodeAt(0));
/** The canonical instant `YYYY-MM-DDTHH:MM:SS.000Z` of a second since BASE, as one flat string. */
function instant(sec) {
  const days = Math.floor(sec / DAY);
  const d = dayCodesOf(days);
  for (let i = 0; i < 10; i++) instantCodes[i] = d[i];
  let rest = sec - days * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / 60);
  const x = rest - m * 60;
  instantCodes[11] = 48 + Math.floor(h / 10);
  instantCodes[12] = 48 + (h % 10);
  instantCodes[14] = 48 + Math.floor(m / 10);
  instantCodes[15] = 48 + (m % 10);
  instantCodes[17] = 48 + Math.floor(x / 10);
  instantCodes[18] = 48 + (x % 10);
  return String.fromCharCode.apply(null, instantCodes);
}

function dateOfDays(days) {
  return String.fromCharCode.apply(null, dayCodesOf(days));
}

function interestsOf(mask) {
  if (mask === 0) return null;
  const parts = [];
  for (let i = 0; i < 4; i++) if (mask & (1 << i)) parts.push(INTERESTS[i]);
  return parts.join(';');
}

/** Columnar storage for exactly `capacity` rows. */
function allocate(capacity) {
  return {
    n: 0,
    capacity,
    obj: new Uint8Array(capacity),
    rid: new Uint32Array(capacity),
    sec: new Uint32Array(capacity),
    owner: new Uint16Array(capacity),
    act: new Int32Array(capacity), // CurrentActivationId / ActivationId (journey number) or -1
    status: new Uint8Array(capacity), // Status / StageName / RecordType
    src: new Uint8Array(capacity), // LeadSource (255 = null)
    cat: new Uint8Array(capacity), // Lead: Rating | Industry << 4; Contact: Title; Opp: Type
    country: new Uint8Array(capacity),
    flags: new Uint8Array(capacity), // bit0 IsConverted/IsWon, bit1 IsDeleted/IsClosed, bits 4-7 Interests
    num1: new Float64Array(capacity), // Score / Amount (NaN = null)
    num2: new Float64Array(capacity), // AnnualRevenue / Probability
    int1: new Int32Array(capacity), // NumberOfEmployees / CloseDate days / CompletionDate sec (-1 = null)
    ref1: new Int32Array(capacity), // ConvertedContactId / AccountId / Engagement LeadId
    ref2: new Int32Array(capacity), // person number (Email) / Engagement ContactId
  };
}

/**
 * Generates the world. Returns the columnar store plus counts and `order`: row indexes sorted
 * by time (valid_from, or CreatedDate for engagements), ties in generation order.
 */
export function generateWorld(n, seed = 20251126) {
  const s = allocate(n);
  const counters = { journeys: 0, engagements: 0, leads: 0, contacts: 0, opportunities: 0 };
  const persons = Math.max(1, Math.ceil(n / ROWS_PER_PERSON));
  let p = 0;
  while (s.n < s.capacity) {
    generatePerson(s, counters, p, persons, seed);
    p++;
  }
  counters.persons = p;
  // Sort by (second, row index) packed into one double: sec < 2^27, row < 2^24 (N ≤ 16.7M).
  if (n >= 2 ** 24) throw new Error('at most 16,777,215 rows');
  const keys = new Float64Array(n);
  for (let r = 0; r < n; r++) keys[r] = s.sec[r] * 16777216 + r;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i] % 16777216;
  const perObject = [0, 0, 0, 0];
  for (let r = 0; r < n; r++) perObject[s.obj[r]]++;
  let activations = 0;
  for (let r = 0; r < n; r++) if (s.obj[r] === OBJ_ENGAGEMENT && s.status[r] === 0) activations++;
  return { store: s, order, counters, rows: { Engagement: perObject[0], Lead: perObject[1], Contact: perObject[2], Opportunity: perObject[3] }, activations };
}

function emit(s, obj, rid, sec) {
  if (s.n >= s.capacity) return -1;
  const r = s.n++;
  s.obj[r] = obj;
  s.rid[r] = rid;
  s.sec[r] = sec;
  s.act[r] = NULL32;
  s.src[r] = NO_CODE;
  s.num1[r] = NO_NUMBER;
  s.num2[r] = NO_NUMBER;
  s.int1[r] = NULL32;
  s.ref1[r] = NULL32;
  s.ref2[r] = NULL32;
  return r;
}

function engagement(s, counters, sec, recordType, owner, lead, contact, completionSec) {
  const id = counters.engagements++;
  if (recordType === 0) counters.journeys++;
  const r = emit(s, OBJ_ENGAGEMENT, id, sec);
  if (r >= 0) {
    s.status[r] = recordType;
    s.owner[r] = owner;
    s.ref1[r] = lead;
    s.ref2[r] = contact;
    s.int1[r] = completionSec;
  }
  return id;
}

/** One person: their records and journeys, emitted in generation order (sorted later). */
function generatePerson(s, counters, p, persons, seed) {
  const rand = mulberry32((seed ^ Math.imul(p + 1, 0x9e3779b1)) >>> 0);
  const t0 = Math.floor((p / persons) * SPAN_SECONDS) + intBetween(rand, 0, HOUR);
  const kindRoll = rand();
  const kind = kindRoll < 0.5 ? 'lead' : kindRoll < 0.75 ? 'convert' : 'contact';
  const leadNum = kind === 'contact' ? NULL32 : counters.leads++;
  const contactNum = kind === 'lead' ? NULL32 : counters.contacts++;
  const person = {
    owner: intBetween(rand, 0, USERS - 1),
    src: rand() < 0.03 ? NO_CODE : rand() < 0.02 ? 6 : intBetween(rand, 0, 5),
    rating: intBetween(rand, 0, 2),
    industry: intBetween(rand, 0, 5),
    country: intBetween(rand, 0, COUNTRY.length - 1),
    revenue: rand() < 0.1 ? NO_NUMBER : Math.round(rand() * 5e7),
    employees: rand() < 0.1 ? NULL32 : intBetween(rand, 1, 20000),
    score: Math.round(rand() * 40),
    interests: intBetween(rand, 0, 15),
    title: intBetween(rand, 0, TITLE.length - 1),
    account: intBetween(rand, 0, ACCOUNTS - 1),
    deleted: rand() < 0.01,
  };

  // Journey 1 starts at t0. Its completion is only known once the story is written, so the
  // engagement row is emitted at the end with its final CompletionDate (the warehouse state).
  const journey = counters.engagements; // reserve the number by emitting later
  counters.engagements++;
  counters.journeys++;

  let t = t0;
  const gap = () => intBetween(rand, 60, 6 * DAY);
  // The first version usually lands at the journey's creation instant; 5% arrive a minute
  // before it (a version pointing at a journey not yet created).
  let current = kind === 'contact' ? OBJ_CONTACT : OBJ_LEAD;
  let currentNum = kind === 'contact' ? contactNum : leadNum;
  let versionTime = rand() < 0.05 ? t0 - 60 : t0;
  let status = NEW;
  let owner = person.owner;

  const personVersion = (obj, num, sec, st, act, opts = {}) => {
    const r = emit(s, obj, num, sec);
    if (r < 0) return;
    s.owner[r] = opts.owner ?? owner;
    s.act[r] = act;
    s.status[r] = st;
    s.src[r] = person.src;
    s.country[r] = person.country;
    s.num1[r] = person.score;
    s.ref2[r] = p;
    let flags = person.interests << 4;
    if (person.deleted && obj === OBJ_CONTACT) flags |= 2;
    if (obj === OBJ_LEAD) {
      s.cat[r] = (st === WORKING ? 0 : person.rating) | (person.industry << 4);
      s.num2[r] = person.revenue;
      s.int1[r] = person.employees;
      if (st === CONVERTED) {
        flags |= 1;
        s.ref1[r] = opts.convertedContact ?? NULL32;
      }
    } else {
      s.cat[r] = person.title;
      s.ref1[r] = person.account;
    }
    s.flags[r] = flags;
  };

  // Lead / contact status path up to Working (or an early dead end).
  const pathRoll = rand();
  const path =
    pathRoll < 0.6 ? [NEW, OPEN, ROUTED, WORKING] :
    pathRoll < 0.75 ? [NEW, OPEN, WORKING] :
    pathRoll < 0.85 ? [NEW, WORKING] :
    pathRoll < 0.93 ? [NEW, OPEN, NURTURE] :
    [NEW, OPEN, ROUTED, UNQUALIFIED];
  let completion = NULL32;
  let workingAt = NULL32;
  for (const st of path) {
    if (st === ROUTED) owner = intBetween(rand, 0, USERS - 1);
    personVersion(current, currentNum, versionTime, st, journey);
    status = st;
    if (st === WORKING) workingAt = versionTime;
    person.score += intBetween(rand, 1, 15);
    versionTime += gap();
  }
  if (status === NURTURE || status === UNQUALIFIED) completion = versionTime - 1;

  if (status === WORKING) {
    if (kind === 'convert') {
      // Conversion: the lead's Converted version and the contact's first version share the
      // instant; the contact has its own owner (SPEC: the Contact owner wins the tie).
      personVersion(OBJ_LEAD, leadNum, versionTime, CONVERTED, journey, { convertedContact: contactNum });
      owner = intBetween(rand, 0, USERS - 1);
      current = OBJ_CONTACT;
      currentNum = contactNum;
      personVersion(OBJ_CONTACT, contactNum, versionTime, WORKING, journey);
      versionTime += gap();
    } else if (kind === 'lead') {
      const outcome = rand();
      if (outcome < 0.35) {
        personVersion(OBJ_LEAD, leadNum, versionTime, QUALIFIED, journey);
        versionTime += gap();
      } else if (outcome < 0.55) {
        personVersion(OBJ_LEAD, leadNum, versionTime, UNQUALIFIED, journey);
        completion = versionTime + HOUR;
        versionTime += gap();
      }
    }
    // An opportunity for a good share of worked people.
    if (completion === NULL32 && rand() < 0.55) {
      const closed = opportunity(s, counters, rand, workingAt + intBetween(rand, HOUR, 10 * DAY), journey, person.src, owner);
      if (closed !== NULL32) completion = closed + DAY;
    }
  }

  // The journey's engagement row (final state), plus sometimes an Influencing engagement.
  emitReservedEngagement(s, journey, t0, owner, leadNum, contactNum, completion);
  if (rand() < 0.25) engagement(s, counters, t0 + gap(), 1, owner, leadNum, contactNum, NULL32);

  if (completion !== NULL32) {
    t = Math.max(versionTime, completion);
    // Dormant: the person's status moves after completion, still pointing at the completed journey.
    if (rand() < 0.3) {
      t += intBetween(rand, 5 * DAY, 30 * DAY);
      personVersion(current, currentNum, t, OPEN, journey);
    }
    // Reactivation: a new Activation, and the person's CurrentActivationId moves to it.
    if (rand() < 0.15) {
      t += intBetween(rand, 20 * DAY, 120 * DAY);
      const again = engagement(s, counters, t, 0, owner, leadNum, contactNum, NULL32);
      personVersion(current, currentNum, t + 60, OPEN, again);
      personVersion(current, currentNum, t + 60 + gap(), WORKING, again);
    }
  }
}

function emitReservedEngagement(s, id, sec, owner, lead, contact, completionSec) {
  const r = emit(s, OBJ_ENGAGEMENT, id, sec);
  if (r < 0) return;
  s.status[r] = 0;
  s.owner[r] = owner;
  s.ref1[r] = lead;
  s.ref2[r] = contact;
  s.int1[r] = completionSec;
}

/** An opportunity's versions; returns the instant it closed (or -1 while open). */
function opportunity(s, counters, rand, created, journey, src, personOwner) {
  const num = counters.opportunities++;
  const owner = rand() < 0.7 ? personOwner : intBetween(rand, 0, USERS - 1);
  const activation = rand() < 0.88 ? journey : NULL32;
  const type = intBetween(rand, 0, 2);
  let amount = Math.round(rand() * 200) * 500;
  let closeDays = Math.floor(created / DAY) + intBetween(rand, 20, 90);
  const path = [rand() < 0.3 ? PROSPECTING : QUALIFICATION, NEEDS_ANALYSIS, PROPOSAL, NEGOTIATION];
  const ending = rand();
  if (ending < 0.45) path.push(CLOSED_WON);
  else if (ending < 0.85) path.push(CLOSED_LOST);
  const probabilityOf = (st, first) =>
    st === PROSPECTING ? (first ? 0 : 10) : st === QUALIFICATION ? 20 : st === NEEDS_ANALYSIS ? 40 : st === PROPOSAL ? 60 : st === NEGOTIATION ? 80 : st === CLOSED_WON ? 100 : 0;
  let t = created;
  let closedAt = NULL32;
  const version = (st, sec, first) => {
    const r = emit(s, OBJ_OPPORTUNITY, num, sec);
    if (r < 0) return;
    s.owner[r] = owner;
    s.act[r] = activation;
    s.status[r] = st;
    s.src[r] = src;
    s.cat[r] = type;
    s.num1[r] = amount;
    s.num2[r] = probabilityOf(st, first);
    s.int1[r] = closeDays;
    s.flags[r] = (st === CLOSED_WON ? 1 : 0) | (st === CLOSED_WON || st === CLOSED_LOST ? 2 : 0);
  };
  path.forEach((st, i) => {
    if (i > 0) {
      t += intBetween(rand, HOUR, 12 * DAY);
      if (rand() < 0.3) closeDays += intBetween(rand, -5, 30);
      if (rand() < 0.4) amount = Math.round(amount * (0.8 + rand() * 0.5));
    }
    if (st === CLOSED_WON || st === CLOSED_LOST) {
      closeDays = Math.floor(t / DAY);
      closedAt = t;
    }
    version(st, t, i === 0);
  });
  // A close-date edit after winning (SPEC §4.4: the stage-6 date follows it).
  if (path[path.length - 1] === CLOSED_WON && rand() < 0.25) {
    t += intBetween(rand, HOUR, 10 * DAY);
    closeDays += intBetween(rand, -3, 3);
    version(CLOSED_WON, t, false);
  }
  return closedAt;
}

/**
 * Row `r` as a plain object: every schema field (null when absent) plus `valid_from` on
 * version tables — the normalised `Dataset` row of src/data/dataset.ts.
 */
export function rowAt(s, r) {
  const owner = formatId(USER_PREFIX, s.owner[r]);
  switch (s.obj[r]) {
    case OBJ_ENGAGEMENT: {
      const completion = s.int1[r];
      return {
        Id: formatId(ID_PREFIX[0], s.rid[r]),
        RecordType: RECORD_TYPE[s.status[r]],
        LeadId: s.ref1[r] === NULL32 ? null : formatId(ID_PREFIX[1], s.ref1[r]),
        ContactId: s.ref2[r] === NULL32 ? null : formatId(ID_PREFIX[2], s.ref2[r]),
        OwnerId: owner,
        CreatedDate: instant(s.sec[r]),
        CompletionDate: completion === NULL32 ? null : instant(completion),
      };
    }
    case OBJ_LEAD: {
      const cat = s.cat[r];
      const flags = s.flags[r];
      return {
        Id: formatId(ID_PREFIX[1], s.rid[r]),
        OwnerId: owner,
        CurrentActivationId: s.act[r] === NULL32 ? null : formatId(ID_PREFIX[0], s.act[r]),
        ConvertedContactId: s.ref1[r] === NULL32 ? null : formatId(ID_PREFIX[2], s.ref1[r]),
        Status: STATUS[s.status[r]],
        LeadSource: s.src[r] === NO_CODE ? null : LEAD_SOURCE[s.src[r]],
        Rating: RATING[cat & 15],
        Industry: INDUSTRY[cat >> 4],
        AnnualRevenue: Number.isNaN(s.num2[r]) ? null : s.num2[r],
        NumberOfEmployees: s.int1[r] === NULL32 ? null : s.int1[r],
        Score: Number.isNaN(s.num1[r]) ? null : s.num1[r],
        Country: COUNTRY[s.country[r]],
        Email: `p${s.ref2[r]}@example.com`,
        Interests: interestsOf(flags >> 4),
        IsConverted: (flags & 1) !== 0,
        IsDeleted: (flags & 2) !== 0,
        valid_from: instant(s.sec[r]),
      };
    }
    case OBJ_CONTACT: {
      const flags = s.flags[r];
      return {
        Id: formatId(ID_PREFIX[2], s.rid[r]),
        OwnerId: owner,
        CurrentActivationId: s.act[r] === NULL32 ? null : formatId(ID_PREFIX[0], s.act[r]),
        AccountId: formatId(ACCOUNT_PREFIX, s.ref1[r]),
        Status: STATUS[s.status[r]],
        LeadSource: s.src[r] === NO_CODE ? null : LEAD_SOURCE[s.src[r]],
        Title: TITLE[s.cat[r]],
        Email: `p${s.ref2[r]}@example.com`,
        Score: Number.isNaN(s.num1[r]) ? null : s.num1[r],
        Interests: interestsOf(flags >> 4),
        IsDeleted: (flags & 2) !== 0,
        valid_from: instant(s.sec[r]),
      };
    }
    default: {
      const flags = s.flags[r];
      return {
        Id: formatId(ID_PREFIX[3], s.rid[r]),
        OwnerId: owner,
        ActivationId: s.act[r] === NULL32 ? null : formatId(ID_PREFIX[0], s.act[r]),
        StageName: STAGE_NAME[s.status[r]],
        Probability: s.num2[r],
        Amount: Number.isNaN(s.num1[r]) ? null : s.num1[r],
        IsWon: (flags & 1) !== 0,
        IsClosed: (flags & 2) !== 0,
        CloseDate: s.int1[r] === NULL32 ? null : dateOfDays(s.int1[r]),
        Type: OPP_TYPE[s.cat[r]],
        LeadSource: s.src[r] === NO_CODE ? null : LEAD_SOURCE[s.src[r]],
        valid_from: instant(s.sec[r]),
      };
    }
  }
}

/**
 * The stream in time order as `{ object, row }` chunks of at most `size` (materialised on
 * demand, so the 10M-row full mode never holds all row objects at once).
 */
export function* chunks(world, size = 100_000, limit = world.order.length) {
  const { store, order } = world;
  for (let start = 0; start < limit; start += size) {
    const end = Math.min(limit, start + size);
    const objects = new Array(end - start);
    const rows = new Array(end - start);
    for (let i = start; i < end; i++) {
      const r = order[i];
      objects[i - start] = OBJECT_NAMES[store.obj[r]];
      rows[i - start] = rowAt(store, r);
    }
    yield { objects, rows };
  }
}
