import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createClient } from "@libsql/client";
import pg from "pg";
import { expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/database/database-url";
import { onPostgresServer, postgresDatabaseUrl } from "./support/postgres-server";

// The committed migrations (hand-written: Prisma 6.19's WebAssembly engine
// cannot diff migrations without a shadow database) must build exactly the
// tables, columns, indexes and foreign keys that the schema declares. The
// reference is what Prisma itself generates from the schema on an empty
// database; the test database was built by `prisma migrate deploy`.
const url = process.env.DATABASE_URL!;
const postgres = isPostgresUrl(url);
const schemaFile = postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma";

function schemaScript(): string {
  return execFileSync(
    "node_modules/.bin/prisma",
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaFile, "--script"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

// The device search's table (FTS5 on SQLite, with the tables it keeps its
// index in; a table with a GIN trigram index on PostgreSQL) exists in the
// migrations only: Prisma's schema cannot declare either.
const MIGRATION_ONLY_TABLES = ["DeviceSearch"];
const isMigrationOnly = (line: string) => MIGRATION_ONLY_TABLES.some((name) => line.includes(name));

async function describeSqlite(fileUrl: string): Promise<string[]> {
  const client = createClient({ url: fileUrl });
  const rows = async (sql: string) => (await client.execute(sql)).rows as unknown as Record<string, unknown>[];
  const out: string[] = [];
  for (const { name } of await rows(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%'`,
  )) {
    if (isMigrationOnly(String(name))) continue;
    for (const c of await rows(`PRAGMA table_info("${String(name)}")`))
      out.push(
        `column ${String(name)}.${String(c.name)} ${String(c.type)} notnull=${String(c.notnull)} default=${String(c.dflt_value)} pk=${String(c.pk)}`,
      );
    for (const i of await rows(`PRAGMA index_list("${String(name)}")`)) {
      const columns = (await rows(`PRAGMA index_info("${String(i.name)}")`)).map((c) => String(c.name)).join(",");
      out.push(
        `index ${String(name)} ${i.origin === "pk" ? "(primary key)" : String(i.name)} unique=${String(i.unique)} (${columns})`,
      );
    }
    for (const f of await rows(`PRAGMA foreign_key_list("${String(name)}")`))
      out.push(
        `fk ${String(name)}.${String(f.from)} -> ${String(f.table)}.${String(f.to)} ${String(f.on_update)}/${String(f.on_delete)}`,
      );
  }
  client.close();
  return out.sort();
}

async function describePostgres(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows = async (sql: string) => (await client.query<Record<string, unknown>>(sql)).rows;
  const out = [
    ...(
      await rows(
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      )
    ).map(
      (c) =>
        `column ${String(c.table_name)}.${String(c.column_name)} ${String(c.data_type)} nullable=${String(c.is_nullable)} default=${String(c.column_default)}`,
    ),
    ...(
      await rows(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`)
    ).map((i) => `index ${String(i.indexdef)}`),
    ...(
      await rows(
        `SELECT conrelid::regclass AS t, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
      )
    ).map((f) => `fk ${String(f.t)} ${String(f.def)}`),
  ];
  await client.end();
  return out.sort();
}

it(`[SCHEMA] the committed ${postgres ? "PostgreSQL" : "SQLite"} migrations build exactly what ${schemaFile} declares`, async () => {
  const script = schemaScript();
  if (postgres) {
    const name = `${new URL(url).pathname.slice(1)}_reference`;
    await onPostgresServer(`CREATE DATABASE "${name}"`);
    try {
      const client = new pg.Client({ connectionString: postgresDatabaseUrl(name) });
      await client.connect();
      await client.query(script).finally(() => client.end());
      const migrated = await describePostgres(url);
      expect(migrated.filter((line) => line.includes('INDEX "DeviceSearch_trgm_idx" '))).toHaveLength(1);
      expect(migrated.filter((line) => !isMigrationOnly(line))).toEqual(
        await describePostgres(postgresDatabaseUrl(name)),
      );
    } finally {
      await onPostgresServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } else {
    const file = `${url.slice("file:".length)}-reference.db`;
    const client = createClient({ url: `file:${file}` });
    await client.executeMultiple(script);
    client.close();
    try {
      expect(await describeSqlite(url)).toEqual(await describeSqlite(`file:${file}`));
    } finally {
      rmSync(file, { force: true });
    }
  }
});
