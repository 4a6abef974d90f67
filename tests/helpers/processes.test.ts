import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive, PROCESS_DIR_ENV, reapRegistry, registerProcess, unregisterProcess } from './processes';

// The register that lets the run's teardown end what tests leave running (tests/setup/global.ts).
describe('the test process register', () => {
  const saved = process.env[PROCESS_DIR_ENV];
  afterEach(() => {
    process.env[PROCESS_DIR_ENV] = saved;
  });

  /** A process group of two: a shell that has started a sleep of its own, as a server starts workers. */
  function startGroup() {
    const proc = spawn('sh', ['-c', 'sleep 300 & sleep 300; wait'], { detached: true, stdio: 'ignore' });
    return proc.pid!;
  }

  it('reaps a registered group, grandchildren included, and reports it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tropa-register-'));
    process.env[PROCESS_DIR_ENV] = dir;
    const pid = startGroup();
    await new Promise((r) => setTimeout(r, 100)); // the shell has started its sleeps
    registerProcess(pid, 'a forgotten group');
    expect(readdirSync(dir)).toEqual([String(pid)]);

    const reaped = await reapRegistry(dir, 1_000);
    expect(reaped.map((p) => [p.pid, p.what])).toEqual([[pid, 'a forgotten group']]);
    expect(groupAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves alone what was unregistered, and a pid whose process has already ended', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tropa-register-'));
    process.env[PROCESS_DIR_ENV] = dir;
    const stopped = spawn('true', { detached: true, stdio: 'ignore' });
    registerProcess(stopped.pid!, 'ended by itself');
    const kept = startGroup();
    registerProcess(kept, 'stopped properly');
    unregisterProcess(kept);
    await new Promise((r) => stopped.once('exit', r));

    expect(await reapRegistry(dir, 1_000)).toEqual([]);
    expect(groupAlive(kept)).toBe(true);
    process.kill(-kept, 'SIGKILL');
  });
});
