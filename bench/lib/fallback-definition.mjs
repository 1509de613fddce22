/**
 * Stand-in for the TS back end while `loadCompiledDefinition` (src/compiler/ts) is not built
 * yet: an `EvaluatorDefinition` (src/runtime/definition.ts) whose predicates are compiled from
 * the IR with `new Function`. Lets the harness run end to end early; every figure produced
 * with it is flagged in the table, and the final figures never use it when the real back end
 * exists.
 */

function lit(value) {
  return JSON.stringify(value);
}

function operand(o) {
  return o.kind === 'field' ? `r[${lit(o.name)}]` : lit(o.value);
}

function js(p) {
  switch (p.kind) {
    case 'and':
      return `(${p.args.map(js).join(' && ')})`;
    case 'or':
      return `(${p.args.map(js).join(' || ')})`;
    case 'not':
      return `!${js(p.arg)}`;
    case 'compare': {
      const a = operand(p.left);
      const b = operand(p.right);
      const bothFields = p.left.kind === 'field' && p.right.kind === 'field';
      const eq = bothFields ? `(${a} === ${b})` : `(${a} === ${b})`; // literal never null: === is exact
      if (p.op === '=') return eq;
      if (p.op === '!=') return `!${eq}`;
      return `(${a} !== null && ${b} !== null && ${a} ${p.op} ${b})`;
    }
    case 'in': {
      const f = operand(p.field);
      const hit = `(${p.values.map((v) => `${f} === ${lit(v.value)}`).join(' || ')})`;
      return p.negated ? `!${hit}` : hit;
    }
    case 'isNull':
      return p.negated ? `(${operand(p.field)} !== null)` : `(${operand(p.field)} === null)`;
    case 'textMatch': {
      const f = operand(p.field);
      const o = operand(p.operand);
      const m = { contains: 'includes', startsWith: 'startsWith', endsWith: 'endsWith' }[p.op];
      return `(${f} !== null && ${o} !== null && ${f}.${m}(${o}))`;
    }
    case 'multiMatch': {
      const f = operand(p.field);
      const sets = p.sets.map((set) => `(${set.map((v) => `(";" + ${f} + ";").includes(${lit(`;${v};`)})`).join(' && ')})`);
      const hit = `(${f} !== null && (${sets.join(' || ')}))`;
      return p.op === 'includes' ? hit : `!${hit}`;
    }
    case 'boolField':
      return `(${operand(p.field)} === true)`;
  }
  throw new Error(`fallback: node ${p.kind}`);
}

export function compilePredicate(p) {
  return new Function('r', `return ${js(p)};`);
}

export function fallbackEvaluatorDefinition(def) {
  const objects = {};
  for (const [name, o] of Object.entries(def.schema.objects)) {
    objects[name] = {
      roles: o.roles,
      fields: Object.fromEntries(Object.entries(o.fields).map(([f, d]) => [f, d.type])),
    };
  }
  return {
    format: 1,
    journey: def.journey,
    fingerprint: 'bench-fallback',
    activationRecordType: 'Activation',
    stages: def.stages.map((s) => ({
      stage: s.stage,
      label: s.label,
      enabled: s.enabled,
      predicates: Object.fromEntries(Object.entries(s.criteria).map(([o, p]) => [o, compilePredicate(p)])),
      dateFollows: s.dateFollows ?? null,
    })),
    objects,
  };
}
