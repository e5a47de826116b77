-- The fleet at a million devices: the overview and the device list count
-- devices per model, firmware and presence state from DeviceStateCount, and
-- registrations per day from PartnerDailyStat, instead of reading devices.
-- Triggers on Device append every change to DeviceCountChange, whoever
-- writes (registration, presence, telemetry, bulk actions, raw SQL); appends
-- never wait for each other's row locks, as updating shared counters would.
-- Housekeeping folds the changes into the counts.

ALTER TABLE "PartnerDailyStat" ADD COLUMN "registrations" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "DeviceStateCount" (
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "firmwareVersion" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL,
    "isConnected" BOOLEAN NOT NULL,
    "isSeen" BOOLEAN NOT NULL,
    "devices" INTEGER NOT NULL,

    CONSTRAINT "DeviceStateCount_pkey" PRIMARY KEY ("partnerId","modelId","firmwareVersion","isEnabled","isConnected","isSeen")
);

CREATE TABLE "DeviceCountChange" (
    "id" SERIAL NOT NULL,
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "firmwareVersion" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL,
    "isConnected" BOOLEAN NOT NULL,
    "isSeen" BOOLEAN NOT NULL,
    "registeredOn" TEXT NOT NULL,
    "devices" INTEGER NOT NULL,

    CONSTRAINT "DeviceCountChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DeviceCountChange_partnerId_idx" ON "DeviceCountChange"("partnerId");

CREATE INDEX "Device_modelId_isEnabled_isConnected_lastSeenAt_firmwareVer_idx" ON "Device"("modelId", "isEnabled", "isConnected", "lastSeenAt", "firmwareVersion");

-- The counts of the devices that exist now.
INSERT INTO "DeviceStateCount" ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "devices")
SELECT "partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "lastSeenAt" IS NOT NULL, COUNT(*)
FROM "Device"
GROUP BY 1, 2, 3, 4, 5, 6;

-- createdAt holds UTC (Prisma writes TIMESTAMP(3) without a time zone in UTC).
INSERT INTO "PartnerDailyStat" ("partnerId", "day", "registrations")
SELECT "partnerId", to_char("createdAt", 'YYYY-MM-DD'), COUNT(*)
FROM "Device"
GROUP BY 1, 2
ON CONFLICT ("partnerId", "day") DO UPDATE SET "registrations" = excluded."registrations";

CREATE FUNCTION "Device_count_change"() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO "DeviceCountChange" ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "registeredOn", "devices")
        VALUES (OLD."partnerId", OLD."modelId", OLD."firmwareVersion", OLD."isEnabled", OLD."isConnected", OLD."lastSeenAt" IS NOT NULL, to_char(OLD."createdAt", 'YYYY-MM-DD'), -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO "DeviceCountChange" ("partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "isSeen", "registeredOn", "devices")
        VALUES (NEW."partnerId", NEW."modelId", NEW."firmwareVersion", NEW."isEnabled", NEW."isConnected", NEW."lastSeenAt" IS NOT NULL, to_char(NEW."createdAt", 'YYYY-MM-DD'), 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Device_count_insert_delete"
AFTER INSERT OR DELETE ON "Device"
FOR EACH ROW EXECUTE FUNCTION "Device_count_change"();

-- Only a change of group fires it: telemetry moving lastSeenAt on costs nothing.
CREATE TRIGGER "Device_count_update"
AFTER UPDATE OF "partnerId", "modelId", "firmwareVersion", "isEnabled", "isConnected", "lastSeenAt", "createdAt" ON "Device"
FOR EACH ROW WHEN (
    OLD."partnerId" IS DISTINCT FROM NEW."partnerId" OR OLD."modelId" IS DISTINCT FROM NEW."modelId"
    OR OLD."firmwareVersion" IS DISTINCT FROM NEW."firmwareVersion" OR OLD."isEnabled" IS DISTINCT FROM NEW."isEnabled"
    OR OLD."isConnected" IS DISTINCT FROM NEW."isConnected" OR (OLD."lastSeenAt" IS NULL) IS DISTINCT FROM (NEW."lastSeenAt" IS NULL)
    OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
)
EXECUTE FUNCTION "Device_count_change"();
