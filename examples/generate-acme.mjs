#!/usr/bin/env node
/**
 * Generates examples/acme: the demo CRM history `stages run examples/default.stages --data
 * examples/acme` works on. Deterministic (seeded PRNG, fixed calendar, no clock, no locale):
 * running it again writes byte-identical files, so its output is committed and reviewed.
 *
 *   node examples/generate-acme.mjs [outDir]     (default: examples/acme next to this file)
 *
 * What it simulates (see examples/acme/README.md): people arriving as leads or existing
 * contacts; each Activation engagement starts a journey and moves the person's
 * CurrentActivationId; leads are routed (MQL), worked (SAL), converted to contacts (the
 * contact version at the same instant as the lead's Converted version, a different owner);
 * opportunities are created, qualified, won or lost, with probability and close-date edits
 * (also after winning); journeys complete; some people are later reactivated by a new
 * Activation, others go dormant and their status changes with no new journey. Plus the data
 * quality of a real org: influencing engagements, unattributed opportunities, skipped
 * stages, opportunities created before/after their journey's window, picklist values outside
 * the list, a few nulls, versions pointing at a journey a second before it exists.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'acme');
const PEOPLE = Number(process.argv[3] ?? 4200);
const SEED = 20251126;

// ---------------------------------------------------------------- randomness and time

/** mulberry32: small, fast, and the same on every platform. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const chance = (p) => rand() < p;
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (items) => items[Math.floor(rand() * items.length)];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 1);
/** The extract was taken at this instant: nothing happens after it. */
const END = Date.UTC(2025, 11, 31, 18, 0, 0);

const iso = (t) => new Date(t).toISOString();
const day = (t) => iso(t).slice(0, 10);
/** A business-hours-ish moment `lo..hi` ms after t, with millisecond noise. */
const after = (t, lo, hi) => t + between(lo, hi) + between(0, 999);

// ---------------------------------------------------------------- ids and people

const counters = new Map();
/** Salesforce-looking 15-character ids: key prefix + zero-padded counter. */
function nextId(prefix) {
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return prefix + String(n).padStart(12, '0');
}
const user = (n) => '005' + String(n).padStart(12, '0');
const MARKETING = [1, 2, 3, 4].map(user);
const SDRS = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(user);
const AES = [31, 32, 33, 34, 35, 36, 37, 38].map(user);
const LEAD_QUEUE = '00G000000000001';

