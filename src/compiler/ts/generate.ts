/**
 * `compileTs(def)`: the checked IR → one self-describing TypeScript module for the runtime
 * (SPEC §6). The module structure (import, record interfaces, one function per stage ×
 * object predicate, the definition constant, the default export) is built with ts-morph;
 * only expressions are produced as text, by `predicates.ts`, from escaped literals.
 */
import { createHash } from 'node:crypto';
import {
  IndentationText,
  Project,
  QuoteKind,
  StructureKind,
  VariableDeclarationKind,
  type CodeBlockWriter,
  type OptionalKind,
  type PropertySignatureStructure,
  type SourceFileStructure,
  type StatementStructures,
} from 'ts-morph';
import type { CheckedDefinition, CriteriaObject, StageNumber } from '../ir.js';
import { ACTIVATION_RECORD_TYPE, valueFamily, type FieldType, type ObjectDef, type ObjectName } from '../../schema/types.js';
import { compilePredicate, fieldsRead } from './predicates.js';
import { tsFieldType, tsPropertyName, tsString, tsStringRecord } from './literals.js';

/** The runtime entry the generated module imports (its only import). */
export const RUNTIME_SPECIFIER = 'stagecraft/runtime';

export const RECORD_INTERFACES: Readonly<Record<ObjectName, string>> = {
  Engagement: 'EngagementRecord',
  Lead: 'LeadVersion',
  Contact: 'ContactVersion',
  Opportunity: 'OpportunityVersion',
};

const VALUE_TYPE = 'string | number | boolean | null | undefined';

function typeComment(type: FieldType): string {
  switch (type) {
    case 'date':
      return 'date `YYYY-MM-DD`';
    case 'datetime':
      return 'instant `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC)';
    case 'multipicklist':
      return 'multi-select picklist, values joined with `;`';
    default:
      return type;
  }
}

/** Interface members for an object's record: required id (and valid_from / CreatedDate), other fields optional. */
function recordMembers(object: ObjectName, def: ObjectDef<{ id: string }>): OptionalKind<PropertySignatureStructure>[] {
  const required = new Set<string>([def.roles.id]);
  if (object === 'Engagement') required.add((def.roles as unknown as { created: string }).created);
  const members: OptionalKind<PropertySignatureStructure>[] = [];
  for (const [name, field] of Object.entries(def.fields)) {
    const isRequired = required.has(name);
    members.push({
      name: tsPropertyName(name),
      isReadonly: true,
      hasQuestionToken: !isRequired,
      type: isRequired ? 'string' : `${tsFieldType(field.type)} | null`,
      docs: [typeComment(field.type)],
    });
  }
  if (object !== 'Engagement') {
    const validFrom = (def.roles as unknown as { validFrom: string }).validFrom;
    members.push({ name: tsPropertyName(validFrom), isReadonly: true, type: 'string', docs: ['instant this version starts (UTC)'] });
  }
  return members;
}

function normalCheckName(object: ObjectName): string {
  return `normal${object}`;
}

/**
 * The fields of `object` the evaluator reads — its role fields, the fields its criteria
 * compare, the date-follows field — in schema order. Only these are validated on upsert: a
 * CRM object has hundreds of fields, and one the definition never reads cannot change a stamp
 * (docs/runtime.md).
 */
export function fieldsReadBy(def: CheckedDefinition, object: ObjectName): string[] {
  const o = def.schema.objects[object];
  const roles = { ...(o.roles as unknown as Record<string, string>) };
  if (object === 'Engagement') {
    // The engagement's lead and contact are carried to the SQL wide view only; the evaluator
    // never reads them (they never decide a stamp, §4.2), so it does not validate them either.
    delete roles.lead;
    delete roles.contact;
  }
  const read = new Set<string>(Object.values(roles));
  for (const stage of def.stages) {
    const criteria = object === 'Engagement' ? undefined : stage.criteria[object];
    if (criteria !== undefined) for (const name of fieldsRead(criteria)) read.add(name);
    if (object === 'Opportunity' && stage.dateFollows !== undefined) read.add(stage.dateFollows);
  }
  return Object.keys(o.fields).filter((name) => read.has(name));
}

/**
 * The compiled validation fast path of one object (`EvaluatorObject.isNormal`): one static
 * property read per field the evaluator reads, instead of the runtime's loop over field names.
 */
