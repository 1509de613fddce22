/**
 * Progress of long `stages run` work on a terminal, drawn by `ora` on stderr: the step under
 * way (the file being read, computing and writing, counting) with DuckDB's estimate of how
 * far its query is, refreshed about once a second, and a line kept per file read with its
 * rows and rows/s. Silent when stderr is not a terminal or with `--quiet`: then this is a
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
    // DuckDB reports -1 while it tracks no query, 0 for a query whose scans have not advanced
    // (an aggregate building, a write) and 100 while a finished scan's results are finalised:
    // a percentage is shown only strictly between, so a step never sits at a "0%" that says
    // nothing; the elapsed seconds show that it is alive.
    const percentage = connection?.progress.percentage ?? -1;
    const seconds = Math.floor((performance.now() - startedAt) / 1000);
    const elapsed = seconds >= 1 ? ` · ${seconds} s` : '';
    const done = Math.floor(percentage);
    spinner.text = done > 0 && done < 100 ? `${label}  ${done}%${elapsed}` : `${label}${elapsed}`;
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
    read(_object, file, rows, seconds) {
      const rate = seconds > 0 ? ` · ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s` : '';
      spinner.stopAndPersist({ symbol: '✓', text: `${file}: ${rows.toLocaleString('en-US')} rows${rate}` });
      spinner.start();
    },
    step: begin,
    stop() {
      clearInterval(timer);
      spinner.stop();
    },
  };
}
