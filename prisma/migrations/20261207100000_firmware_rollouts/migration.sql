-- Staged firmware rollouts and each device's place in one.
-- CreateTable
CREATE TABLE "FirmwareRollout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "pauseReason" TEXT,
    "stages" TEXT NOT NULL,
    "currentStage" INTEGER NOT NULL DEFAULT 0,
    "isAutoPromoted" BOOLEAN NOT NULL,
    "devicesPerMinute" INTEGER NOT NULL,
    "timeoutMinutes" INTEGER NOT NULL,
    "retries" INTEGER NOT NULL,
    "stopFailurePercent" INTEGER NOT NULL,
    "stopMinFinished" INTEGER NOT NULL,
    "stopFinishedBase" INTEGER NOT NULL DEFAULT 0,
    "stopFailedBase" INTEGER NOT NULL DEFAULT 0,
    "verifyMinutes" INTEGER NOT NULL,
    "targetDescription" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "FirmwareRollout_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "DeviceModel" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FirmwareRollout_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "FirmwareFile" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RolloutDevice" (
    "rolloutId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "failure" TEXT,
    "commandId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "fromVersion" TEXT NOT NULL,
    "notifiedAt" DATETIME,
    "doneAt" DATETIME,
    "deadlineAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("rolloutId", "deviceId"),
    CONSTRAINT "RolloutDevice_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "FirmwareRollout" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RolloutDevice_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FirmwareRollout_partnerId_createdAt_idx" ON "FirmwareRollout"("partnerId", "createdAt");

-- CreateIndex
CREATE INDEX "FirmwareRollout_status_idx" ON "FirmwareRollout"("status");

-- CreateIndex
CREATE INDEX "RolloutDevice_rolloutId_state_stage_position_idx" ON "RolloutDevice"("rolloutId", "state", "stage", "position");

-- CreateIndex
CREATE INDEX "RolloutDevice_deviceId_state_idx" ON "RolloutDevice"("deviceId", "state");

