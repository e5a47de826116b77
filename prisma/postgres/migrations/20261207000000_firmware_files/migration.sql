-- Firmware files of a model; the bytes are in the firmware store.
-- CreateTable
CREATE TABLE "FirmwareFile" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fileType" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "versionKey" TEXT NOT NULL,
    "isPrerelease" BOOLEAN NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "notes" TEXT,
    "publicNotes" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FirmwareFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FirmwareFile_modelId_fileType_version_key" ON "FirmwareFile"("modelId", "fileType", "version");

-- AddForeignKey
ALTER TABLE "FirmwareFile" ADD CONSTRAINT "FirmwareFile_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "DeviceModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

