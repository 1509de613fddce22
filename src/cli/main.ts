/**
 * The `stages` command line (SPEC §5). Thin by design: it parses flags and hands over to one
 * module per command in ./commands, loaded lazily so `stages check` never pays for the SQL
 * formatter, DuckDB or ts-morph.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { stopAndRemoveTemporaryFiles } from '../data/temporary-files.js';
import { EXIT, UserError, processIo, type CliIo } from './io.js';

const DIALECTS = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'redshift', 'databricks', 'trino'] as const;

/** The version of the installed package (its package.json, two folders up from src/cli and dist/cli). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

/** Commander accumulator for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('stages')
    .description('Stagecraft: sales-funnel stage stamping as code')
    .version(packageVersion(), '-V, --version', 'print the version of stages')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('check')
    .description('type-check a .stages file against the CRM schema')
    .argument('<file>', '.stages file')
    .option('--schema <file>', 'schema JSON (default: the shipped Salesforce schema)')
    .addOption(new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text'))
    .action(async (file: string, opts) => {
      const { checkCommand } = await import('./commands/check.js');
      setExit(await checkCommand(file, opts, io));
    });

  program
    .command('compile')
    .description('compile a .stages file to SQL views, a TypeScript evaluator module or a dbt package')
    .argument('<file>', '.stages file')
    .addOption(new Option('--target <target>', 'output target').choices(['sql', 'ts', 'dbt']).makeOptionMandatory())
    .addOption(new Option('--dialect <dialect>', 'SQL dialect (with --target sql)').choices([...DIALECTS]))
    .option('--out <dir>', 'write into this directory (sql, ts: instead of stdout; dbt: default the current one)')
    .option('--schema <file>', 'schema JSON (default: the shipped Salesforce schema)')
    .option('--prefix <prefix>', 'prefix for the view names (SQL)', '')
    .option('--schema-name <name>', 'database schema the views are created in (SQL)')
    .option('--package-name <name>', 'dbt package name (dbt; default: <file>_stages)')
    .action(async (file: string, opts) => {
      const { compileCommand } = await import('./commands/compile.js');
      setExit(await compileCommand(file, opts, io));
    });

  program
    .command('diff')
    .description('what changing a definition does to the stamps: compare OLD and NEW (or FILE at --base REV with the working copy)')
    .argument('<files...>', 'OLD.stages NEW.stages, or one FILE with --base')
    .requiredOption('--data <dir>', 'folder with engagement, lead, contact, opportunity (.csv, .parquet or .jsonl)')
    .option('--base <rev>', 'compare FILE as it is at this git revision with the working copy')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--sample <n>', 'changed records shown per category', '5')
    .addOption(new Option('--engine <engine>', 'where to compute').choices(['duckdb', 'ts']).default('duckdb'))
    .option('--schema <file>', 'schema JSON (default: the shipped Salesforce schema)')
    .option('--memory-limit <size>', "DuckDB's memory limit, e.g. 2GB")
    .option('--timezone <zone>', 'read instants written without an offset in this zone: UTC or a fixed offset like +02:00')
    .action(async (files: string[], opts) => {
      const { diffCommand } = await import('./commands/diff.js');
      setExit(await diffCommand(files, opts, io));
    });

  program
    .command('run')
    .description('compute the stage stamps of a dataset')
    .argument('<file>', '.stages file')
    .requiredOption('--data <dir>', 'folder with engagement, lead, contact, opportunity (.csv, .parquet or .jsonl)')
    .addOption(new Option('--engine <engine>', 'where to compute').choices(['duckdb', 'ts', 'postgres']).default('duckdb'))
    .option('--out <file>', 'write stage_stamps to F.csv, F.json or F.parquet')
    .option('--schema <file>', 'schema JSON (default: the shipped Salesforce schema)')
    .option('--url <url>', 'PostgreSQL connection URL (default: PG* environment variables)')
    .option('--keep', 'PostgreSQL: keep the working schema instead of dropping it')
    .option('--db <file>', 'DuckDB: use this database file instead of an in-memory database')
    .option('--memory-limit <size>', "DuckDB's memory limit, e.g. 2GB (beyond it DuckDB spills to a temporary folder)")
    .option('--quiet', 'no progress and no funnel summary')
    .option('--timezone <zone>', 'read instants written without an offset in this zone: UTC or a fixed offset like +02:00')
    .action(async (file: string, opts) => {
      const { runCommand } = await import('./commands/run.js');
      setExit(await runCommand(file, opts, io));
    });

  program
    .command('report')
    .description('the funnel measures (journeys per stage, conversion, velocity, cohorts, opportunities) of a dataset')
    .argument('<file>', '.stages file')
    .requiredOption('--data <dir>', 'folder with engagement, lead, contact, opportunity (.csv, .parquet or .jsonl)')
    .requiredOption('--out <file>', 'write the report to F.html (a self-contained page) or F.json (its numbers)')
    .addOption(new Option('--engine <engine>', 'where to compute the stamps').choices(['duckdb', 'ts', 'postgres']).default('duckdb'))
    .option('--from <day>', 'count only journeys whose stage-1 date is on or after this UTC day (YYYY-MM-DD)')
    .option('--to <day>', 'count only journeys whose stage-1 date is on or before this UTC day (YYYY-MM-DD)')
    .option('--owner', 'break the funnel down by the owner of each stage’s stamp')
    .option('--schema <file>', 'schema JSON (default: the shipped Salesforce schema)')
    .option('--url <url>', 'PostgreSQL connection URL (default: PG* environment variables)')
    .option('--memory-limit <size>', "DuckDB's memory limit, e.g. 2GB (beyond it DuckDB spills to a temporary folder)")
    .option('--timezone <zone>', 'read instants written without an offset in this zone: UTC or a fixed offset like +02:00')
    .action(async (file: string, opts) => {
      const { reportCommand } = await import('./commands/report.js');
      setExit(await reportCommand(file, opts, io));
    });

  program
    .command('explain')
    .description('why a journey (Activation engagement id) or an opportunity has each stamp')
    .argument('<file>', '.stages file')
    .argument('<id>', 'journey or opportunity id')
    .requiredOption('--data <dir>', 'folder with engagement, lead, contact, opportunity (.csv, .parquet or .jsonl)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--object <object>', 'when ID names both a journey and an opportunity').choices(['engagement', 'opportunity']))
    .option('--schema <file>', 'schema JSON (default: the shipped Salesforce schema)')
    .option('--timezone <zone>', 'read instants written without an offset in this zone: UTC or a fixed offset like +02:00')
    .action(async (file: string, id: string, opts) => {
      const { explainCommand } = await import('./commands/explain.js');
      setExit(await explainCommand(file, id, opts, io));
    });

  program
    .command('fmt')
    .description('put .stages files in the canonical layout (in place; --check for CI)')
    .argument('<files...>', '.stages files')
    .option('--check', 'write nothing; list the files that would change and exit 1 if any')
    .option('--stdout', 'print the formatted text instead of writing the file')
    .action(async (files: string[], opts) => {
      const { fmtCommand } = await import('./commands/fmt.js');
      setExit(await fmtCommand(files, opts, io));
    });

  program
    .command('lsp')
    .description('run the language server (LSP over stdio) for editors')
    .option('--schema <file>', 'schema JSON (default: stages.json beside the file, else the shipped Salesforce schema)')
    .option('--stdio', 'talk over stdin/stdout (the default; accepted for editor clients that pass it)')
    .action(async (opts) => {
      const { lspCommand } = await import('./commands/lsp.js');
      await lspCommand(opts);
    });

  program
    .command('init')
    .description('write the default definition and schema into a folder ("Reset Default")')
    .argument('[dir]', 'target folder', '.')
    .option('--force', 'overwrite existing files')
    .action(async (dir: string, opts) => {
      const { initCommand } = await import('./commands/init.js');
      setExit(await initCommand(dir, opts, io));
    });

  const schema = program.command('schema').description('work with CRM schemas');
  schema
    .command('import')
    .description('convert Salesforce `sobject describe` JSON into a Stagecraft schema (printed to stdout)')
    .argument('<files...>', 'describe JSON documents (Engagement, Lead, Contact, Opportunity)')
    .option('--object <mapping>', 'map an object to its API name, e.g. Engagement=ia__Engagement__c (repeatable)', collect, [] as string[])
    .option('--role <mapping>', 'name a role field, e.g. Lead.currentActivation=Current_Activation__c (repeatable)', collect, [] as string[])
    .addOption(new Option('--columns <style>', 'how the warehouse spells columns: the API names, Fivetran\'s or snake_case').choices(['as-is', 'fivetran', 'snake']))
    .option('--table <mapping>', 'name an object\'s table, e.g. Lead=lead_history (repeatable)', collect, [] as string[])
    .option('--record-types <file>', 'RecordType export (Id,DeveloperName,SobjectType) naming the Engagement record types')
    .action(async (files: string[], opts) => {
      const { schemaImportCommand } = await import('./commands/schema-import.js');
      setExit(await schemaImportCommand(files, opts, io));
    });

  return program;
}

/**
 * A reader that goes away (`stages run … | head`) ends the output, not the command with a
 * stack trace: a write to a closed pipe fails with EPIPE, which is dropped here; the command
 * finishes (a streaming writer notices and stops) and exits as it would have.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}

/** Exit codes of a process ended by a signal, as shells report them (128 + the signal number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Ctrl-C or a `kill` ends the command at once, and leaves no trace: outputs are written to
 * temporary files renamed over their target only when whole, so removing the temporary files
 * still there is all it takes for "written whole or not at all" (SPEC §5).
 */
function endCleanlyOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopAndRemoveTemporaryFiles();
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}

/** Runs the CLI; resolves to the process exit code. Never throws for bad user input. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) {
    ignoreClosedPipes();
    endCleanlyOnSignals();
  }
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    io.err(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; everything else commander rejects is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UserError) {
      io.err(`stages: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
