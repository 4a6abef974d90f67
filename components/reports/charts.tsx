import type { OrgReport } from '@/lib/reports/types';

/*
 * PLACEHOLDER for helper D's worktree only: helper C writes the real charts (recharts 2, fixed
 * size) in this file; at merge C's version replaces this one. Same props as C's components.
 */
type ChartProps = { report: OrgReport; width?: number; height?: number };

export function TargetChart({ report, width = 640, height = 280 }: ChartProps) {
  return <svg width={width} height={height} role="img" aria-label={`${report.org.name}: ${report.round.key}`} />;
}

export function TrendChart({ report, width = 640, height = 280 }: ChartProps) {
  return <svg width={width} height={height} role="img" aria-label={`${report.org.name}: ${report.previousRounds.length}`} />;
}
