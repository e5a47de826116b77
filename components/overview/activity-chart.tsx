import type { Overview } from "@/lib/server/data/overview/get-overview";

const HEIGHT = 140;
const BAR = 7;
const GAP = 4;

/**
 * Registrations and connections per day as paired bars (SVG drawn on the
 * server: no chart library, nothing to load), with the numbers as a table
 * for screen readers and for anyone who wants them.
 */
export function ActivityChart({ perDay }: { perDay: Overview["perDay"] }) {
  const max = Math.max(1, ...perDay.flatMap((day) => [day.registrations, day.connections]));
  const width = perDay.length * (BAR * 2 + GAP);
  const y = (value: number) => HEIGHT - (value / max) * (HEIGHT - 12);
  return (
    <figure aria-labelledby="activity-caption">
      <div className="flex items-center gap-4 text-xs text-slate-600">
        <span className="flex items-center gap-1">
          <span aria-hidden className="size-2.5 rounded-sm bg-brand-500" /> Registrations
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden className="size-2.5 rounded-sm bg-emerald-500" /> Connections
        </span>
        <span className="ml-auto">max {max.toLocaleString("en-US")} a day</span>
      </div>
      <svg viewBox={`0 0 ${width} ${HEIGHT + 16}`} className="mt-2 h-44 w-full" preserveAspectRatio="none" aria-hidden>
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="stroke-slate-200" strokeWidth={1} />
        {perDay.map((day, i) => {
          const x = i * (BAR * 2 + GAP);
          return (
            <g key={day.day}>
              <title>{`${day.day}: ${day.registrations} registrations, ${day.connections} connections`}</title>
              <rect
                x={x}
                y={y(day.registrations)}
                width={BAR}
                height={HEIGHT - y(day.registrations)}
                className="fill-brand-500"
                rx={1}
              />
              <rect
                x={x + BAR}
                y={y(day.connections)}
                width={BAR}
                height={HEIGHT - y(day.connections)}
                className="fill-emerald-500"
                rx={1}
              />
            </g>
          );
        })}
      </svg>
      <div className="flex justify-between text-xs text-slate-500">
        <span>{perDay[0]?.day}</span>
        <span>{perDay.at(-1)?.day} (today, UTC)</span>
      </div>
      <figcaption id="activity-caption" className="sr-only">
        Registrations and connections per day, last {perDay.length} days
      </figcaption>
      <details className="mt-2 text-xs text-slate-600">
        <summary className="cursor-pointer">Show as a table</summary>
        <table className="mt-2 w-full text-left tabular-nums" aria-label="Registrations and connections per day">
          <thead>
            <tr>
              <th className="py-0.5">Day (UTC)</th>
              <th>Registrations</th>
              <th>Connections</th>
            </tr>
          </thead>
          <tbody>
            {perDay.map((day) => (
              <tr key={day.day}>
                <td className="py-0.5">{day.day}</td>
                <td>{day.registrations}</td>
                <td>{day.connections}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
