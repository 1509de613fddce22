/**
 * The names a generated package exposes to its users: the package itself, its source, its vars
 * and its source tables. The vars follow the Fivetran packages' convention
 * (`<package>_database`, `<package>_schema`, `<package>_<table>_identifier`), so a project
 * that already points `dbt_salesforce` at its data is configured the same way.
 */
import type { ObjectName } from '../../schema/types.js';

/** A package name dbt, Jinja and Python all read as a plain name (it becomes a Jinja namespace). */
const PACKAGE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Names that would shadow something in the Jinja context of every node (`dbt`, `adapter`,
 * `target`, …) or that Jinja / Python read as a keyword.
 */
const RESERVED = new Set([
  'adapter', 'and', 'api', 'as', 'builtins', 'config', 'context', 'dbt', 'default', 'else', 'env_var',
  'exceptions', 'false', 'for', 'graph', 'if', 'import', 'in', 'is', 'log', 'model', 'modules', 'none',
  'not', 'or', 'ref', 'return', 'source', 'target', 'this', 'true', 'var', 'with',
]);

/** Why `name` cannot name a package, or null when it can. */
export function packageNameProblem(name: string): string | null {
  if (!PACKAGE_NAME.test(name)) {
    return `package name '${name}' must start with a lower-case letter and hold only lower-case letters, digits and '_'`;
  }
  if (RESERVED.has(name)) return `package name '${name}' is reserved in dbt's templates; choose another`;
  return null;
}

/** `acme` (from `acme.stages`) → `acme_stages`: a valid package name for any file name. */
export function defaultPackageName(base: string): string {
  const words = base.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const stem = words === '' ? 'stagecraft' : /^[a-z]/.test(words) ? words : `stages_${words}`;
  return `${stem}_stages`;
}

/** The source table name of each input object (what `{{ source(pkg, …) }}` names). */
export const SOURCE_TABLES: Readonly<Record<ObjectName, string>> = {
  Engagement: 'engagement',
  Lead: 'lead',
  Contact: 'contact',
  Opportunity: 'opportunity',
};

export function packageVars(pkg: string) {
  return {
    database: `${pkg}_database`,
    schema: `${pkg}_schema`,
    identifier: (object: ObjectName) => `${pkg}_${SOURCE_TABLES[object]}_identifier`,
    /** Materialization of the output models (`stage_stamps` and the wide views). */
    materialized: `${pkg}_materialized`,
    /** Materialization of the intermediate steps. */
    intermediateMaterialized: `${pkg}_intermediate_materialized`,
  };
}

/** The default of `<package>_schema`: where Fivetran lands a Salesforce connector. */
export const DEFAULT_SOURCE_SCHEMA = 'salesforce';
