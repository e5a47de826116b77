import { existsSync } from "node:fs";
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";
import { isPostgresUrl, resolveDatabaseUrl } from "./lib/database/database-url";
import { MigratePrismaPg } from "./prisma/postgres/migrate-adapter";

// The Prisma CLI does not read .env when a config file exists; Next.js does.
if (existsSync(".env")) process.loadEnvFile(".env");

// Prisma 6.19 runs migrations on its WebAssembly engine through this adapter;
// Prisma's CLI otherwise downloads a native schema engine from binaries.prisma.sh,
// which closed networks cannot reach.
// A postgresql:// DATABASE_URL selects the PostgreSQL schema (generated from
// prisma/schema.prisma) and its own migrations.
const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const folder = isPostgresUrl(url) ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations"), seed: "tsx --conditions=react-server prisma/seed.ts" },
  adapter() {
    return Promise.resolve(isPostgresUrl(url) ? new MigratePrismaPg(url) : new PrismaLibSQL({ url }));
  },
});
