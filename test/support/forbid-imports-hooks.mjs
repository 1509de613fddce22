/** Module resolve hook behind forbid-imports.mjs: a bare specifier of a forbidden package throws. */
let forbidden = [];

export function initialize(data) {
  forbidden = data.forbidden;
}

export function resolve(specifier, context, nextResolve) {
  const hit = forbidden.find((name) => specifier === name || specifier.startsWith(`${name}/`));
  if (hit !== undefined) throw new Error(`forbidden import: ${specifier} (from ${context.parentURL})`);
  return nextResolve(specifier, context);
}
