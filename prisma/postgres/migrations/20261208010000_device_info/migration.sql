-- What devices report of Xyte's spaces and parents, and the info version members' edits grow.
-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "infoVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "spaceVersion" TEXT;

