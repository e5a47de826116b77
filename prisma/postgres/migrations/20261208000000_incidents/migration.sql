-- Incidents devices open (Xyte's incidents API) and members or devices close.
-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issue" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL,
    "closedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_deviceId_status_createdAt_idx" ON "Incident"("deviceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Incident_partnerId_status_idx" ON "Incident"("partnerId", "status");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

