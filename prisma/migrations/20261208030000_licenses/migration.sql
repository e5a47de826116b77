-- Licence types, the licences issued to devices, and each partner's signing key.
-- CreateTable
CREATE TABLE "LicenseType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LicenseType_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "DeviceModel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceLicense" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "typeId" TEXT NOT NULL,
    "signedData" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "desired" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "issuedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "DeviceLicense_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeviceLicense_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "LicenseType" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PartnerSigningKey" (
    "partnerId" TEXT NOT NULL PRIMARY KEY,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "LicenseType_modelId_name_key" ON "LicenseType"("modelId", "name");

-- CreateIndex
CREATE INDEX "DeviceLicense_deviceId_desired_state_idx" ON "DeviceLicense"("deviceId", "desired", "state");

