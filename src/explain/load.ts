/**
 * The rows one explanation needs, selected from the tables `loadDatasetIntoDuckDb` builds
 * (the same validated, normalised tables the views read), and handed to the runtime's own
 * record validation so the compiled predicates see exactly what the evaluator would.
 *
 * Table and column names come from the schema (`tableLayout`): a customer schema with renamed
 * roles and tables works unchanged.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableLayout } from '../data/duckdb/layout.js';
import { ident, literal } from '../data/duckdb/sql-text.js';
import type { EvaluatorRecord } from '../runtime/definition.js';
import { compareCodePoints } from '../runtime/stamp.js';
import { makeShapes } from '../runtime/validate.js';
import { activationRecordTypeValues, type ObjectName, type Schema } from '../schema/types.js';
import { explainJourney, explainOpportunity, type ExplainContext, type Explanation } from './explain.js';

export type ExplainedObject = 'engagement' | 'opportunity';

/**
 * The id names nothing that can be explained. `message` says what was looked for (the caller
 * adds where), `detail` what the id names instead, `nearest` ids sharing its longest prefix.
 */
export class ExplainTargetError extends Error {
  constructor(
    message: string,
    readonly nearest: readonly string[],
    readonly detail = '',
  ) {
    super(message);
    this.name = 'ExplainTargetError';
  }
}

/** SELECT of every column, instants and dates as canonical text (what the runtime takes). */
function selectSql(schema: Schema, object: ObjectName, where: string): string {
  const layout = tableLayout(schema, object);
  const columns = layout.columns.map((c) => {
    const name = ident(c.name);
    if (c.family === 'datetime') return `strftime(${name}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${name}`;
    if (c.family === 'date') return `strftime(${name}, '%Y-%m-%d') AS ${name}`;
    return name;
  });
  return `SELECT ${columns.join(', ')} FROM ${ident(layout.table)} WHERE ${where}`;
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/**
 * Explains the journey or opportunity `id`. `object` chooses when the id names both an
 * engagement and an opportunity; otherwise the one it names is explained. Throws
 * `ExplainTargetError` when it names neither (or only an engagement that is no journey).
 */
export async function explainId(connection: DuckDBConnection, ctx: ExplainContext, id: string, object?: ExplainedObject): Promise<Explanation> {
  const schema = ctx.definition.schema;
  const shapes = makeShapes(ctx.evaluator);
  const normalise = (o: ObjectName) => (r: Record<string, unknown>): EvaluatorRecord => shapes[o].normalise(r);
  const t = (o: ObjectName) => ident(schema.objects[o].table);
  const E = schema.objects.Engagement.roles;
  const O = schema.objects.Opportunity.roles;

  const engagement = object === 'opportunity' ? [] : (await rows(connection, selectSql(schema, 'Engagement', `${ident(E.id)} = ${literal(id)}`))).map(normalise('Engagement'));
  const opportunity = object === 'engagement' ? [] : (await rows(connection, selectSql(schema, 'Opportunity', `${ident(O.id)} = ${literal(id)}`))).map(normalise('Opportunity'));
  const e = engagement[0];
  const isJourney = e !== undefined && activationRecordTypeValues(schema).includes(e[E.recordType] as string);
  if (opportunity.length > 0 && isJourney && object === undefined) {
    throw new ExplainTargetError(`'${id}' is both a journey and an opportunity`, [], '; choose one with --object engagement or --object opportunity');
  }
  if (isJourney) {
    const personRows = async (o: 'Lead' | 'Contact', engagementField: string) => {
      const roles = schema.objects[o].roles;
      const linked =
        `${ident(roles.id)} IN (SELECT ${ident(roles.id)} FROM ${t(o)} WHERE ${ident(roles.currentActivation)} = ${literal(id)}) ` +
        `OR ${ident(roles.id)} = (SELECT ${ident(engagementField)} FROM ${t('Engagement')} WHERE ${ident(E.id)} = ${literal(id)})`;
      return (await rows(connection, selectSql(schema, o, linked))).map(normalise(o));
    };
    // §4.2: an opportunity's journey is named by its earliest version only.
    const attributed =
      `${ident(O.id)} IN (SELECT ${ident(O.id)} FROM ${t('Opportunity')} WHERE ${ident(O.activation)} = ${literal(id)}) ` +
      `QUALIFY row_number() OVER (PARTITION BY ${ident(O.id)} ORDER BY ${ident(O.validFrom)}) = 1`;
    const earliest = (await rows(connection, selectSql(schema, 'Opportunity', attributed))).filter((r) => r[O.activation] === id).map(normalise('Opportunity'));
    return explainJourney(ctx, {
      engagement: e,
      leads: await personRows('Lead', E.lead),
      contacts: await personRows('Contact', E.contact),
      opportunities: earliest,
    });
  }
  if (opportunity.length > 0) return explainOpportunity(ctx, { versions: opportunity });
  const where = object === undefined ? 'no journey or opportunity' : object === 'engagement' ? 'no journey' : 'no opportunity';
  if (e !== undefined) {
    const kind = e[E.recordType];
    const described = typeof kind === 'string' ? `an engagement of record type '${kind}'` : 'an engagement without a record type';
    throw new ExplainTargetError(`${where} '${id}'`, [], `: it is ${described}, not an ${ctx.evaluator.activationRecordType} journey`);
  }
  throw new ExplainTargetError(`${where} '${id}'`, await nearestIds(connection, schema, id, object));
}

/**
 * Up to five journey and opportunity ids sharing the longest prefix with `id` (none when not
 * even the first character matches). "Some id starts with the first n characters" holds for
 * every n up to the longest shared prefix and for no n beyond, so that length is found by
 * binary search: a handful of scans whatever the id's length.
 */
async function nearestIds(connection: DuckDBConnection, schema: Schema, id: string, object: ExplainedObject | undefined): Promise<string[]> {
  const E = schema.objects.Engagement.roles;
  const O = schema.objects.Opportunity.roles;
  const parts: string[] = [];
  if (object !== 'opportunity') {
    parts.push(`SELECT ${ident(E.id)} AS id FROM ${ident(schema.objects.Engagement.table)} WHERE ${ident(E.recordType)} IN (${activationRecordTypeValues(schema).map(literal).join(', ')})`);
  }
  if (object !== 'engagement') parts.push(`SELECT DISTINCT ${ident(O.id)} AS id FROM ${ident(schema.objects.Opportunity.table)}`);
  const ids = `(${parts.join(' UNION ')})`;
  const chars = [...id];
  const withPrefix = async (n: number, limit: number): Promise<string[]> => {
    const prefix = chars.slice(0, n).join('');
    const found = await rows(connection, `SELECT id FROM ${ids} WHERE starts_with(id, ${literal(prefix)}) LIMIT ${limit}`);
    return found.map((r) => String(r.id));
  };
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((await withPrefix(mid, 1)).length > 0) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return [];
  const prefix = chars.slice(0, lo).join('');
  const found = await rows(connection, `SELECT id FROM ${ids} WHERE starts_with(id, ${literal(prefix)})`);
  return found.map((r) => String(r.id)).sort(compareCodePoints).slice(0, 5);
}
