/*
 * The layout property (issue 18): a random roadmap, rendered in every layout users bring,
 * imported through the upload's own entry, gives the same roadmap back as far as the layout
 * carries it. `npm test` runs LAYOUT_RUNS (default 100) cases per layout, 600 in all;
 * LAYOUT_RUNS=5000 runs more, LAYOUT_SEED=… replays a run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expected, importLayout, LAYOUTS, renderArb, seenOf, type Layout } from './layouts';
import { roadmapArb } from './roadmap';

const RUNS = Number(process.env.LAYOUT_RUNS ?? 100);
const SEED = process.env.LAYOUT_SEED ? Number(process.env.LAYOUT_SEED) : undefined;

async function roundTrip(layout: Layout) {
  const arb = fc.tuple(roadmapArb(), renderArb).filter(([r, o]) => layout.accepts(r, o));
  await fc.assert(
    fc.asyncProperty(arb, async ([r, o]) => {
      const back = await importLayout(await layout.render(r, o));
      expect(seenOf(back, layout)).toEqual(expected(r, layout));
    }),
    { numRuns: RUNS, seed: SEED },
  );
}

describe('every layout gives the generated roadmap back', () => {
  const names = Object.keys(LAYOUTS);
  it.each(names)('%s', (name) => roundTrip(LAYOUTS[name]!), 600_000);
});
