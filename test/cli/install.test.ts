/**
 * The published packages work as a new user gets them: `npm pack` both (the built dist/ of this
 * checkout — `npm test` builds first), install the tarballs into empty folders outside the
 * repository (dependencies from the local npm cache, the registry only for what it lacks), and
 * there run `npx stages`, type-check and run an ES module app and a CommonJS app on the
 * runtime under `tsc --strict` (`nodenext` and `bundler`), and run the evaluator from an
 * esbuild browser bundle in headless Chromium.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const work = mkdtempSync(join(tmpdir(), 'stagecraft-install-'));
const tarballs = join(work, 'tarballs');
const cliApp = join(work, 'cli-app');
const runtimeApps = join(work, 'runtime-apps');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: readonly string[], cwd: string): { code: number; out: string; err: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

function npm(args: readonly string[], cwd: string): string {
  const result = run('npm', args, cwd);
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.code}):\n${result.err}`);
  return result.out;
}

/** Packs a package of this repository and returns the tarball's path. */
function pack(workspace: string[]): string {
  const [name] = JSON.parse(npm(['pack', '--json', '--pack-destination', tarballs, ...workspace], ROOT)) as { filename: string }[];
  return join(tarballs, name!.filename);
}

function install(folder: string, pkg: object, specs: readonly string[]): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify(pkg, null, 2));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], folder);
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

let runtimeTarball = '';
let cliTarball = '';

/** The app both module systems run: stamps for one journey, printed as JSON. */
const APP_BODY = `
const ev = createEvaluator(definition);
ev.upsert('Engagement', { Id: 'a0E1', RecordType: 'Activation', OwnerId: '005A', LeadId: '00Q1', ContactId: null, CreatedDate: '2025-01-01T09:00:00Z', CompletionDate: null });
ev.upsert('Lead', { Id: '00Q1', valid_from: '2025-01-02T10:30:00Z', OwnerId: '005B', CurrentActivationId: 'a0E1', Status: 'Working' });
const rows: StampRow[] = ev.stamps();
let refused = '';
try { ev.upsert('Lead', { Id: '00Q2', valid_from: 'yesterday' }); } catch (e) { if (e instanceof RecordError) refused = e.field ?? ''; }
const result = JSON.stringify({ stages: rows.map((r) => [r.object, r.record_id, r.stage, r.stage_date, r.inferred]), refused });
`;
const EXPECTED = {
  stages: [
    ['engagement', 'a0E1', 1, '2025-01-01T09:00:00.000Z', false],
    ['engagement', 'a0E1', 2, '2025-01-02T10:30:00.000Z', true],
    ['engagement', 'a0E1', 3, '2025-01-02T10:30:00.000Z', false],
  ],
  refused: 'valid_from',
};

beforeAll(() => {
  mkdirSync(tarballs, { recursive: true });
  runtimeTarball = pack(['-w', '@stagecraft/runtime']);
  cliTarball = pack([]);
  install(cliApp, { name: 'cli-app', private: true }, [runtimeTarball, cliTarball]);
  install(runtimeApps, { name: 'runtime-apps', private: true }, [runtimeTarball]);
}, 600_000);

