-- Licence types, the licences issued to devices, and each partner's signing key.
-- CreateTable
CREATE TABLE "LicenseType" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LicenseType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceLicense" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "typeId" TEXT NOT NULL,
    "signedData" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "desired" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "issuedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "DeviceLicense_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerSigningKey" (
    "partnerId" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerSigningKey_pkey" PRIMARY KEY ("partnerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "LicenseType_modelId_name_key" ON "LicenseType"("modelId", "name");

-- CreateIndex
CREATE INDEX "DeviceLicense_deviceId_desired_state_idx" ON "DeviceLicense"("deviceId", "desired", "state");

-- AddForeignKey
ALTER TABLE "LicenseType" ADD CONSTRAINT "LicenseType_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "DeviceModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceLicense" ADD CONSTRAINT "DeviceLicense_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceLicense" ADD CONSTRAINT "DeviceLicense_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "LicenseType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

