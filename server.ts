// The portal's process: checks its configuration, brings the database schema
// up to date, then serves Next.js. A custom server (not `next start`) because
// the portal also owns long-lived resources that must start and stop with it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { parseEnv, type Env } from "./lib/env";

const isDev = process.argv.includes("--dev");

function loadConfig(): Env {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    console.error("See .env.example for every variable; `npm run setup` writes a working .env.");
    process.exit(1);
  }
}

function applyMigrations(): void {
  const result = spawnSync("node_modules/.bin/prisma", ["migrate", "deploy"], { encoding: "utf8", env: process.env });
  if (result.status !== 0) {
    console.error(`Database migration failed:\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  const applied = /(\d+) migrations? found/.exec(result.stdout)?.[1] ?? "?";
  console.log(`Database schema up to date (${applied} migrations).`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  applyMigrations();
  const { default: next } = await import("next");
  const app = next({ dev: isDev, hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  if (isDev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));

  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  server.listen(config.PORT, config.HOST, () => {
    console.log(`Partner Hub ready on ${config.PUBLIC_URL} (listening on ${config.HOST}:${config.PORT})`);
  });
}

await main();