function normalCheck(object: ObjectName, def: ObjectDef<{ id: string }>, read: readonly string[]): { object: ObjectName; name: string; expression: string; helpers: string[] } {
  const skip = new Set<string>([def.roles.id]);
  if (object === 'Engagement') skip.add((def.roles as unknown as { created: string }).created);
  const helpers: string[] = [];
  const tests: string[] = [];
  for (const name of read) {
    const field = def.fields[name];
    if (skip.has(name)) continue;
    const v = `v[${tsString(name)}]`;
    let test: string;
    switch (valueFamily(field.type)) {
      case 'boolean':
        test = `typeof ${v} === "boolean"`;
        break;
      case 'number':
        test = `Number.isFinite(${v})`;
        break;
      case 'date':
        helpers.push('isCanonicalDate');
        test = `isCanonicalDate(${v})`;
        break;
      case 'datetime':
        helpers.push('isCanonicalInstant');
        test = `isCanonicalInstant(${v})`;
        break;
      default: // text, ids, picklists, multi-select: a non-empty string (empty text is null)
        test = `(typeof ${v} === "string" && ${v} !== "")`;
    }
    tests.push(`(${v} == null || ${test})`);
  }
  return { object, name: normalCheckName(object), expression: tests.length === 0 ? 'true' : tests.join('\n    && '), helpers };
}

function predicateName(stage: StageNumber, object: CriteriaObject): string {
  return `stage${stage}${object}`;
}

/** Identifies the definition and schema; a snapshot only restores into an evaluator of the same. */
export function definitionFingerprint(def: CheckedDefinition): string {
  return createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 16);
}

/** The TypeScript source of the evaluator module for `def`. */
export function compileTs(def: CheckedDefinition): string {
  return printModule(moduleStatements(def));
}

