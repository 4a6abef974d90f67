'use client';

import { Bar, BarChart, CartesianGrid, Customized, LabelList, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  ACTUAL_LABEL,
  TARGET_LABEL,
  targetSummary,
  trendSummary,
  wrapLabel,
  type TargetDatum,
  type TrendChartData,
  type TrendSeries,
} from '../../lib/reports/documents/chart-data';
import { ruNumber, withUnit } from '../../lib/reports/documents/labels';

// The data helpers (targetChartData, trendChartData) live in a plain module, so a server component
// (the page) can call them: import them from there. (A 'use client' module may not `export *`.)
export type { TargetDatum, TrendChartData, TrendSeries } from '../../lib/reports/documents/chart-data';

/*
 * The report's two charts (issue 16, item 4): actual vs target per indicator, and trend lines
 * over the rounds. One component serves the page (in the browser) and the documents (on the
 * server: lib/reports/documents/chart-png.ts renders it with renderToStaticMarkup and turns
 * the <svg> into a PNG). So: fixed width and height (no ResponsiveContainer, which measures
 * the DOM), no animation (a static render would catch the bars at zero), and the legend drawn
 * inside the <svg> (recharts' own Legend is HTML outside it and would be lost in the PNG).
 * Props are plain data; targetChartData/trendChartData (lib/reports/documents/chart-data.ts)
 * turn an OrgReport into them.
 *
 * Accessibility: the <svg> is role="img" with a summary as its aria-label, the <figure> has a
 * caption, and a visually hidden table carries every number. Series differ not only by
 * colour (the target is dashed/hatched-light), and every colour has ≥ 4.5:1 contrast on white.
 */

/** Colours with WCAG AA contrast (≥ 4.5:1) against white; tested in chart tests. */
export const CHART_COLORS = ['#1d4ed8', '#b45309', '#047857', '#7e22ce', '#be123c', '#374151'] as const;
export const ACTUAL_COLOR = CHART_COLORS[0];
export const TARGET_COLOR = CHART_COLORS[1];
const TEXT_COLOR = '#1f2937';
const GRID_COLOR = '#d1d5db';
const DASHES = [undefined, '8 4', '2 3', '10 3 2 3', '4 4', '1 5'];

/* ---------- shared pieces ---------- */

type TickProps = { x?: number; y?: number; payload?: { value?: unknown } };