const FIRST = ['Ana', 'Ben', 'Chloé', 'David', 'Elif', 'Farah', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomás', 'Uma', 'Viktor', 'Wei', 'Yara', 'Zoë'];
const LAST = ['Adler', 'Brown', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hansen', 'Ito', 'Jansen', 'Kowalski', 'Lopez', 'Müller', "O'Brien", 'Novak', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Weber'];
const COMPANIES = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'stark', 'wayne', 'tyrell', 'soylent', 'cyberdyne', 'wonka'];
const COUNTRIES = ['United States', 'Germany', 'France', 'United Kingdom', 'Japan', 'Brazil', 'India', 'Côte d’Ivoire', 'España'];
const TITLES = ['VP, Sales', 'Head of Data', 'CTO', 'Director of IT', 'Procurement Manager', 'Analyst', 'Chief "Everything" Officer'];
const SOURCES = ['Web', 'Web', 'Web', 'Event', 'Partner', 'Referral', 'Advertisement', 'Other'];
const INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Other'];
const INTERESTS = ['AI', 'Cloud', 'Security', 'Data'];

// ---------------------------------------------------------------- tables

const engagements = [];
const versions = { lead: [], contact: [], opportunity: [] };

/**
 * A versioned record: every change writes a full copy of its state at `t`. Versions of one
 * record get strictly increasing instants, so `(Id, valid_from)` is unique; nothing is
 * written after the extract instant.
 */
function makeRecord(table, id, state) {
  return { table, id, state: { Id: id, ...state }, last: -Infinity, closed: false };
}
function emit(record, t, changes) {
  if (record.closed) return null;
  let at = Math.max(t, record.last + 1);
  if (at > END) return null;
  Object.assign(record.state, changes);
  record.last = at;
  versions[record.table].push({ ...record.state, valid_from: iso(at) });
  return at;
}

function engagement(recordType, person, owner, created, completed = null) {
  const id = nextId('a0E');
  const row = {
    Id: id,
    RecordType: recordType,
    LeadId: person.lead?.id ?? null,
    ContactId: person.contact?.id ?? null,
    OwnerId: owner,
    CreatedDate: iso(created),
    CompletionDate: completed === null ? null : iso(completed),
  };
  engagements.push(row);
  return row;
}

function interests() {
  const chosen = INTERESTS.filter(() => chance(0.35));
  return chosen.length === 0 ? null : chosen.join(';');
}

function newPerson(t) {
  const first = pick(FIRST);
  const last = pick(LAST);
  const company = pick(COMPANIES);
  const email = `${first}.${last}@${company}.example`.normalize('NFD').toLowerCase().replace(/[^a-z0-9.@]/g, '');
  return {
    email,
    source: chance(0.03) ? 'Webinar' : pick(SOURCES), // 'Webinar' is not in the picklist: real orgs have such values
    company,
    lead: null,
    contact: null,
    journeys: [],
    born: t,
  };
}

function leadRecord(person, t) {
  const record = makeRecord('lead', nextId('00Q'), {
    OwnerId: LEAD_QUEUE,
    CurrentActivationId: null,
    ConvertedContactId: null,
    Status: 'New',
    LeadSource: person.source,
    Rating: chance(0.2) ? null : pick(['Hot', 'Warm', 'Cold', 'Cold']),
    Industry: chance(0.1) ? null : pick(INDUSTRIES),
    AnnualRevenue: chance(0.3) ? null : between(5, 5000) * 10_000,
    NumberOfEmployees: chance(0.2) ? null : between(1, 20_000),
    Score: chance(0.1) ? null : between(0, 1000) / 10,
    Country: chance(0.15) ? null : pick(COUNTRIES),
    Email: person.email,
    Interests: interests(),
    IsConverted: false,
    IsDeleted: false,
  });
  person.lead = record;
  return record;
}

function contactRecord(person, owner) {
  const record = makeRecord('contact', nextId('003'), {
    OwnerId: owner,
    CurrentActivationId: null,
    AccountId: '001' + String(COMPANIES.indexOf(person.company) + 1).padStart(12, '0'),
    Status: 'New',
    LeadSource: person.source,
    Title: chance(0.2) ? null : pick(TITLES),
    Email: person.email,
    Score: chance(0.1) ? null : between(0, 1000) / 10,
    Interests: interests(),
    IsDeleted: false,
  });
  person.contact = record;
  return record;
}

/** The record that currently represents the person: the contact once there is one. */
const current = (person) => person.contact ?? person.lead;

/** Unrelated edits (score, rating) that make version tables realistic. */
function noise(record, from, to) {
  const edits = between(0, 2);
  for (let i = 0; i < edits; i++) {
    const t = between(from, Math.max(from, to));
    if (t > record.last) {
      const changes = { Score: chance(0.1) ? null : between(0, 1000) / 10 };
      if (record.table === 'lead' && chance(0.5)) changes.Rating = pick(['Hot', 'Warm', 'Cold']);
      emit(record, t, changes);
    }
  }
}

// ---------------------------------------------------------------- opportunities

const STEPS = [
  ['Qualification', 20],
  ['Needs Analysis', 40],
  ['Proposal', 60],
  ['Negotiation', 80],
];

/**
 * One opportunity's life. Returns the instant it closed (or null while open / after the
 * extract). `activationId` goes on every version; only the earliest one counts (§4.2).
 */
function opportunity(created, activationId, owner) {
  const opp = makeRecord('opportunity', nextId('006'), {
    OwnerId: owner,
    ActivationId: activationId,
    StageName: 'Prospecting',
    Probability: chance(0.3) ? 0 : 10, // created unqualified 30% of the time: stage 5 comes later
    Amount: chance(0.05) ? null : between(2, 400) * 500,
    IsWon: false,
    IsClosed: false,
    CloseDate: day(created + between(30, 120) * DAY),
    Type: chance(0.1) ? null : pick(['New Business', 'New Business', 'Existing Business', 'Renewal']),
    LeadSource: chance(0.2) ? null : pick(SOURCES),
  });
  let t = emit(opp, created, {});
  if (t === null) return null;
  const depth = between(0, STEPS.length);
  for (let i = 0; i < depth; i++) {
    const [stage, probability] = STEPS[i];
    const changes = { StageName: stage, Probability: probability };
    if (chance(0.25)) changes.CloseDate = day(t + between(20, 90) * DAY); // the rep moves the close date
    if (chance(0.08)) changes.OwnerId = pick(AES); // reassigned
    t = emit(opp, after(t, 2 * DAY, 20 * DAY), changes);
    if (t === null) return null;
    if (chance(0.1)) {
      // A probability edit without a stage change, sometimes back to 0 (disqualified, then revived).
      t = emit(opp, after(t, HOUR, 5 * DAY), { Probability: chance(0.4) ? 0 : probability + 5 });
      if (t === null) return null;
    }
  }
  const outcome = rand();
  if (outcome < 0.15) return null; // still open
  const closeAt = after(t, DAY, 25 * DAY);
  let closed;
  if (outcome < 0.55) {
    // An integration that sets no probability on wins: stage 5 is then back-filled from stage 6.
    const probability = chance(0.05) ? null : 100;
    closed = emit(opp, closeAt, { StageName: 'Closed Won', Probability: probability, IsWon: true, IsClosed: true, CloseDate: day(closeAt) });
    if (closed !== null && chance(0.25)) {
      // Finance backdates the close date to the month's end after the win: stage 6 follows it.
      const d = new Date(closeAt);
      const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
      emit(opp, after(closed, DAY, 30 * DAY), { CloseDate: day(monthEnd) });
    } else if (closed !== null && chance(0.04)) {
      emit(opp, after(closed, HOUR, 10 * DAY), { CloseDate: null }); // cleared by an integration
    }
  } else if (outcome < 0.98) {
    closed = emit(opp, closeAt, { StageName: 'Closed Lost', Probability: 0, IsClosed: true, CloseDate: day(closeAt) });
  } else {
    // Not in the picklist: a custom stage some orgs add.
    closed = emit(opp, closeAt, { StageName: 'Closed - Duplicate', Probability: 0, IsClosed: true, CloseDate: day(closeAt) });
  }
  return closed;
}

// ---------------------------------------------------------------- journeys

/**
 * One journey of one person starting at `start`. Returns its completion instant, or null
 * when it is still open at the extract.
 */
function journey(person, start) {
  const isFirst = person.journeys.length === 0;
  const previous = person.journeys.at(-1) ?? null;
  if (person.lead === null && person.contact === null) leadRecord(person, start);
  const owner = chance(0.05) ? null : pick(MARKETING);
  const eng = engagement('Activation', person, owner, start);
  person.journeys.push(eng);
  let record = current(person);

  // Automation sets CurrentActivationId right after the engagement is created; now and then
  // the clocks disagree and the version is a second *before* the engagement exists.
  const link = chance(0.02) ? start - between(1, 3) * SECOND : after(start, 0, 90 * SECOND);
  const reopen = record.table === 'lead' ? { Status: 'New', OwnerId: LEAD_QUEUE } : { Status: 'New' };
  let t = emit(record, link, { CurrentActivationId: eng.Id, ...(isFirst ? {} : reopen) });
  if (t === null) return null;

  // Influencing engagements during the journey: they never stamp anything.
  for (let i = chance(0.3) ? between(1, 3) : 0; i > 0; i--) {
    const at = after(start, HOUR, 60 * DAY);
    if (at < END) engagement(chance(0.97) ? 'Influencing' : 'Event', person, pick(MARKETING), at, chance(0.5) ? at + between(1, 4) * HOUR : null);
  }

  const sdr = pick(SDRS);
  const ae = pick(AES);
  let opportunityAt = null;
  const path = rand();
  if (record.table === 'contact' && path < 0.1) {
    // Straight to an opportunity: no MQL, no SAL (back-filled from the opportunity).
    opportunityAt = after(t, HOUR, 10 * DAY);
  } else if (path < 0.35) {
    // Never routed: the person does not engage; nothing beyond stage 1.
    noise(record, t, t + 20 * DAY);
  } else {
    // MQL (routed), skipped 10% of the time (straight to Working).
    const skipMql = chance(0.1);
    if (!skipMql) {
      t = emit(record, after(t, 2 * HOUR, 3 * DAY), { Status: pick(['Open', 'Routed']), OwnerId: chance(0.02) ? null : sdr });
      if (t === null) return null;
    }
    noise(record, t, t + 5 * DAY);
    const worked = skipMql || chance(0.6);
    if (worked) {
      t = emit(record, after(t, HOUR, 10 * DAY), { Status: 'Working', OwnerId: sdr });
      if (t === null) return null;
      if (chance(0.55)) {
        // Qualified: a lead converts (contact + opportunity), a contact gets an opportunity.
        if (record.table === 'lead') {
          const tc = after(t, DAY, 20 * DAY);
          if (tc > END) return null;
          const contact = contactRecord(person, ae);
          // Some orgs leave the lead's status as it was on conversion: then lead and contact
          // meet stage 3 at the same instant and the Contact owner wins the tie (§4.3).
          const keepStatus = chance(0.2);
          emit(record, tc, { Status: keepStatus ? 'Working' : 'Converted', IsConverted: true, ConvertedContactId: contact.id });
          record.closed = true; // converted leads are read-only
          emit(contact, tc, { CurrentActivationId: eng.Id, Status: 'Working' });
          record = contact;
          t = tc;
          opportunityAt = chance(0.6) ? tc : after(tc, 10 * MINUTE, 5 * DAY);
        } else {
          opportunityAt = after(t, DAY, 15 * DAY);
        }
      }
    }
  }

  let completion = null;
  if (opportunityAt !== null) {
    const r = rand();
    // Attribution: mostly this journey; some unattributed; now and then the previous journey.
    const activationId = r < 0.86 ? eng.Id : r < 0.93 ? null : (previous?.Id ?? eng.Id);
    // A few are back-dated by data entry to before the journey began.
    const created = chance(0.02) ? start - between(1, 20) * DAY : opportunityAt;
    const closed = opportunity(created, activationId, ae);
    if (closed !== null) completion = after(closed, 0, 7 * DAY);
    if (chance(0.06)) opportunity(after(opportunityAt, 5 * DAY, 60 * DAY), eng.Id, pick(AES)); // a second deal
  } else {
    // Not progressing: nurture or disqualify, and the journey completes after a while.
    t = emit(record, after(t, 5 * DAY, 40 * DAY), { Status: pick(['Nurture', 'Nurture', 'Unqualified']) });
    if (t !== null) completion = after(t, 10 * DAY, 90 * DAY);
  }
  if (completion === null || completion > END) return null;
  eng.CompletionDate = iso(completion);

  // An opportunity attributed to the journey but created after it completed: never back-fills.
  if (chance(0.03)) opportunity(after(completion, 5 * DAY, 60 * DAY), eng.Id, pick(AES));
  return completion;
}

/** A dormant person: the status moves after the journey completed; no stamp, no new journey. */
function dormantChange(person, completion) {
  const record = current(person);
  const status = chance(0.1) ? 'Recycled' : pick(['Open', 'Routed', 'Working', 'Nurture']); // 'Recycled' is not in the picklist
  emit(record, after(completion, DAY, 120 * DAY), { Status: status });
}

function simulate() {
  const span = END - START - 30 * DAY;
  for (let i = 0; i < PEOPLE; i++) {
    // Arrivals grow over time (sqrt skews later), like a company that is growing.
    const born = START + Math.floor(Math.sqrt(rand()) * span);
    const person = newPerson(born);
    if (chance(0.3)) {
      // An existing contact (from an account), created long before marketing touches them.
      const contact = contactRecord(person, pick(AES));
      emit(contact, born - between(30, 400) * DAY, {});
    }
    let start = born;
    for (let n = 0; n < 4; n++) {
      const completion = journey(person, start);
      if (completion === null) break;
      if (chance(0.3)) dormantChange(person, completion);
      if (!chance(0.28)) break; // reactivated by a new Activation later, or not
      start = after(completion, 20 * DAY, 200 * DAY);
      if (start > END) break;
    }
    if (chance(0.005)) {
      // A broken flow points the person at an influencing engagement: it yields nothing.
      const influencing = engagement('Influencing', person, pick(MARKETING), after(born, DAY, 30 * DAY));
      emit(current(person), after(born, 31 * DAY, 40 * DAY), { CurrentActivationId: influencing.Id, Status: 'Open' });
    }
  }
}

// ---------------------------------------------------------------- output

const COLUMNS = {
  engagement: ['Id', 'RecordType', 'LeadId', 'ContactId', 'OwnerId', 'CreatedDate', 'CompletionDate'],
  lead: ['Id', 'valid_from', 'OwnerId', 'CurrentActivationId', 'ConvertedContactId', 'Status', 'LeadSource', 'Rating', 'Industry', 'AnnualRevenue', 'NumberOfEmployees', 'Score', 'Country', 'Email', 'Interests', 'IsConverted', 'IsDeleted'],
  contact: ['Id', 'valid_from', 'OwnerId', 'CurrentActivationId', 'AccountId', 'Status', 'LeadSource', 'Title', 'Email', 'Score', 'Interests', 'IsDeleted'],
  opportunity: ['Id', 'valid_from', 'OwnerId', 'ActivationId', 'StageName', 'Probability', 'Amount', 'IsWon', 'IsClosed', 'CloseDate', 'Type', 'LeadSource'],
};

function cell(value) {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(name, rows) {
  const columns = COLUMNS[name];
  // Stable order for reviewable diffs: by Id, then valid_from (ids and instants are ASCII).
  const sorted = [...rows].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0));
  const lines = [columns.join(','), ...sorted.map((r) => columns.map((c) => cell(r[c])).join(','))];
  writeFileSync(join(OUT, `${name}.csv`), `${lines.join('\n')}\n`);
  return sorted.length;
}

simulate();
mkdirSync(OUT, { recursive: true });
const counts = {
  engagement: writeCsv('engagement', engagements),
  lead: writeCsv('lead', versions.lead),
  contact: writeCsv('contact', versions.contact),
  opportunity: writeCsv('opportunity', versions.opportunity),
};
const journeys = engagements.filter((e) => e.RecordType === 'Activation').length;
process.stdout.write(`wrote ${OUT}: ${journeys} journeys; rows ${JSON.stringify(counts)}\n`);
