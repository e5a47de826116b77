// One source of truth for the data model: prisma/schema.prisma (SQLite).
// The PostgreSQL schema is generated from it, never edited by hand:
//   node scripts/postgres-schema.mjs          writes prisma/postgres/schema.prisma
//   node scripts/postgres-schema.mjs --check  fails if the committed copy drifted
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgres/schema.prisma";

function replaceOnce(text, from, to) {
  if (!text.includes(from))
    throw new Error(`${SOURCE} no longer contains ${JSON.stringify(from)}; update scripts/postgres-schema.mjs`);
  return text.replace(from, to);
}

let schema = readFileSync(SOURCE, "utf8");
schema = replaceOnce(
  schema,
  'output       = "../lib/generated/prisma"',
  'output       = "../../lib/generated/prisma-postgres"',
);
schema = replaceOnce(schema, 'provider = "sqlite"', 'provider = "postgresql"');
schema = replaceOnce(
  schema,
  'url      = "file:../data/partner-hub.db"',
  'url      = "postgresql://localhost/partner_hub"',
);
const generated = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs; do not edit.\n${schema}`;

if (process.argv.includes("--check")) {
  const committed = existsSync(TARGET) ? readFileSync(TARGET, "utf8") : "";
  if (committed !== generated) {
    console.error(
      `${TARGET} differs from what ${SOURCE} generates: run node scripts/postgres-schema.mjs and add a PostgreSQL migration (see prisma/postgres/README.md).`,
    );
    process.exit(1);
  }
  console.log(`${TARGET} matches ${SOURCE}`);
} else {
  writeFileSync(TARGET, generated);
  console.log(`wrote ${TARGET}`);
}
