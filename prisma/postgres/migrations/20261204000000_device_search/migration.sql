-- Substring search over a million devices: a trigram index (pg_trgm, a
-- trusted extension shipped with PostgreSQL, so the database's owner may
-- create it) on every identifier the list searches, so a term that few
-- devices have is found without reading the fleet (1.1 s → ms at 1,000,000).
-- Prisma's schema cannot declare it (GIN with operator classes on one
-- engine only); test/schema-drift.test.ts names it as migration-only.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX IF NOT EXISTS "Device_search_trgm_idx" ON "Device" USING gin (
    "sn" gin_trgm_ops, "name" gin_trgm_ops, "id" gin_trgm_ops, "mac" gin_trgm_ops, "cloudId" gin_trgm_ops
);