describe('the packages as published', () => {
  it('the runtime has no dependencies and is small', () => {
    const pkg = JSON.parse(readFileSync(join(runtimeApps, 'node_modules/@stagecraft/runtime/package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(readdirSync(join(runtimeApps, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['@stagecraft']);
    expect(folderBytes(join(runtimeApps, 'node_modules/@stagecraft/runtime'))).toBeLessThanOrEqual(200_000);
  });

  it('the CLI tarball holds only what runs', () => {
    const files = execFileSync('tar', ['tzf', cliTarball], { encoding: 'utf8' }).trim().split('\n');
    expect(files.filter((f) => /^package\/(test|bench|src|docs|python|editors|scripts)\/|\.map$|golden/.test(f))).toEqual([]);
    expect(files).toContain('package/bin/stages.js');
    expect(files).toContain('package/dist/cli/main.js');
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/dist/report/charts.bundle.js');
    const pkg = JSON.parse(execFileSync('tar', ['xzOf', cliTarball, 'package/package.json'], { encoding: 'utf8' })) as { license: string; engines: object; scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.license).toBe('MIT');
    expect(pkg.engines).toEqual({ node: '>=20' });
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(Object.keys(pkg.dependencies)).toContain('@stagecraft/runtime');
  });

  it('npx stages checks, compiles and runs the examples', () => {
    copyFileSync(join(ROOT, 'examples/default.stages'), join(cliApp, 'default.stages'));
    const check = run('npx', ['--no-install', 'stages', 'check', 'default.stages'], cliApp);
    expect(check.code, check.err).toBe(0);
    const sql = run('npx', ['--no-install', 'stages', 'compile', 'default.stages', '--target', 'sql', '--dialect', 'postgres'], cliApp);
    expect(sql.code, sql.err).toBe(0);
    expect(sql.out).toContain('CREATE');
    const stamps = run('npx', ['--no-install', 'stages', 'run', 'default.stages', '--data', join(ROOT, 'examples/acme'), '--quiet'], cliApp);
    expect(stamps.code, stamps.err).toBe(0);
    expect(stamps.out.split('\n')[0]).toBe('object,record_id,stage,label,stage_date,owner_id,inferred');
    const ts = run('npx', ['--no-install', 'stages', 'run', 'default.stages', '--data', join(ROOT, 'examples/acme'), '--engine', 'ts', '--quiet'], cliApp);
    expect(ts.code, ts.err).toBe(0);
    expect(ts.out).toBe(stamps.out);
    const report = run('npx', ['--no-install', 'stages', 'report', 'default.stages', '--data', join(ROOT, 'examples/acme'), '--out', 'acme.html'], cliApp);
    expect(report.code, report.err).toBe(0);
    expect(readFileSync(join(cliApp, 'acme.html'), 'utf8')).toContain("script-src 'sha256-");
    const compiled = run('npx', ['--no-install', 'stages', 'compile', 'default.stages', '--target', 'ts', '--out', join(runtimeApps, 'generated')], cliApp);
    expect(compiled.code, compiled.err).toBe(0);
  });

  for (const [kind, type, resolution] of [
    ['ES module', 'module', 'nodenext'],
    ['CommonJS', 'commonjs', 'nodenext'],
    ['ES module', 'module', 'bundler'],
  ] as const) {
    it(`a ${kind} app type-checks under --strict (${resolution}) and runs the evaluator`, () => {
      const app = join(runtimeApps, `${type}-${resolution}`);
      mkdirSync(join(app, 'src'), { recursive: true });
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `${type}-${resolution}`, private: true, type }));
      copyFileSync(join(runtimeApps, 'generated/default.stages.ts'), join(app, 'src/default.stages.ts'));
      writeFileSync(join(app, 'src/app.ts'), `import definition from './default.stages.js';\nimport { createEvaluator, RecordError, type StampRow } from '@stagecraft/runtime';\n${APP_BODY}\ndeclare const console: { log(text: string): void };\nconsole.log(result);\n`);
      const compilerOptions = resolution === 'nodenext'
        ? { module: 'nodenext', moduleResolution: 'nodenext' }
        : { module: 'esnext', moduleResolution: 'bundler' };
      writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, target: 'es2022', strict: true, outDir: 'out', rootDir: 'src', types: [], lib: ['es2022'] }, include: ['src'] }));
      const tsc = run(process.execPath, [TSC, '-p', 'tsconfig.json'], app);
      expect(tsc.code, tsc.out + tsc.err).toBe(0);
      const emitted = readFileSync(join(app, 'out/app.js'), 'utf8');
      expect(emitted.includes('require("@stagecraft/runtime")')).toBe(type === 'commonjs');
      const node = run(process.execPath, [join(app, 'out/app.js')], app);
      expect(node.code, node.err).toBe(0);
      expect(JSON.parse(node.out)).toEqual(EXPECTED);
    });
  }

  it('runs from an esbuild browser bundle in headless Chromium', async () => {
    const page = join(runtimeApps, 'page');
    mkdirSync(page, { recursive: true });
    copyFileSync(join(runtimeApps, 'generated/default.stages.ts'), join(page, 'default.stages.ts'));
    writeFileSync(join(page, 'entry.ts'), `import definition from './default.stages.js';\nimport { createEvaluator, RecordError, type StampRow } from '@stagecraft/runtime';\n${APP_BODY}\n(globalThis as { stagecraftResult?: string }).stagecraftResult = result;\n`);
    const bundled = await build({ entryPoints: [join(page, 'entry.ts')], bundle: true, format: 'iife', platform: 'browser', minify: true, write: false, absWorkingDir: runtimeApps, nodePaths: [join(runtimeApps, 'node_modules')], logLevel: 'silent' });
    const script = bundled.outputFiles[0]!.text;
    const userDataDir = mkdtempSync(join(work, 'chromium-'));
    const browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    try {
      const tab = await browser.newPage();
      await tab.setContent(`<!doctype html><title>runtime</title><script>${script.replaceAll('</script', '<\\/script')}</script>`);
      const result = await tab.evaluate(() => (globalThis as { stagecraftResult?: string }).stagecraftResult);
      expect(JSON.parse(result as string)).toEqual(EXPECTED);
    } finally {
      await browser.close();
    }
  });
});
