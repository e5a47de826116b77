-- The member who created an API token. A token acts with the lower of its own
-- role and its creator's current one, and is refused once they have left the
-- partner. Tokens made before this column existed have no creator on record
-- and are refused: their owners create new ones.
ALTER TABLE "ApiToken" ADD COLUMN "createdByUserId" TEXT;
