-- The device conversation: telemetry, config, commands and device updates.
-- AlterTable
ALTER TABLE "DeviceModel" ADD COLUMN "defaultConfig" TEXT;

-- CreateTable
CREATE TABLE "DeviceConfig" (
    "deviceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "config" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("deviceId", "version"),
    CONSTRAINT "DeviceConfig_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceCommand" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "actorLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "DeviceCommand_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceCommandUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commandId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "via" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeviceCommandUpdate_commandId_fkey" FOREIGN KEY ("commandId") REFERENCES "DeviceCommand" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TelemetryMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deviceId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "status" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    CONSTRAINT "TelemetryMessage_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TelemetryMinute" (
    "deviceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "last" REAL NOT NULL,

    PRIMARY KEY ("deviceId", "key", "minute"),
    CONSTRAINT "TelemetryMinute_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deviceId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    CONSTRAINT "DeviceEvent_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- New device columns, added in place (no table rebuild at fleet scale).
ALTER TABLE "Device" ADD COLUMN "subModel" TEXT;
ALTER TABLE "Device" ADD COLUMN "hostAddress" TEXT;
ALTER TABLE "Device" ADD COLUMN "telemetryState" TEXT;
ALTER TABLE "Device" ADD COLUMN "telemetryStatus" TEXT;
ALTER TABLE "Device" ADD COLUMN "telemetryAt" DATETIME;
ALTER TABLE "Device" ADD COLUMN "config" TEXT;
ALTER TABLE "Device" ADD COLUMN "configVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Device" ADD COLUMN "configUpdatedAt" DATETIME;
ALTER TABLE "Device" ADD COLUMN "reportedConfigVersion" INTEGER;
ALTER TABLE "Device" ADD COLUMN "reportedConfigAt" DATETIME;

-- CreateIndex
CREATE INDEX "DeviceCommand_deviceId_status_createdAt_idx" ON "DeviceCommand"("deviceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "DeviceCommand_status_expiresAt_idx" ON "DeviceCommand"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "DeviceCommandUpdate_commandId_at_idx" ON "DeviceCommandUpdate"("commandId", "at");

-- CreateIndex
CREATE INDEX "TelemetryMessage_deviceId_receivedAt_idx" ON "TelemetryMessage"("deviceId", "receivedAt");

-- CreateIndex
CREATE INDEX "TelemetryMessage_receivedAt_idx" ON "TelemetryMessage"("receivedAt");

-- CreateIndex
CREATE INDEX "TelemetryMinute_minute_idx" ON "TelemetryMinute"("minute");

-- CreateIndex
CREATE INDEX "DeviceEvent_deviceId_at_idx" ON "DeviceEvent"("deviceId", "at");

-- CreateIndex
CREATE INDEX "DeviceEvent_at_idx" ON "DeviceEvent"("at");

