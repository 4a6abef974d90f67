import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT_DIR } from '../server/root';

/** `node --import tsx <file> <args>` from the project root: one process (no tsx wrapper), stdout piped, stderr shown. */
export const tsx = (file: string, args: string[] = [], env: Record<string, string> = {}) =>
  spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });

/** A process and its descendants (peers' servers may run workers). */
function tree(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) out.push(...tree(Number(task)));
  } catch {
    // gone
  }
  return out;
}

/** CPU seconds (user + system) and resident memory in bytes of a process tree, from /proc. */
export function sample(pid: number): { cpuS: number; rssB: number } {
  let cpuS = 0;
  let rssB = 0;
  for (const p of tree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuS += (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      rssB += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // gone
    }
  }
  return { cpuS, rssB };
}
