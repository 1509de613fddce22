/**
 * Progress of long `stages run` work on a terminal: what is being read (rows, rows/s),
 * computed and written, refreshed about once a second from DuckDB's query progress and drawn
 * by `ora` on stderr. Silent when stderr is not a terminal or with `--quiet`: then this is a
 * no-op and nothing extra is written.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Ora } from 'ora';
import type { RunProgress } from '../engines/run.js';

export interface CliProgress extends RunProgress {
  /** Ends the display (leaves no line behind). */
  stop(): void;
}

const SILENT: CliProgress = { stop() {} };

export async function createProgress(enabled: boolean): Promise<CliProgress> {
  if (!enabled) return SILENT;
  const { default: ora } = await import('ora');
  const spinner: Ora = ora({ stream: process.stderr, discardStdin: false }).start('starting');
  let connection: DuckDBConnection | null = null;
  let label = 'starting';
  let startedAt = performance.now();
  const render = (): void => {
    const progress = connection?.progress;
    const rows = progress === undefined ? 0 : Number(progress.rows_processed);
    const percentage = progress === undefined ? -1 : progress.percentage;
    if (rows <= 0 || percentage < 0) {
      spinner.text = label;
      return;
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    spinner.text = `${label}  ${Math.floor(percentage)}% · ${rows.toLocaleString('en-US')} rows · ${rate.toLocaleString('en-US')} rows/s`;
  };
  const timer = setInterval(render, 1000);
  timer.unref();
  const begin = (text: string): void => {
    label = text;
    startedAt = performance.now();
    render();
  };
  return {
    async watch(c) {
      connection = c;
      // DuckDB tracks a query's progress only once it has run for progress_bar_time ms.
      await c.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 200');
    },
    reading: (_object, file) => begin(`reading ${file}`),
    step: begin,
    stop() {
      clearInterval(timer);
      spinner.stop();
    },
  };
}
