-- The fleet at a million devices: the overview and the device list count
-- devices per model, firmware and presence state from DeviceStateCount, and
-- registrations per day from PartnerDailyStat, instead of reading devices.
-- Triggers on Device append every change to DeviceCountChange, whoever
-- writes (registration, presence, telemetry, bulk actions, raw SQL);
-- housekeeping folds the changes into the counts.

ALTER TABLE "PartnerDailyStat" ADD COLUMN "registrations" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "DeviceStateCount" (
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "firmwareVersion" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL,
    "isConnected" BOOLEAN NOT NULL,
    "isSeen" BOOLEAN NOT NULL,
    "devices" INTEGER NOT NULL,

    PRIMARY KEY ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen")
);

CREATE TABLE "DeviceCountChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "firmwareVersion" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL,
    "isConnected" BOOLEAN NOT NULL,
    "isSeen" BOOLEAN NOT NULL,
    "registeredOn" TEXT NOT NULL,
    "devices" INTEGER NOT NULL
);

CREATE INDEX "DeviceCountChange_partnerId_idx" ON "DeviceCountChange"("partnerId");

CREATE INDEX "Device_modelId_isEnabled_isConnected_lastSeenAt_firmwareVersion_idx" ON "Device"("modelId", "isEnabled", "isConnected", "lastSeenAt", "firmwareVersion");

-- The counts of the devices that exist now.
INSERT INTO "DeviceStateCount" ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "devices")
SELECT "partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "lastSeenAt" IS NOT NULL, COUNT(*)
FROM "Device"
GROUP BY "partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "lastSeenAt" IS NOT NULL;

-- Prisma stores DateTime here as ISO-8601 text in UTC; an integer would be epoch milliseconds.
INSERT INTO "PartnerDailyStat" ("partnerId", "day", "registrations")
SELECT "partnerId", CASE typeof("createdAt") WHEN 'integer' THEN strftime('%Y-%m-%d', "createdAt" / 1000, 'unixepoch') ELSE substr("createdAt", 1, 10) END AS "day", COUNT(*)
FROM "Device"
WHERE true
GROUP BY 1, 2
ON CONFLICT ("partnerId", "day") DO UPDATE SET "registrations" = excluded."registrations";

CREATE TRIGGER "Device_count_insert" AFTER INSERT ON "Device"
BEGIN
    INSERT INTO "DeviceCountChange" ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "registeredOn", "devices")
    VALUES (NEW."partnerId", NEW."modelId", NEW."firmwareVersion", NEW."isEnabled", NEW."isConnected", NEW."lastSeenAt" IS NOT NULL,
        CASE typeof(NEW."createdAt") WHEN 'integer' THEN strftime('%Y-%m-%d', NEW."createdAt" / 1000, 'unixepoch') ELSE substr(NEW."createdAt", 1, 10) END, 1);
END;

CREATE TRIGGER "Device_count_delete" AFTER DELETE ON "Device"
BEGIN
    INSERT INTO "DeviceCountChange" ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "registeredOn", "devices")
    VALUES (OLD."partnerId", OLD."modelId", OLD."firmwareVersion", OLD."isEnabled", OLD."isConnected", OLD."lastSeenAt" IS NOT NULL,
        CASE typeof(OLD."createdAt") WHEN 'integer' THEN strftime('%Y-%m-%d', OLD."createdAt" / 1000, 'unixepoch') ELSE substr(OLD."createdAt", 1, 10) END, -1);
END;

-- Only a change of group fires it: telemetry moving lastSeenAt on costs nothing.
CREATE TRIGGER "Device_count_update" AFTER UPDATE OF "partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "lastSeenAt", "createdAt" ON "Device"
WHEN OLD."partnerId" IS NOT NEW."partnerId" OR OLD."modelId" IS NOT NEW."modelId"
    OR OLD."firmwareVersion" IS NOT NEW."firmwareVersion" OR OLD."isEnabled" IS NOT NEW."isEnabled"
    OR OLD."isConnected" IS NOT NEW."isConnected" OR (OLD."lastSeenAt" IS NULL) IS NOT (NEW."lastSeenAt" IS NULL)
    OR OLD."createdAt" IS NOT NEW."createdAt"
BEGIN
    INSERT INTO "DeviceCountChange" ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "registeredOn", "devices")
    VALUES (OLD."partnerId", OLD."modelId", OLD."firmwareVersion", OLD."isEnabled", OLD."isConnected", OLD."lastSeenAt" IS NOT NULL,
        CASE typeof(OLD."createdAt") WHEN 'integer' THEN strftime('%Y-%m-%d', OLD."createdAt" / 1000, 'unixepoch') ELSE substr(OLD."createdAt", 1, 10) END, -1),
        (NEW."partnerId", NEW."modelId", NEW."firmwareVersion", NEW."isEnabled", NEW."isConnected", NEW."lastSeenAt" IS NOT NULL,
        CASE typeof(NEW."createdAt") WHEN 'integer' THEN strftime('%Y-%m-%d', NEW."createdAt" / 1000, 'unixepoch') ELSE substr(NEW."createdAt", 1, 10) END, 1);
END;
