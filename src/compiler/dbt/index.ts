/**
 * The dbt back end: a checked definition → the files of a dbt package that builds the SQL back
 * end's views as models on any adapter of our dialects (./adapters.ts). It reads the checked IR
 * only, through the SQL back end; what each file holds is described in its module:
 * ./models.ts (models and their dispatched SQL), ./project.ts (the YAML), ./readme.ts.
 */
import type { CheckedDefinition } from '../ir.js';
import { SqlNameError } from '../sql/index.js';
import { modelFiles, uniqueCombinationTest, type PackageFile } from './models.js';
import { OBJECT_NAMES } from '../../schema/types.js';
import { packageNameProblem, packageVars } from './naming.js';
import { projectFile, schemaFile, sourcesFile } from './project.js';
import { readmeFile } from './readme.js';

export type { PackageFile } from './models.js';
export { defaultPackageName, packageNameProblem, packageVars } from './naming.js';
export { DBT_ADAPTERS } from './adapters.js';
export { GENERATED_MARK } from './project.js';

/** A package that could not be made as asked (a bad name): a problem with the options. */
export class DbtPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DbtPackageError';
  }
}

export interface CompileDbtOptions {
  /** The package name: namespace of its macros, prefix of its vars, name of its source. */
  readonly packageName: string;
}

/** Every file of the package, paths relative to its root, in a stable order. */
export function compileDbtPackage(def: CheckedDefinition, options: CompileDbtOptions): PackageFile[] {
  const pkg = options.packageName;
  const problem = packageNameProblem(pkg);
  if (problem !== null) throw new DbtPackageError(problem);
  for (const object of OBJECT_NAMES) {
    // A table name is the default of an identifier var, which dbt hands to its templates as is.
    const table = def.schema.objects[object].table;
    if (table.includes('{')) {
      throw new DbtPackageError(`table name '${table}' of ${object} holds '{', which dbt would read as a template; rename it in the schema and point ${packageVars(pkg).identifier(object)} at the table`);
    }
  }
  let models: PackageFile[];
  try {
    models = modelFiles(def, pkg);
  } catch (e) {
    // One package serves every adapter: a name one warehouse cannot hold refuses the package.
    if (e instanceof SqlNameError) throw new DbtPackageError(e.message);
    throw e;
  }
  return [projectFile(def, pkg), readmeFile(def, pkg), sourcesFile(def, pkg), schemaFile(def, pkg), uniqueCombinationTest(), ...models];
}
