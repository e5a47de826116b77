-- Substring search over a fleet on SQLite, which has no trigram index: an
-- FTS5 table with the trigram tokenizer over every identifier the list
-- searches, so a term that few devices have is found from the index instead
-- of reading every device of the partner (a status with a search took
-- 140 ms at 100,000 devices). A phrase of three characters or more matches
-- as a substring, in any case. The table keeps its own copy of the five
-- fields and finds a device's entry by its id, not by the Device table's
-- rowid: VACUUM (and so VACUUM INTO, the backup) may renumber those.
-- Prisma's schema cannot declare it; test/schema-drift.test.ts names it as
-- migration-only. PostgreSQL uses pg_trgm instead (its own migration).
CREATE VIRTUAL TABLE "DeviceSearch" USING fts5("sn", "name", "id", "mac", "cloudId", tokenize = 'trigram');

CREATE TRIGGER "Device_search_insert" AFTER INSERT ON "Device" BEGIN
    INSERT INTO "DeviceSearch" ("sn", "name", "id", "mac", "cloudId")
    VALUES (new."sn", new."name", new."id", new."mac", new."cloudId");
END;

CREATE TRIGGER "Device_search_delete" AFTER DELETE ON "Device" BEGIN
    DELETE FROM "DeviceSearch" WHERE rowid IN (
        SELECT rowid FROM "DeviceSearch" WHERE "DeviceSearch" MATCH '{id} : "' || replace(old."id", '"', '""') || '"'
    ) AND "id" = old."id";
END;

CREATE TRIGGER "Device_search_update" AFTER UPDATE OF "sn", "name", "mac", "cloudId" ON "Device" BEGIN
    DELETE FROM "DeviceSearch" WHERE rowid IN (
        SELECT rowid FROM "DeviceSearch" WHERE "DeviceSearch" MATCH '{id} : "' || replace(old."id", '"', '""') || '"'
    ) AND "id" = old."id";
    INSERT INTO "DeviceSearch" ("sn", "name", "id", "mac", "cloudId")
    VALUES (new."sn", new."name", new."id", new."mac", new."cloudId");
END;

INSERT INTO "DeviceSearch" ("sn", "name", "id", "mac", "cloudId")
SELECT "sn", "name", "id", "mac", "cloudId" FROM "Device";
