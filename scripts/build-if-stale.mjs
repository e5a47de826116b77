// Builds the portal (`next build`) unless the last build is newer than every
// file it is built from. The end-to-end tests start from a production build;
// on CI and after `scripts/setup.sh` one already exists, and building again
// would cost minutes for the same output.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "proxy.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  ".env",
];

/** The newest modification time under `entry` (0 when it does not exist). */
function newest(entry) {
  let stats;
  try {
    stats = statSync(entry);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs; // a deleted file changes its folder's time
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const built = newest(".next/BUILD_ID");
const sources = Math.max(...INPUTS.map(newest));
if (built > sources) {
  console.log("The production build is newer than its sources: not building again.");
} else {
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
