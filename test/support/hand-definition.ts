/**
 * Hand-built evaluator definitions for runtime tests (no compiler involved): the default
 * schema's roles and field types, with predicates written as plain functions.
 */
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { EvaluatorDefinition, EvaluatorRecord, EvaluatorStage, RuntimeFieldType } from '../../src/runtime/index.js';

export type Pred = (r: EvaluatorRecord) => boolean;

export interface HandSpec {
  lead2?: Pred;
  lead3?: Pred;
  contact2?: Pred;
  contact3?: Pred;
  opportunity5?: Pred;
  opportunity6?: Pred;
  /** Stages switched off (2, 3, 5, 6). */
  unused?: number[];
  dateFollows?: string | null;
}

export function handDefinition(spec: HandSpec = {}): EvaluatorDefinition {
  const schema = loadDefaultSchema();
  const fields = (name: 'Engagement' | 'Lead' | 'Contact' | 'Opportunity'): Record<string, RuntimeFieldType> =>
    Object.fromEntries(Object.entries(schema.objects[name].fields).map(([f, d]) => [f, d.type]));
  const unused = new Set(spec.unused ?? []);
  const labels = ['Activation', 'MQL', 'SAL', 'Opportunity Created', 'SQL', 'Won'];
  const stages: EvaluatorStage[] = labels.map((label, i) => {
    const stage = (i + 1) as EvaluatorStage['stage'];
    const predicates =
      stage === 2 ? { Lead: spec.lead2, Contact: spec.contact2 }
      : stage === 3 ? { Lead: spec.lead3, Contact: spec.contact3 }
      : stage === 5 ? { Opportunity: spec.opportunity5 }
      : stage === 6 ? { Opportunity: spec.opportunity6 }
      : {};
    return {
      stage,
      label,
      enabled: !unused.has(stage),
      predicates,
      ...(stage === 6 ? { dateFollows: spec.dateFollows === undefined ? 'CloseDate' : spec.dateFollows } : {}),
    };
  });
  return {
    format: 1,
    journey: 'test',
    fingerprint: `hand:${JSON.stringify(spec.unused ?? [])}:${String(spec.dateFollows)}`,
    activationRecordType: 'Activation',
    stages,
    objects: {
      Engagement: { roles: schema.objects.Engagement.roles, fields: fields('Engagement') },
      Lead: { roles: schema.objects.Lead.roles, fields: fields('Lead') },
      Contact: { roles: schema.objects.Contact.roles, fields: fields('Contact') },
      Opportunity: { roles: schema.objects.Opportunity.roles, fields: fields('Opportunity') },
    },
  };
}

/** The shipped definition's criteria (examples/default.stages), by hand. */
export const DEFAULT_SPEC: HandSpec = {
  lead2: (r) => r.Status === 'Open' || r.Status === 'Routed',
  contact2: (r) => (r.Status === 'Open' || r.Status === 'Routed') && !(r.IsDeleted === true),
  lead3: (r) => r.Status === 'Working',
  contact3: (r) => r.Status === 'Working',
  opportunity5: (r) => typeof r.Probability === 'number' && r.Probability > 0,
  opportunity6: (r) => r.IsWon === true,
};

export const T = (day: number, hour = 0): string => new Date(Date.UTC(2025, 0, day, hour)).toISOString();

export function engagement(id: string, created: string | Date, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Id: id, RecordType: 'Activation', OwnerId: 'E-owner', LeadId: null, ContactId: null, CreatedDate: created, CompletionDate: null, ...extra };
}
export function lead(id: string, at: string | Date, activation: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Id: id, valid_from: at, CurrentActivationId: activation, OwnerId: 'L-owner', Status: 'New', ...extra };
}
export function contact(id: string, at: string | Date, activation: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Id: id, valid_from: at, CurrentActivationId: activation, OwnerId: 'C-owner', Status: 'New', ...extra };
}
export function opportunity(id: string, at: string | Date, activation: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Id: id, valid_from: at, ActivationId: activation, OwnerId: 'O-owner', Probability: 0, IsWon: false, CloseDate: null, ...extra };
}
