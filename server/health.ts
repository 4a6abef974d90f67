import type { PersistenceHealth } from './yjs/persistence';

// What GET /api/health reports; set by the server at start, read by the route handler.
export type Health = { db: 'pglite' | 'postgres'; redis: boolean; persistence?: () => PersistenceHealth };
const KEY = Symbol.for('tropa.health');
type Holder = { [KEY]?: Health };

export const setHealth = (h: Health) => void ((globalThis as Holder)[KEY] = h);
export const getHealth = (): Health | undefined => (globalThis as Holder)[KEY];
