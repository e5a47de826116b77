import { cpus, totalmem } from "node:os";
import { writeFileSync } from "node:fs";
import { shown, type TargetResult } from "./targets";

// The closing table of `npm run bench`, and the project's record of a whole
// run: docs/benchmarks.json (the figures as data) and docs/benchmarks.md (the
// same, to read, with the machine it ran on). The README points there rather
// than copying figures by hand.

const rowsOf = (results: TargetResult[]): string[][] =>
  results.map((r) => [
    r.benchmark.replace(/\.bench$/, ""),
    r.database,
    r.figure,
    r.target,
    `${shown(r.measured)} ${r.unit}`,
    r.isMet ? "met" : "MISSED",
  ]);

const HEADER = ["benchmark", "database", "figure", "target", "measured", "met"];

/** Prints every compared figure as one table. */
export function printResults(results: TargetResult[]): void {
  const rows = [HEADER, ...rowsOf(results)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log(`\nEvery target of this run (${results.filter((r) => !r.isMet).length} missed):`);
  for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")}`);
}

function machine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}`;
}

/** Writes docs/benchmarks.json and docs/benchmarks.md from a whole run. */
export function writeResultsDocs(results: TargetResult[], failed: string[]): void {
  const at = new Date().toISOString();
  writeFileSync("docs/benchmarks.json", `${JSON.stringify({ at, machine: machine(), failed, results }, null, 2)}\n`);
  const escape = (cell: string) => cell.replaceAll("|", "\\|");
  const table = [
    `| ${HEADER.join(" | ")} |`,
    `| ${HEADER.map(() => "---").join(" | ")} |`,
    ...rowsOf(results).map((row) => `| ${row.map(escape).join(" | ")} |`),
  ];
  const markdown = [
    "# Benchmarks: the last whole run",
    "",
    "Written by `npm run bench` (`bench/run.ts`) at the end of a whole run; do not edit by hand.",
    "Every figure is compared with its target in the benchmark itself (`bench/targets.ts`); a miss fails the run.",
    "",
    `- When: ${at}`,
    `- Machine: ${machine()}`,
    `- Missed or failed: ${failed.length === 0 ? "none" : failed.join(", ")}`,
    "",
    ...table,
    "",
  ].join("\n");
  writeFileSync("docs/benchmarks.md", markdown);
}
