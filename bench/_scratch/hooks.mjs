export async function resolve(specifier, context, next) {
  if (specifier === 'chevrotain') return { url: 'file:///work/main/node_modules/chevrotain/lib/chevrotain.mjs', shortCircuit: true };
  return next(specifier, context);
}
