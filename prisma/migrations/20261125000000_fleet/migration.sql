-- The devices page at fleet scale: sort by last seen, filter by firmware,
-- and a model's devices newest first, each served from an index.
CREATE INDEX "Device_partnerId_lastSeenAt_idx" ON "Device"("partnerId", "lastSeenAt");
CREATE INDEX "Device_partnerId_firmwareVersion_idx" ON "Device"("partnerId", "firmwareVersion");
CREATE INDEX "Device_modelId_createdAt_idx" ON "Device"("modelId", "createdAt");

-- Connections per partner and UTC day, for the overview's chart.
CREATE TABLE "PartnerDailyStat" (
    "partnerId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "connections" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("partnerId", "day"),
    CONSTRAINT "PartnerDailyStat_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
