/**
 * The counts of the funnel summary (SPEC §4.7, `../summary.ts`) computed by DuckDB over two
 * relations every engine provides: its `stage_stamps` rows, and its journeys' primary
 * opportunities `(journey_id, opportunity_id)` — so the numbers are set-based and the same
 * whichever engine stamped.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FunnelCounts } from '../summary.js';
import { ident } from './sql-text.js';

export async function funnelCounts(connection: DuckDBConnection, stamps: string, primary: string): Promise<FunnelCounts> {
  const s = ident(stamps);
  const reader = await connection.runAndReadAll(
    [
      'WITH reached AS (',
      `  SELECT stage, inferred FROM ${s} WHERE object = 'engagement'`,
      '  UNION ALL',
      `  SELECT stamp.stage, stamp.inferred FROM ${ident(primary)} AS p`,
      `    JOIN ${s} AS stamp ON stamp.object = 'opportunity' AND stamp.record_id = p.opportunity_id`,
      ')',
      "SELECT 'journey' AS kind, stage, count(*) AS n, count(*) FILTER (WHERE inferred) AS inferred FROM reached GROUP BY stage",
      'UNION ALL',
      `SELECT 'opportunity', stage, count(*), 0 FROM ${s} WHERE object = 'opportunity' GROUP BY stage`,
    ].join('\n'),
  );
  const journeys = new Map<number, { reached: number; inferred: number }>();
  const opportunities = new Map<number, number>();
  for (const [kind, stage, n, inferred] of reader.getRows()) {
    if (kind === 'journey') journeys.set(Number(stage), { reached: Number(n), inferred: Number(inferred) });
    else opportunities.set(Number(stage), Number(n));
  }
  return { journeys, opportunities };
}
