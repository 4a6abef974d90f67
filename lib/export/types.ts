import type { ImportedRoadmap } from '../import/types';

/** What the exporters write: a roadmap as the import reads one, without the import's warnings. */
export type RoadmapExport = Omit<ImportedRoadmap, 'warnings'>;
