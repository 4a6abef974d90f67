// The load worker's entry: a worker thread does not reliably inherit the TypeScript loader
// (as server/import-pool/worker.mjs), so it registers its own before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
