// Where a CPU profile's time went, for docs/performance.md: node
// bench/profile-summary.mjs <file.cpuprofile> [--window <function>] [--match <regex>]
// A benchmark run with BENCH_PROFILE=1 writes the portal's profiles to .tmp/prof
// (the largest file is the portal's main thread). --window keeps only the
// samples between the first and last twentieth of those whose stack holds a
// function of that name (e.g. serveFastRoute: the load, not the start-up);
// --match also lists the inclusive time of functions whose name or file matches.
import { readFileSync } from "node:fs";

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/profile-summary.mjs <file.cpuprofile> [--window fn] [--match regex]");
const option = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

/** The stack of a sample, innermost first. */
function* stack(id) {
  for (let at = id; at !== undefined; at = parents.get(at)) yield nodes.get(at).callFrame;
}

let [from, to] = [0, profile.samples.length - 1];
const window = option("--window");
if (window) {
  const hits = [];
  profile.samples.forEach((id, i) => {
    for (const frame of stack(id)) if (frame.functionName === window) return void hits.push(i);
  });
  if (hits.length === 0) throw new Error(`no sample runs ${window}`);
  [from, to] = [hits[Math.floor(hits.length * 0.05)], hits[Math.floor(hits.length * 0.95)]];
}

// A frame's owner: an npm package, a Node.js built-in, the Next.js build, a source file or V8 itself.
const owner = (url) => {
  if (!url) return "(V8: GC, idle, native)";
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return "node: (HTTP, streams, crypto)";
  if (url.startsWith("wasm://")) return "WebAssembly (Prisma's query compiler)";
  if (url.includes("/.next/")) return "the portal's bundled code (.next)";
  return url.replace(/^file:\/\/.*?\/(lib|app|server\.ts)/, "$1");
};
const bySelf = new Map();
const byOwner = new Map();
const inclusive = new Map();
const match = option("--match") ? new RegExp(option("--match")) : null;
let total = 0;
for (let i = from; i <= to; i++) {
  const time = profile.timeDeltas[i] ?? 0;
  total += time;
  const frames = [...stack(profile.samples[i])];
  const self = frames[0];
  const name = `${self.functionName || "(anonymous)"} ${owner(self.url)}`;
  bySelf.set(name, (bySelf.get(name) ?? 0) + time);
  byOwner.set(owner(self.url), (byOwner.get(owner(self.url)) ?? 0) + time);
  if (!match) continue;
  const seen = new Set();
  for (const frame of frames) {
    const key = `${frame.functionName || "(anonymous)"} ${owner(frame.url)}`;
    if (seen.has(key) || !match.test(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + time);
  }
}
const print = (title, map, count) => {
  console.log(`\n${title}`);
  for (const [key, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count))
    console.log(`${((100 * time) / total).toFixed(1).padStart(6)}%  ${key}`);
};
console.log(`${(total / 1e6).toFixed(1)} s of samples${window ? ` while ${window} ran` : ""}`);
print("self time by owner", byOwner, 15);
print("self time by function", bySelf, 25);
if (match) print(`inclusive time of functions matching ${match}`, inclusive, 25);
