// The import worker's entry. A worker thread does not reliably inherit the TypeScript loader
// from however the server was started (tsx's CLI, `node --import tsx`, a test runner), so it
// registers its own before loading the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
