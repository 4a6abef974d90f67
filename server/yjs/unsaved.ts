import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BoardPersistence, PendingAudit, UnsavedBoard } from './persistence';

/*
 * Board writes that could not be stored before shutdown ran out of time (database gone,
 * data directory removed). They are never dropped in silence: they go to a file in DATA_DIR,
 * or, when that directory is gone, to stderr as base64 with the board ids; the next start
 * on the same DATA_DIR stores such a file's writes and renames it *.restored.
 */
const PREFIX = 'unsaved-';

type UnsavedFile = {
  reason: string;
  writtenAt: string;
  boards: { boardId: string; orgId: string; updates: { actorId: string | null; update: string }[]; audits: (Omit<PendingAudit, 'at'> & { at?: string })[] }[];
};

function serialise(boards: UnsavedBoard[], reason: string): UnsavedFile {
  return {
    reason,
    writtenAt: new Date().toISOString(),
    boards: boards.map((b) => ({
      boardId: b.boardId,
      orgId: b.orgId,
      updates: b.updates.map((u) => ({ actorId: u.actorId, update: Buffer.from(u.update).toString('base64') })),
      audits: b.audits.map((a) => ({ ...a, at: a.at?.toISOString() })),
    })),
  };
}

/** Writes the unsaved writes out where they can be found again; returns where they went. */
export function writeUnsaved(dataDir: string, boards: UnsavedBoard[], reason: string): { file: string } | { stderr: true } {
  const body = serialise(boards, reason);
  if (existsSync(dataDir)) {
    const file = path.join(dataDir, `${PREFIX}${body.writtenAt.replace(/[:.]/g, '-')}.json`);
    try {
      writeFileSync(file, JSON.stringify(body));
      return { file };
    } catch {
      // fall through to stderr
    }
  }
  for (const b of body.boards) {
    process.stderr.write(`[tropa] UNSAVED board=${b.boardId} org=${b.orgId} updates=${b.updates.length} audits=${b.audits.length} base64=${Buffer.from(JSON.stringify({ ...body, boards: [b] })).toString('base64')}\n`);
  }
  return { stderr: true };
}

/** Reads an unsaved-*.json file back into the persistence's shape. */
export function readUnsaved(file: string): UnsavedBoard[] {
  const body = JSON.parse(readFileSync(file, 'utf8')) as UnsavedFile;
  return body.boards.map((b) => ({
    boardId: b.boardId,
    orgId: b.orgId,
    updates: b.updates.map((u) => ({ actorId: u.actorId, update: new Uint8Array(Buffer.from(u.update, 'base64')) })),
    audits: b.audits.map((a) => ({ ...a, at: a.at ? new Date(a.at) : undefined })),
  }));
}

/**
 * At start: stores the writes of every unsaved file in DATA_DIR (before any board is opened,
 * so a board loads with them) and renames each file once it is stored. If they cannot be
 * stored, the start fails and the file stays.
 */
export async function restoreUnsaved(dataDir: string, persistence: BoardPersistence, log: (msg: string) => void) {
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir).filter((f) => f.startsWith(PREFIX) && f.endsWith('.json')).sort()) {
    const file = path.join(dataDir, name);
    const boards = readUnsaved(file);
    for (const b of boards) {
      for (const u of b.updates) persistence.enqueue(b.boardId, b.orgId, u, []);
      persistence.enqueue(b.boardId, b.orgId, null, b.audits);
    }
    if (!(await persistence.drain(Date.now() + 30_000))) throw new Error(`could not store the unsaved board writes in ${file}; it is kept for the next start`);
    renameSync(file, `${file}.restored`);
    log(`stored the unsaved writes of ${boards.length} board(s) from ${name} (renamed to ${name}.restored)`);
  }
}
