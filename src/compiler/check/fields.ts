/** Field lookup on a schema object: case-insensitive like SOQL, normalised to the schema's spelling. */
import type { FieldNode } from '../../grammar/ast.js';
import { closestMatch } from '../../grammar/did-you-mean.js';
import type { FieldRef } from '../ir.js';
import { OBJECT_NAMES, valueFamily, type FieldDef, type ObjectName, type Schema, type ValueFamily } from '../../schema/types.js';
import type { ProblemSink } from './problems.js';

export interface ResolvedField {
  readonly ref: FieldRef;
  readonly def: FieldDef;
  readonly family: ValueFamily;
  readonly node: FieldNode;
}

export class FieldResolver {
  private readonly byLowerName = new Map<string, string>();

  private readonly fields: Readonly<Record<string, FieldDef>>;

  constructor(
    readonly objectName: ObjectName,
    private readonly schema: Schema,
    private readonly sink: ProblemSink,
  ) {
    this.fields = schema.objects[objectName].fields;
    for (const name of Object.keys(this.fields)) {
      // An exact-case match wins; otherwise the first spelling (schemas rarely differ only in case).
      if (!this.byLowerName.has(name.toLowerCase())) this.byLowerName.set(name.toLowerCase(), name);
    }
  }

  /** Whether `name` names a field (case-insensitively); reports nothing. */
  has(name: string): boolean {
    return Object.hasOwn(this.fields, name) || this.byLowerName.has(name.toLowerCase());
  }

  /** The field, or undefined after reporting SC201 (unknown field, with did-you-mean). */
  resolve(node: FieldNode): ResolvedField | undefined {
    const name = Object.hasOwn(this.fields, node.name) ? node.name : this.byLowerName.get(node.name.toLowerCase());
    if (name === undefined) {
      const suggestion = closestMatch(node.name, Object.keys(this.fields));
      const hint = suggestion ? `; did you mean '${suggestion}'?` : this.elsewhere(node.name);
      this.sink.error('SC201', `unknown field '${node.name}' on ${this.objectName}${hint}`, node.span, suggestion);
      return undefined;
    }
    const def = this.fields[name];
    return { ref: { kind: 'field', name, column: def.column ?? name, type: def.type }, def, family: valueFamily(def.type), node };
  }

  /** ` (it is a field of Opportunity)` when another object has the field: a line for the wrong object. */
  private elsewhere(name: string): string {
    const owners = OBJECT_NAMES.filter((o) => o !== this.objectName && Object.keys(this.schema.objects[o].fields).some((f) => f.toLowerCase() === name.toLowerCase()));
    return owners.length > 0 ? ` (it is a field of ${owners.join(' and ')})` : '';
  }
}

const FAMILY_WORDS: Record<ValueFamily, string> = {
  text: 'text',
  picklist: 'picklist',
  multipicklist: 'multi-select picklist',
  boolean: 'boolean',
  number: 'number',
  date: 'date',
  datetime: 'datetime',
};

/** "picklist field 'Status'" — how messages name a field. */
export function describeField(f: ResolvedField): string {
  return `${FAMILY_WORDS[f.family]} field '${f.ref.name}'`;
}

export function familyWord(family: ValueFamily): string {
  return FAMILY_WORDS[family];
}
