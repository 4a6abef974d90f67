/*
 * Monitoring reports, the pure part (DESIGN.md, "Monitoring and reports"): rounds, figures
 * with their formulas, roadmap execution, roll-up, indicators against targets, contingent
 * checks and warnings. No I/O: db/queries/reports.ts gathers the inputs as of a round's end.
 */
export * from './types';
export * from './rounds';
export * from './roadmap';
export * from './figures';
export * from './rollup';
export * from './status';
export * from './indicators';
export * from './contingent';
