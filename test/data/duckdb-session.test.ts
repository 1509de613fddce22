/** The DuckDB session of `stages run`: a query that runs out of memory under the default limit is run again with more. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_LIMIT_MB, isOutOfMemory, openDuckDbSession } from '../../src/data/duckdb/session.js';

// One string of about 50 MB: an aggregate state DuckDB cannot spill.
const HUNGRY = `SELECT length(string_agg(repeat(md5(i::VARCHAR), 8), ',')) FROM range(200000) t(i)`;

describe('DuckDB session memory headroom', () => {
  it('raises the default limit and runs the query again', async () => {
    const session = await openDuckDbSession();
    try {
      // As if the data had outgrown the default: the limit is far below what the query holds.
      await session.connection.run(`SET memory_limit = '4MB'`);
      await expect(session.connection.run(HUNGRY)).rejects.toSatisfy(isOutOfMemory);
      const raised: number[] = [];
      const reader = await session.withHeadroom(() => session.connection.runAndReadAll(HUNGRY), (mb) => raised.push(mb));
      expect(Number(reader.getRows()[0]![0])).toBe(200000 * 257 - 1);
      expect(raised).toEqual([DEFAULT_MEMORY_LIMIT_MB * 2]);
    } finally {
      await session.close();
    }
  });

  it('keeps a limit the user chose', async () => {
    const session = await openDuckDbSession({ memoryLimit: '4MB' });
    try {
      await expect(session.withHeadroom(() => session.connection.run(HUNGRY))).rejects.toSatisfy(isOutOfMemory);
    } finally {
      await session.close();
    }
  });
});
