/**
 * compileTs prints the module's ts-morph structures with ts-morph's structure printer directly
 * (skipping the TypeScript parse `createSourceFile` adds). The text must be exactly what the
 * public path — creating a source file from the structures — yields.
 */
import { describe, expect, it } from 'vitest';
import { compileTs } from '../../src/compiler/ts/index.js';
import { moduleStatements, printModule } from '../../src/compiler/ts/generate.js';
import { defaultDefinition, everyOperatorDefinition } from './fixtures.js';

describe('compileTs printing', () => {
  it.each([
    ['default', defaultDefinition],
    ['every operator', everyOperatorDefinition],
  ])('%s: same text as printing through a ts-morph source file', (_name, make) => {
    const def = make();
    expect(compileTs(def)).toBe(printModule(moduleStatements(def), { viaSourceFile: true }));
  });
});
