import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * A register of the processes the tests start (servers, browsers), kept as one file per
 * process in a directory that the global setup makes for the run and hands to the test
 * workers in TROPA_TEST_PROCESSES. Each registered process leads its own process group, so
 * ending the group ends whatever it started too. The global teardown reaps what is left
 * and fails the run loudly if it had to: a helper that does not stop what it started is a bug.
 */
export const PROCESS_DIR_ENV = 'TROPA_TEST_PROCESSES';

export type Registered = { pid: number; what: string; startTime: string };

/** The process's start time (field 22 of /proc/<pid>/stat): tells a live process from a later one that reused its pid. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function registryDir(): string | null {
  const dir = process.env[PROCESS_DIR_ENV];
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Records a process group leader started by a test (no-op outside a test run, e.g. `npm run screenshots`). */
export function registerProcess(pid: number, what: string) {
  const dir = registryDir();
  const started = startTime(pid);
  if (!dir || !started) return;
  writeFileSync(path.join(dir, String(pid)), JSON.stringify({ pid, what, startTime: started } satisfies Registered));
}

export function unregisterProcess(pid: number) {
  const dir = process.env[PROCESS_DIR_ENV];
  if (dir) rmSync(path.join(dir, String(pid)), { force: true });
}

/** Is the registered process (the same one, not a reuse of its pid) still there? */
export function isRunning(p: Registered): boolean {
  return startTime(p.pid) === p.startTime;
}

/** Is any process of this process group left? */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The children of `parent` whose executable's path matches (a browser that playwright launched, say). */
export function childrenRunning(parent: number, exe: RegExp): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && exe.test(readlinkSync(`/proc/${entry}/exe`))) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** A fresh registry directory for one run. */
export function createRegistry(): string {
  const dir = path.join(tmpdir(), `tropa-test-processes-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Ends every registered process group still running (SIGTERM, then SIGKILL after a grace),
 * removes the registry and returns what it had to end.
 */
export async function reapRegistry(dir: string, graceMs = 3_000): Promise<Registered[]> {
  let entries: Registered[] = [];
  try {
    entries = readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Registered);
  } catch {
    return [];
  }
  const left = entries.filter(isRunning);
  for (const p of left) signalGroup(p.pid, 'SIGTERM');
  await untilGone(left, graceMs);
  for (const p of left) signalGroup(p.pid, 'SIGKILL');
  await untilGone(left, 2_000);
  rmSync(dir, { recursive: true, force: true });
  return left;
}

async function untilGone(groups: Registered[], ms: number) {
  const deadline = Date.now() + ms;
  while (groups.some((p) => groupAlive(p.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

export function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}
