const seen = new Map();
export async function resolve(specifier, context, next) {
  if (specifier === 'chevrotain' && process.env.BUNDLED) return { url: 'file:///work/main/node_modules/chevrotain/lib/chevrotain.mjs', shortCircuit: true };
  const r = await next(specifier, context);
  const m = r.url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  const k = m ? m[1] : r.url.includes('/dist/') ? 'dist' : 'other';
  seen.set(k, (seen.get(k) ?? 0) + 1);
  return r;
}
process.on('exit', () => { console.error([...seen].map(([k,v]) => `${k}:${v}`).join(' ')); });
