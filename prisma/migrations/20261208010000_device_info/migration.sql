-- What devices report of Xyte's spaces and parents, and the info version members' edits grow;
-- added in place (no table rebuild at fleet scale).
ALTER TABLE "Device" ADD COLUMN "spaceVersion" TEXT;
ALTER TABLE "Device" ADD COLUMN "parentId" TEXT;
ALTER TABLE "Device" ADD COLUMN "infoVersion" INTEGER NOT NULL DEFAULT 0;