function WrappedTick({ x = 0, y = 0, payload, chars }: TickProps & { chars: number }) {
  const lines = wrapLabel(String(payload?.value ?? ''), chars);
  const lineHeight = 14;
  const first = -((lines.length - 1) * lineHeight) / 2;
  return (
    <text x={x} y={y} textAnchor="end" fill={TEXT_COLOR} fontSize={12} dominantBaseline="middle">
      {lines.map((l, i) => (
        <tspan key={i} x={x - 4} dy={i === 0 ? first : lineHeight}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

type LegendItem = { label: string; color: string; kind: 'bar' | 'line'; dash?: string; light?: boolean };

/** The legend inside the <svg>, in one row above the plot (so the PNG has it too). */
function SvgLegend({ items, x, y, step }: { items: LegendItem[]; x: number; y: number; step?: number }) {
  let dx = 0;
  return (
    <g className="report-chart-legend" aria-hidden="true">
      {items.map((it, i) => {
        const at = dx;
        dx += step ?? 34 + Math.min(it.label.length, 40) * 7 + 16;
        return (
          <g key={i} transform={`translate(${x + at},${y})`}>
            {it.kind === 'bar' ? (
              <rect x={0} y={-6} width={24} height={12} fill={it.light ? '#ffffff' : it.color} stroke={it.color} strokeWidth={2} />
            ) : (
              <line x1={0} y1={0} x2={24} y2={0} stroke={it.color} strokeWidth={3} strokeDasharray={it.dash} />
            )}
            <text x={30} y={0} fill={TEXT_COLOR} fontSize={12} dominantBaseline="middle">
              {it.label.length > 40 ? `${it.label.slice(0, 39)}…` : it.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

const LEGEND_STEP = 330;
const pctTick = (v: number) => `${v} %`;
const valueText = (v: number | null | undefined, unit: string | null) => withUnit(v ?? null, unit);

/** The trend's legend: `perRow` items a row (a component, so recharts' props do not reach a DOM element). */
function TrendLegend({ series, rows, perRow, top }: { series: LegendItem[]; rows: number; perRow: number; top: number }) {
  return (
    <g>
      {Array.from({ length: rows }, (_, row) => (
        <SvgLegend key={row} x={72} y={top + row * 20} step={LEGEND_STEP} items={series.slice(row * perRow, (row + 1) * perRow)} />
      ))}
    </g>
  );
}

/* ---------- actual vs target ---------- */

export type TargetChartProps = {
  data: TargetDatum[];
  width: number;
  /** Default: enough for the rows (56 px each) plus axes and legend. */
  height?: number;
  caption?: string;
  /** Characters per line of the indicator labels on the left. */
  labelChars?: number;
};

export const targetChartHeight = (rows: number) => 70 + Math.max(rows, 1) * 56;

export function TargetChart({ data, width, height, caption = 'Показатели эффективности: факт и цель, %', labelChars = 28 }: TargetChartProps) {
  const h = height ?? targetChartHeight(data.length);
  const labelWidth = Math.min(Math.round(width * 0.42), labelChars * 7 + 12);
  const max = Math.max(100, ...data.flatMap((d) => [d.actual ?? 0, d.target ?? 0]));
  const top = Math.ceil(max / 10) * 10;
  return (
    <figure className="report-chart report-chart-targets">
      <BarChart
        width={width}
        height={h}
        data={data}
        layout="vertical"
        margin={{ top: 36, right: 56, bottom: 8, left: 8 }}
        barGap={2}
        barCategoryGap="22%"
        role="img"
        aria-label={targetSummary(data)}
        title={caption}
      >
        <CartesianGrid horizontal={false} stroke={GRID_COLOR} />
        <XAxis type="number" domain={[0, top]} ticks={Array.from({ length: top / 10 + 1 }, (_, i) => i * 10)} tickFormatter={pctTick} tick={{ fill: TEXT_COLOR, fontSize: 12 }} stroke={TEXT_COLOR} />
        <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={(p: TickProps) => <WrappedTick {...p} chars={labelChars} />} stroke={TEXT_COLOR} />
        <Tooltip isAnimationActive={false} formatter={(v: unknown) => valueText(typeof v === 'number' ? v : null, '%')} />
        <Bar dataKey="actual" name={ACTUAL_LABEL} fill={ACTUAL_COLOR} isAnimationActive={false}>
          <LabelList dataKey="actual" position="right" fill={TEXT_COLOR} fontSize={11} formatter={(v: unknown) => (typeof v === 'number' ? `${ruNumber(v)} %` : '')} />
        </Bar>
        <Bar dataKey="target" name={TARGET_LABEL} fill="#ffffff" stroke={TARGET_COLOR} strokeWidth={2} isAnimationActive={false}>
          <LabelList dataKey="target" position="right" fill={TEXT_COLOR} fontSize={11} formatter={(v: unknown) => (typeof v === 'number' ? `${ruNumber(v)} %` : '')} />
        </Bar>
        <Customized
          component={
            <SvgLegend
              x={labelWidth + 16}
              y={16}
              items={[
                { label: ACTUAL_LABEL, color: ACTUAL_COLOR, kind: 'bar' },
                { label: TARGET_LABEL, color: TARGET_COLOR, kind: 'bar', light: true },
              ]}
            />
          }
        />
      </BarChart>
      <figcaption>{caption}</figcaption>
      <table className="sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Показатель</th>
            <th scope="col">{ACTUAL_LABEL}</th>
            <th scope="col">{TARGET_LABEL}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              <td>{valueText(d.actual, d.unit)}</td>
              <td>{valueText(d.target, d.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/* ---------- trend ---------- */

export type TrendChartProps = { data: TrendChartData; width: number; height: number; caption?: string };

export function TrendChart({ data, width, height, caption }: TrendChartProps) {
  const cap = caption ?? `${data.title}${data.unit === '%' ? ', %' : ''}: по периодам мониторинга`;
  const rows = data.rows.map((r) => ({ label: r.label, ...Object.fromEntries(data.series.map((s, i) => [`s${i}`, r.values[s.key] ?? null])) }));
  const percent = data.unit === '%';
  const max = Math.max(percent ? 100 : 1, ...data.rows.flatMap((r) => Object.values(r.values).map((v) => v ?? 0)));
  const top = percent ? Math.ceil(max / 10) * 10 : undefined;
  const colorOf = (i: number, s: TrendSeries) => (s.key === 'target' ? TARGET_COLOR : s.key === 'actual' ? ACTUAL_COLOR : CHART_COLORS[i % CHART_COLORS.length]!);
  const dashOf = (i: number, s: TrendSeries) => (s.dashed ? '8 4' : DASHES[i % DASHES.length]);
  // legend items in columns of LEGEND_STEP px, as many as fit in the width
  const perRow = Math.max(1, Math.floor((width - 80) / LEGEND_STEP));
  const legendRows = Math.ceil(data.series.length / perRow);
  const legendTop = 16;
  return (
    <figure className="report-chart report-chart-trend">
      <LineChart width={width} height={height} data={rows} margin={{ top: 20 + legendRows * 20, right: 32, bottom: 8, left: 8 }} role="img" aria-label={trendSummary(data)} title={cap}>
        <CartesianGrid stroke={GRID_COLOR} vertical={false} />
        <XAxis dataKey="label" interval={0} padding={{ left: 48, right: 48 }} tick={{ fill: TEXT_COLOR, fontSize: 12 }} stroke={TEXT_COLOR} />
        <YAxis
          domain={top !== undefined ? [0, top] : [0, 'auto']}
          ticks={top !== undefined ? Array.from({ length: top / 10 + 1 }, (_, i) => i * 10) : undefined}
          tickFormatter={percent ? pctTick : (v: number) => ruNumber(v)}
          tick={{ fill: TEXT_COLOR, fontSize: 12 }}
          stroke={TEXT_COLOR}
          width={56}
        />
        <Tooltip isAnimationActive={false} formatter={(v: unknown) => valueText(typeof v === 'number' ? v : null, data.unit)} />
        {data.series.map((s, i) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={`s${i}`}
            name={s.label}
            stroke={colorOf(i, s)}
            strokeWidth={3}
            strokeDasharray={dashOf(i, s)}
            dot={{ r: 4, fill: colorOf(i, s), stroke: colorOf(i, s), strokeDasharray: '0' }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
        <Customized
          component={<TrendLegend rows={legendRows} perRow={perRow} top={legendTop} series={data.series.map((s, i) => ({ label: s.label, color: colorOf(i, s), kind: 'line' as const, dash: dashOf(i, s) }))} />}
        />
      </LineChart>
      <figcaption>{cap}</figcaption>
      <table className="sr-only">
        <caption>{cap}</caption>
        <thead>
          <tr>
            <th scope="col">Период</th>
            {data.series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.round}>
              <th scope="row">{r.label}</th>
              {data.series.map((s) => (
                <td key={s.key}>{valueText(r.values[s.key], data.unit)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
