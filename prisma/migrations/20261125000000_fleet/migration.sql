-- The devices page at fleet scale: every list order (newest, last seen, a
-- model's newest) has an index ending in the id tie-breaker, so a page is read
-- in order without sorting ties; firmware options come from an index too.
DROP INDEX "Device_partnerId_createdAt_idx";
CREATE INDEX "Device_partnerId_createdAt_id_idx" ON "Device"("partnerId", "createdAt", "id");
CREATE INDEX "Device_partnerId_lastSeenAt_id_idx" ON "Device"("partnerId", "lastSeenAt", "id");
CREATE INDEX "Device_partnerId_firmwareVersion_idx" ON "Device"("partnerId", "firmwareVersion");
CREATE INDEX "Device_modelId_createdAt_id_idx" ON "Device"("modelId", "createdAt", "id");

-- Connections per partner and UTC day, for the overview's chart.
CREATE TABLE "PartnerDailyStat" (
    "partnerId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "connections" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("partnerId", "day"),
    CONSTRAINT "PartnerDailyStat_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