/** The ts-morph structures of the evaluator module for `def`. */
export function moduleStatements(def: CheckedDefinition): StatementStructures[] {
  const objects = def.schema.objects;
  const statements: StatementStructures[] = [];
  const title = def.journey === null ? 'a stage definition' : `journey ${tsString(def.journey)}`;
  const objectNames = ['Engagement', 'Lead', 'Contact', 'Opportunity'] as const;
  const read = Object.fromEntries(objectNames.map((object) => [object, fieldsReadBy(def, object)])) as Record<ObjectName, string[]>;
  const validators = objectNames.map((object) => normalCheck(object, objects[object] as ObjectDef<{ id: string }>, read[object]));
  const helpers = [...new Set(validators.flatMap((v) => v.helpers))].sort();
  statements.push({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: RUNTIME_SPECIFIER,
    namedImports: [...helpers, { name: 'EvaluatorDefinition', isTypeOnly: true }],
    leadingTrivia: `// Generated by Stagecraft (\`stages compile --target ts\`) from ${title}.\n// Do not edit: recompile the .stages file. Imports nothing but the runtime.\n`,
  });

  for (const object of ['Engagement', 'Lead', 'Contact', 'Opportunity'] as const) {
    statements.push({
      kind: StructureKind.Interface,
      name: RECORD_INTERFACES[object],
      isExported: true,
      docs: [
        object === 'Engagement'
          ? 'An Engagement record, normalised as the runtime hands it to predicates (missing fields read as null).'
          : `A version of ${object}, normalised as the runtime hands it to predicates (missing fields read as null).`,
      ],
      indexSignatures: [{ keyName: 'field', keyType: 'string', returnType: VALUE_TYPE, isReadonly: true }],
      properties: recordMembers(object, objects[object] as ObjectDef<{ id: string }>),
    });
  }

  const predicateRefs = new Map<StageNumber, string[]>();
  for (const stage of def.stages) {
    if (!stage.enabled) continue;
    const refs: string[] = [];
    for (const object of ['Lead', 'Contact', 'Opportunity'] as const) {
      const p = stage.criteria[object];
      if (p === undefined) continue;
      const name = predicateName(stage.stage, object);
      refs.push(`${object}: ${name}`);
      statements.push({
        kind: StructureKind.Function,
        name,
        isExported: true,
        docs: [`Stage ${stage.stage} criteria on ${object} (SPEC §4.1: two-valued, null is a value).`],
        parameters: [{ name: 'r', type: RECORD_INTERFACES[object] }],
        returnType: 'boolean',
        statements: [`return ${compilePredicate(p)};`],
      });
    }
    predicateRefs.set(stage.stage, refs);
  }

  for (const v of validators) {
    statements.push({
      kind: StructureKind.Function,
      name: v.name,
      docs: [
        `Validation fast path for ${v.object}: every field but the id is absent, null or already normalised. ` +
          'When false, the runtime checks field by field, normalises, and names the offending field.',
      ],
      parameters: [{ name: 'v', type: 'Readonly<Record<string, unknown>>' }],
      returnType: 'boolean',
      statements: [`return ${v.expression};`],
    });
  }

  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['The definition the runtime evaluates: metadata and the compiled predicates above.'],
    declarations: [
      {
        name: 'definition',
        type: 'EvaluatorDefinition',
        initializer: (writer) => {
          writer.inlineBlock(() => {
            writer.writeLine('format: 1,');
            writer.writeLine(`journey: ${def.journey === null ? 'null' : tsString(def.journey)},`);
            writer.writeLine(`fingerprint: ${tsString(definitionFingerprint(def))},`);
            writer.writeLine(`activationRecordType: ${tsString(ACTIVATION_RECORD_TYPE)},`);
            const ids = objects.Engagement.recordTypes?.[ACTIVATION_RECORD_TYPE];
            if (ids !== undefined) writer.writeLine(`activationRecordTypeIds: [${ids.map(tsString).join(', ')}],`);
            writer.writeLine('stages: [');
            writer.indent(() => {
              for (const stage of def.stages) {
                const refs = predicateRefs.get(stage.stage) ?? [];
                const predicates = refs.length === 0 ? '{}' : `{ ${refs.join(', ')} }`;
                const follows = stage.stage === 6 ? `, dateFollows: ${stage.dateFollows === undefined ? 'null' : tsString(stage.dateFollows)}` : '';
                writer.writeLine(`{ stage: ${stage.stage}, label: ${tsString(stage.label)}, enabled: ${stage.enabled}, predicates: ${predicates}${follows} },`);
              }
            });
            writer.writeLine('],');
            writer.writeLine('objects: {');
            writer.indent(() => {
              for (const object of ['Engagement', 'Lead', 'Contact', 'Opportunity'] as const) {
                const o = objects[object];
                const fields = Object.fromEntries(read[object].map((name) => [name, o.fields[name].type]));
                writer.writeLine(
                  `${object}: { roles: ${tsStringRecord(o.roles as unknown as Record<string, string>)}, fields: ${tsStringRecord(fields)}, isNormal: ${normalCheckName(object)} },`,
                );
              }
            });
            writer.writeLine('},');
          });
        },
      },
    ],
  });
  statements.push({ kind: StructureKind.ExportAssignment, isExportEquals: false, expression: 'definition', leadingTrivia: '\n' });

  return statements;
}

/** ts-morph's printer for a source file structure: what `createSourceFile(path, structure)` prints with. */
interface SourceFilePrinter {
  printText(writer: CodeBlockWriter, structure: OptionalKind<SourceFileStructure>): void;
}

let sharedProject: Project | undefined;

function project(): Project {
  sharedProject ??= new Project({ useInMemoryFileSystem: true, manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double } });
  return sharedProject;
}

/**
 * ts-morph's own structure printer, reached through the project's context (not in ts-morph's
 * typings, hence the guarded lookup). `createSourceFile(path, structure)` prints with exactly
 * this printer and then parses the text into a TypeScript AST we never use — for a large
 * definition the parse was 80% of compileTs. Null when a ts-morph version lacks it.
 */
function structurePrinter(p: Project): SourceFilePrinter | null {
  const context = (p as unknown as { _context?: { structurePrinterFactory?: { forSourceFile?: (options: { isAmbient: boolean }) => SourceFilePrinter } } })._context;
  const factory = context?.structurePrinterFactory;
  return typeof factory?.forSourceFile === 'function' ? factory.forSourceFile({ isAmbient: false }) : null;
}

/** The module text of `statements`, printed by ts-morph in one pass (no incremental edits, no re-parse). */
export function printModule(statements: StatementStructures[], options: { viaSourceFile?: boolean } = {}): string {
  const p = project();
  const printer = options.viaSourceFile ? null : structurePrinter(p);
  if (printer === null) return p.createSourceFile('definition.ts', { statements }, { overwrite: true }).getFullText();
  const writer = p.createWriter();
  printer.printText(writer, { statements });
  return writer.toString();
}
