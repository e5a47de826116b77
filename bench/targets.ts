import { appendFileSync } from "node:fs";
import path from "node:path";

// A benchmark's targets as data, not prose: each figure is compared with its
// bound here, printed as "met" or "MISSED", and appended to BENCH_RESULTS (a
// JSON-lines file that `npm run bench` turns into its closing table and into
// docs/benchmarks.md). A miss sets the exit code, so the benchmark fails; it
// still goes on to print its other figures. End a benchmark with
// `process.exit()` (not `exit(0)`), which keeps that code.

export type Bound = { atMost: number } | { atLeast: number };

/** One compared figure, as recorded. */
export type TargetResult = {
  benchmark: string;
  database: string;
  figure: string;
  unit: string;
  target: string;
  measured: number;
  isMet: boolean;
};

const benchmark = path.basename(process.argv[1] ?? "bench", ".ts");
const database = process.env.DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite";

/** A figure as printed: ratios below 10 keep three significant digits, so 0.27 never reads as a met 0.3. */
export const shown = (value: number): string =>
  Number.isInteger(value)
    ? value.toLocaleString("en-US")
    : value.toLocaleString(
        "en-US",
        Math.abs(value) < 10 ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 1 },
      );

/** The bound as text: "<= 150 ms", ">= 300 /s". */
export const describeBound = (bound: Bound, unit: string): string =>
  "atMost" in bound ? `<= ${shown(bound.atMost)} ${unit}` : `>= ${shown(bound.atLeast)} ${unit}`;

/** Compares `measured` with `bound`, prints and records the verdict; a miss makes the benchmark fail. */
export function target(figure: string, measured: number, bound: Bound, unit: string): boolean {
  const isMet = Number.isFinite(measured) && ("atMost" in bound ? measured <= bound.atMost : measured >= bound.atLeast);
  const wanted = describeBound(bound, unit);
  console.log(`  target: ${figure} ${shown(measured)} ${unit}, wanted ${wanted}: ${isMet ? "met" : "MISSED"}`);
  const result: TargetResult = { benchmark, database, figure, unit, target: wanted, measured, isMet };
  if (process.env.BENCH_RESULTS) appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(result)}\n`);
  if (!isMet) process.exitCode = 1;
  return isMet;
}
