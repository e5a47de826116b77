import { existsSync } from "node:fs";
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";
import { resolveDatabaseUrl } from "./lib/database-url";

// The Prisma CLI does not read .env when a config file exists; Next.js does.
if (existsSync(".env")) process.loadEnvFile(".env");

// Prisma 6.19 runs migrations on its WebAssembly engine through this adapter;
// the native schema engine cannot be downloaded on our machines (DESIGN.md §8).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx --conditions=react-server prisma/seed.ts" },
  adapter() {
    return Promise.resolve(new PrismaLibSQL({ url: resolveDatabaseUrl(process.env.DATABASE_URL) }));
  },
});
