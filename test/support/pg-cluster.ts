/**
 * A throwaway PostgreSQL cluster for one test run: initdb into a fresh temp folder, listen on
 * loopback at a free port (plus a Unix socket in the same folder), stop and delete on teardown.
 *
 * initdb refuses to run as root, so when the tests run as root the cluster runs as the
 * `postgres` system user (`runuser -u postgres --`). A detached watchdog stops the cluster and
 * deletes its folder if the test process dies without tearing down (killed, or its output pipe
 * closed), so no server outlives the run. The default collation is ICU `en-US`
 * when the server supports it, so text sorts linguistically by default and the views' explicit
 * `COLLATE "C"` is actually exercised.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  readonly url: string;
  stop(): void;
}

/** The `bin` folder of the newest installed PostgreSQL, or null. `STAGECRAFT_PG_BIN` overrides. */
export function findPgBin(): string | null {
  const override = process.env.STAGECRAFT_PG_BIN;
  if (override) return existsSync(join(override, 'initdb')) ? override : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? null : join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function systemUser(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export async function startPgCluster(bin: string): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-pg-'));
  const data = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  const runAs: string[] = [];
  if (isRoot) {
    const user = systemUser('postgres');
    if (user === null) throw new Error('running as root but there is no `postgres` user to run PostgreSQL as');
    chownSync(dir, user.uid, user.gid);
    runAs.push('runuser', '-u', 'postgres', '--');
  }
  const run = (program: string, args: string[]): void => {
    const [command, ...rest] = [...runAs, join(bin, program), ...args];
    execFileSync(command, rest, { stdio: 'pipe', cwd: dir });
  };
  const initdb = ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'];
  try {
    run('initdb', [...initdb, '--locale-provider=icu', '--icu-locale=en-US', '--locale=C.UTF-8']);
  } catch {
    rmSync(data, { recursive: true, force: true });
    run('initdb', [...initdb, '--locale=C.UTF-8']);
  }
  const port = await freePort();
  const serverOptions = `-k ${dir} -h 127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
  startWatchdog(process.pid, [...runAs, join(bin, 'pg_ctl')], data, dir);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A shell loop, detached from the test process, that waits for `pid` to exit and then stops
 * the cluster and removes its folder (a no-op after a normal teardown). Arguments are passed
 * positionally, never interpolated into the script.
 */
function startWatchdog(pid: number, pgCtl: readonly string[], data: string, dir: string): void {
  const script = [
    'pid=$1; data=$2; dir=$3; shift 3',
    'while kill -0 "$pid" 2>/dev/null; do sleep 2; done',
    '[ -d "$data" ] && "$@" -D "$data" -m immediate -w stop >/dev/null 2>&1',
    'rm -rf "$dir"',
  ].join('\n');
  const watchdog = spawn('sh', ['-c', script, 'stagecraft-pg-watchdog', String(pid), data, dir, ...pgCtl], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
}
