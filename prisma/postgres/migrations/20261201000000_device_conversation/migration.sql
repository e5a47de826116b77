-- The device conversation: telemetry, config, commands and device updates.
-- AlterTable
ALTER TABLE "DeviceModel" ADD COLUMN     "defaultConfig" TEXT;

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "subModel" TEXT,
ADD COLUMN     "hostAddress" TEXT,
ADD COLUMN     "telemetryState" TEXT,
ADD COLUMN     "telemetryStatus" TEXT,
ADD COLUMN     "telemetryAt" TIMESTAMP(3),
ADD COLUMN     "config" TEXT,
ADD COLUMN     "configVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "configUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "reportedConfigVersion" INTEGER,
ADD COLUMN     "reportedConfigAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeviceConfig" (
    "deviceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "config" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceConfig_pkey" PRIMARY KEY ("deviceId","version")
);

-- CreateTable
CREATE TABLE "DeviceCommand" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceCommand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceCommandUpdate" (
    "id" SERIAL NOT NULL,
    "commandId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "via" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceCommandUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TelemetryMessage" (
    "id" SERIAL NOT NULL,
    "deviceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "via" TEXT NOT NULL,

    CONSTRAINT "TelemetryMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TelemetryMinute" (
    "deviceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TelemetryMinute_pkey" PRIMARY KEY ("deviceId","key","minute")
);

-- CreateTable
CREATE TABLE "DeviceEvent" (
    "id" SERIAL NOT NULL,
    "deviceId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "DeviceEvent_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "DeviceConfig" ADD CONSTRAINT "DeviceConfig_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceCommand" ADD CONSTRAINT "DeviceCommand_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceCommandUpdate" ADD CONSTRAINT "DeviceCommandUpdate_commandId_fkey" FOREIGN KEY ("commandId") REFERENCES "DeviceCommand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelemetryMessage" ADD CONSTRAINT "TelemetryMessage_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelemetryMinute" ADD CONSTRAINT "TelemetryMinute_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceEvent" ADD CONSTRAINT "DeviceEvent_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

