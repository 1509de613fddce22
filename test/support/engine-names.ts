/**
 * `STAGECRAFT_ENGINES=a,b`: the engines a local run is narrowed to (empty: no narrowing). Read
 * by the engine list (./engines.ts) and by the global setups deciding which servers to start.
 */
export function namedEngines(): string[] {
  return (process.env.STAGECRAFT_ENGINES ?? '').split(',').map((e) => e.trim()).filter(Boolean);
}
