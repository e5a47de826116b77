-- When a device last reported its own firmware version (the onboarding checklist).
ALTER TABLE "Device" ADD COLUMN "firmwareReportedAt" TIMESTAMP(3);
