/**
 * Fresh processes, timed from spawn to exit, with their peak resident set size.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M -o FILE`: the child's `ru_maxrss` from
 * wait4, in KiB) when it is installed and works; otherwise the child's `VmHWM` (the kernel's
 * high-water mark of its RSS) is read from /proc/PID/status every 10 ms while it runs — the
 * last reading before exit, so growth in the final few milliseconds can be missed. Every
 * process of one run goes through the same wrapper, so its start-up cost lands on both sides of
 * a ratio alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nowMs } from './stats.mjs';

const GNU_TIME = '/usr/bin/time';
const scratch = mkdtempSync(join(tmpdir(), 'stagecraft-bench-rss-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const rssFile = join(scratch, 'maxrss');

/** @returns {boolean} whether `/usr/bin/time -f %M -o FILE` reports a number here */
function gnuTimeWorks() {
  if (!existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ['-f', '%M', '-o', rssFile, 'true']);
  return r.status === 0 && /^\d+\s*$/.test(readFileSync(rssFile, 'utf8'));
}

/** `STAGECRAFT_BENCH_RSS=proc` forces the polling method (to test it where GNU time exists). */
export const RSS_METHOD = process.env.STAGECRAFT_BENCH_RSS !== 'proc' && gnuTimeWorks() ? 'gnu-time' : 'proc-polling';

/** @param {number} pid */
function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Runs `command args` to completion (stdout ignored, stderr kept for the error message).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, okExitCodes?: number[] }} [options] exit codes that mean success (`stages diff` exits 1 for "changes")
 * @returns {Promise<{ ms: number, rssMb: number | null }>} wall time and peak RSS (MB = 10^6 bytes)
 */
export function timedProcess(command, args, { cwd, okExitCodes = [0] } = {}) {
  const wrapped = RSS_METHOD === 'gnu-time';
  const [cmd, argv] = wrapped ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < 4000) stderr += d;
    });
    /** @type {number | null} */
    let hwm = null;
    const poll = wrapped
      ? null
      : setInterval(() => {
          const kb = child.pid === undefined ? null : vmHwmKb(child.pid);
          if (kb !== null) hwm = Math.max(hwm ?? 0, kb);
        }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = nowMs() - t0;
      if (poll) clearInterval(poll);
      if (code === null || !okExitCodes.includes(code)) {
        const first = stderr.trim().split('\n').find((l) => l && !/^Command exited with non-zero status/.test(l));
        reject(new Error(`${[command, ...args].join(' ')} exited ${code}: ${first ?? ''}`));
        return;
      }
      const kb = wrapped ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : hwm;
      resolve({ ms, rssMb: kb === null || Number.isNaN(kb) ? null : (kb * 1024) / 1e6 });
    });
  });
}
