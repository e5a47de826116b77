import type { ChartPoint } from "@/lib/server/data/telemetry/get-telemetry-charts";

const WIDTH = 300;
const HEIGHT = 80;

const format = (value: number) =>
  Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toExponential(2)
    : Number(value.toFixed(3)).toLocaleString("en-US");

/**
 * One numeric key over the range: the average per slot as a line, minimum to
 * maximum as a band. Drawn as SVG, with its numbers in words for screen readers.
 */
export function TelemetryChart({
  name,
  points,
  from,
  to,
}: {
  name: string;
  points: ChartPoint[];
  from: number;
  to: number;
}) {
  const low = Math.min(...points.map((p) => p.min));
  const high = Math.max(...points.map((p) => p.max));
  const span = high - low || 1;
  const x = (at: number) => ((at - from) / (to - from || 1)) * WIDTH;
  const y = (value: number) => HEIGHT - 4 - ((value - low) / span) * (HEIGHT - 8);
  const line = points.map((p) => `${x(p.at).toFixed(1)},${y(p.avg).toFixed(1)}`).join(" ");
  const band = [
    ...points.map((p) => `${x(p.at).toFixed(1)},${y(p.max).toFixed(1)}`),
    ...points.toReversed().map((p) => `${x(p.at).toFixed(1)},${y(p.min).toFixed(1)}`),
  ].join(" ");
  const last = points.at(-1);
  const summary = last
    ? `${name}: latest average ${format(last.avg)}, lowest ${format(low)}, highest ${format(high)} over ${points.length} points`
    : `${name}: no values in this range`;
  return (
    <figure className="rounded-lg border border-slate-200 p-3">
      <figcaption className="flex items-baseline justify-between gap-2 text-xs">
        <span className="truncate font-mono font-medium text-slate-800">{name}</span>
        {last ? <span className="text-slate-700">{format(last.avg)}</span> : null}
      </figcaption>
      {points.length === 0 ? (
        <p className="mt-2 text-xs text-slate-600">No values in this range.</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="mt-1 h-20 w-full"
          preserveAspectRatio="none"
          role="img"
          aria-label={summary}
        >
          <polygon points={band} className="fill-brand-100" />
          {points.length === 1 ? (
            <circle cx={x(points[0]!.at)} cy={y(points[0]!.avg)} r={2.5} className="fill-brand-600" />
          ) : (
            <polyline
              points={line}
              fill="none"
              className="stroke-brand-600"
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
            />
          )}
        </svg>
      )}
      {points.length > 0 ? (
        <p className="mt-1 flex justify-between text-[11px] text-slate-600">
          <span>min {format(low)}</span>
          <span>max {format(high)}</span>
        </p>
      ) : null}
    </figure>
  );
}
