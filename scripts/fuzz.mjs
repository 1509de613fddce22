/**
 * `npm run fuzz [-- --inputs=N --seed=S]` — the front end and both back ends at scale, on the
 * built dist/. Each input is one of:
 * - a grammar-aware mutation of a valid definition (tokens deleted, inserted, swapped,
 *   duplicated, nested deep), or a random sentence of the language's tokens;
 * - a byte-level mutation of a valid definition (bytes flipped, inserted, cut; invalid UTF-8,
 *   NUL, BOM, CR) or random bytes.
 * Every input goes through `checkSource` (the entry point of `stages check` and of the language
 * server's diagnostics), `formatStages`, the language server's outline, folding, hover and
 * completion; every input that checks clean is compiled to SQL (the dialects in turn) and to
 * TypeScript (each distinct definition once). An internal error is anything that throws, or a diagnostic whose position is not
 * inside the file. Prints progress to stderr and, last, one JSON line: inputs, internal_errors,
 * clean (inputs that checked clean), seconds. Exit 1 when there was an internal error; the
 * first few are written to fuzz-findings/ (input + error) to become regression cases.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const INPUTS = Number(args.inputs ?? 1_000_000);
let seed = Number(args.seed ?? 1) >>> 0;

const { checkSource } = await import(join(ROOT, 'dist/compiler/index.js'));
const { compileSql, DIALECT_NAMES } = await import(join(ROOT, 'dist/compiler/sql/index.js'));
const { compileTs } = await import(join(ROOT, 'dist/compiler/ts/index.js'));
const { formatStages } = await import(join(ROOT, 'dist/grammar/format.js'));
const { stagesLexer } = await import(join(ROOT, 'dist/grammar/tokens.js'));
const lsp = await import(join(ROOT, 'dist/lsp/language.js'));
const { loadDefaultSchema } = await import(join(ROOT, 'dist/schema/load.js'));
const schema = loadDefaultSchema();

/** mulberry32: a small seeded generator, so a finding can be replayed with its seed. */
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (items) => items[int(items.length)];

const VALID = ['examples/default.stages', 'examples/enterprise.stages'].map((f) => readFileSync(join(ROOT, f), 'utf8'));
const TOKENS = VALID.map((f) => stagesLexer.tokenize(f).tokens.map((t) => t.image));
const VOCABULARY = [...new Set(TOKENS.flat()), '(', ')', '{', '}', ',', 'not', 'and', 'or', 'in', 'is', 'null', 'includes', 'excludes', 'date', 'datetime', "'", '"', '/*', '*/', '//', '\\', '`', '@', '-', '1e999', '0.', "date '2025-02-30'", "datetime 'x'", 'stage 7', '\u0000', '\uFEFF', '\uD800'];
const SEPARATORS = [' ', '\n', '\r\n', '\t', '\r', ''];

function grammarInput() {
  if (random() < 0.15) return Array.from({ length: int(80) }, () => pick(VOCABULARY)).join(pick(SEPARATORS));
  const tokens = [...pick(TOKENS)];
  for (let m = 1 + int(5); m > 0 && tokens.length > 0; m--) {
    const i = int(tokens.length);
    const r = random();
    if (r < 0.3) tokens.splice(i, 1 + int(3));
    else if (r < 0.6) tokens.splice(i, 0, pick(VOCABULARY));
    else if (r < 0.75 && i + 1 < tokens.length) [tokens[i], tokens[i + 1]] = [tokens[i + 1], tokens[i]];
    else if (r < 0.9) tokens.splice(i, 0, ...tokens.slice(i, i + 1 + int(12)));
    else {
      const depth = int(random() < 0.1 ? 400 : 40);
      tokens.splice(i, 0, pick(['(', 'not', 'not (']).repeat(depth), ...(random() < 0.5 ? [')'.repeat(depth)] : []));
    }
  }
  const sep = pick(SEPARATORS.slice(0, 4));
  return tokens.map((t, i) => (i % 9 === 8 ? `${t}\n` : t)).join(sep);
}

function byteInput() {
  if (random() < 0.1) return Buffer.from(Array.from({ length: int(300) }, () => int(256))).toString(random() < 0.5 ? 'utf8' : 'latin1');
  const bytes = [...Buffer.from(pick(VALID), 'utf8')];
  for (let m = 1 + int(8); m > 0 && bytes.length > 0; m--) {
    const i = int(bytes.length);
    const r = random();
    if (r < 0.3) bytes[i] = int(256);
    else if (r < 0.5) bytes.splice(i, 1 + int(20));
    else if (r < 0.7) bytes.splice(i, 0, pick([0x00, 0x0d, 0xff, 0xc3, 0x80, 0x22, 0x27, 0x28, 0x29, 0x7b, 0x7d]));
    else if (r < 0.8) bytes.unshift(0xef, 0xbb, 0xbf);
    else bytes.length = i;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Throws when a diagnostic lies outside the file or disagrees with its offsets. */
function assertInside(source, diagnostics) {
  const lines = source.split(/\r\n|\r|\n/);
  for (const d of diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      const line = lines[p.line - 1];
      if (!(p.offset >= 0 && p.offset <= source.length && line !== undefined && p.column >= 1 && p.column <= line.length + 1)) {
        throw new Error(`diagnostic position outside the file: ${JSON.stringify(p)} (${d.message})`);
      }
    }
    if (d.range.end.offset < d.range.start.offset) throw new Error(`diagnostic range ends before it starts (${d.message})`);
  }
}

const compiled = new Set();

function exercise(source, n) {
  const result = checkSource(source, { file: 'fuzz.stages', schema });
  assertInside(source, result.diagnostics);
  formatStages(source);
  const offset = int(source.length + 1);
  lsp.symbolsOf(source);
  lsp.foldingRangesOf(source);
  lsp.hoverAt(source, offset, schema);
  lsp.completionsAt(source, offset, schema);
  if (result.definition === null) return false;
  // The back ends see each distinct checked definition once: mutations often come back to
  // one already compiled, and the SQL formatter is the slowest step by far.
  const key = JSON.stringify(result.definition);
  if (compiled.has(key)) return true;
  if (compiled.size < 200_000) compiled.add(key);
  compileSql(result.definition, { dialect: DIALECT_NAMES[n % DIALECT_NAMES.length] });
  compileTs(result.definition);
  return true;
}

const started = performance.now();
let internalErrors = 0;
let clean = 0;
const findings = join(ROOT, 'fuzz-findings');
for (let n = 0; n < INPUTS; n++) {
  const inputSeed = seed;
  const source = random() < 0.5 ? grammarInput() : byteInput();
  try {
    if (exercise(source, n)) clean++;
  } catch (e) {
    internalErrors++;
    if (internalErrors <= 20) {
      mkdirSync(findings, { recursive: true });
      writeFileSync(join(findings, `${n}.stages`), source);
      writeFileSync(join(findings, `${n}.txt`), `seed before input: ${inputSeed}\n${e instanceof Error ? e.stack : String(e)}\n`);
    }
  }
  if ((n + 1) % 50_000 === 0) process.stderr.write(`[fuzz] ${n + 1} inputs, ${internalErrors} internal errors, ${clean} clean, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
const seconds = Math.round((performance.now() - started) / 100) / 10;
process.stdout.write(`${JSON.stringify({ inputs: INPUTS, internal_errors: internalErrors, clean, seconds })}\n`);
process.exitCode = internalErrors === 0 ? 0 : 1;
