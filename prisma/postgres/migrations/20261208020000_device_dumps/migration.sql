-- Files devices upload (Xyte's dumps).
-- CreateTable
CREATE TABLE "DeviceDump" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceDump_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeviceDump_deviceId_createdAt_idx" ON "DeviceDump"("deviceId", "createdAt");

-- AddForeignKey
ALTER TABLE "DeviceDump" ADD CONSTRAINT "DeviceDump_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

