-- The device search's trigram index moves off the Device table onto a
-- narrow table of the five searched fields, kept by triggers (as SQLite's
-- FTS5 search table is). On Device it cost every update that moves a row
-- (presence, last seen, enabled): such an update writes an entry in every
-- index for the row's new version, and a GIN trigram index over five
-- fields takes about a hundred. Flipping "isConnected" on 20,000 of
-- 1,000,000 devices took 4.1-4.6 s with it and 2.4 s without; the presence
-- reset after a broker start (400,000 devices) took 112-142 s. Prisma's
-- schema cannot declare it; test/schema-drift.test.ts names it as
-- migration-only.
CREATE TABLE "DeviceSearch" (
    "id" TEXT NOT NULL PRIMARY KEY REFERENCES "Device" ("id") ON DELETE CASCADE,
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "sn" TEXT NOT NULL,
    "name" TEXT,
    "mac" TEXT,
    "cloudId" TEXT
);

INSERT INTO "DeviceSearch" ("id", "partnerId", "modelId", "sn", "name", "mac", "cloudId")
SELECT "id", "partnerId", "modelId", "sn", "name", "mac", "cloudId" FROM "Device";

CREATE INDEX "DeviceSearch_trgm_idx" ON "DeviceSearch" USING gin (
    "sn" gin_trgm_ops, "name" gin_trgm_ops, "id" gin_trgm_ops, "mac" gin_trgm_ops, "cloudId" gin_trgm_ops
);

DROP INDEX IF EXISTS "Device_search_trgm_idx";

CREATE FUNCTION "Device_search_change"() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "DeviceSearch" ("id", "partnerId", "modelId", "sn", "name", "mac", "cloudId")
        VALUES (NEW."id", NEW."partnerId", NEW."modelId", NEW."sn", NEW."name", NEW."mac", NEW."cloudId");
    ELSE
        UPDATE "DeviceSearch"
        SET "partnerId" = NEW."partnerId", "modelId" = NEW."modelId", "sn" = NEW."sn", "name" = NEW."name",
            "mac" = NEW."mac", "cloudId" = NEW."cloudId"
        WHERE "id" = OLD."id";
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Device_search_insert"
AFTER INSERT ON "Device"
FOR EACH ROW EXECUTE FUNCTION "Device_search_change"();

-- Only a change of a searched field (or of its partner or model) rewrites the entry.
CREATE TRIGGER "Device_search_update"
AFTER UPDATE OF "partnerId", "modelId", "sn", "name", "mac", "cloudId" ON "Device"
FOR EACH ROW WHEN (
    OLD."partnerId" IS DISTINCT FROM NEW."partnerId" OR OLD."modelId" IS DISTINCT FROM NEW."modelId"
    OR OLD."sn" IS DISTINCT FROM NEW."sn" OR OLD."name" IS DISTINCT FROM NEW."name"
    OR OLD."mac" IS DISTINCT FROM NEW."mac" OR OLD."cloudId" IS DISTINCT FROM NEW."cloudId"
)
EXECUTE FUNCTION "Device_search_change"();
