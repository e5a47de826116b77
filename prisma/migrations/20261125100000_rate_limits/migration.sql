-- Registration rate-limit counters shared by every portal process
-- (RATE_LIMIT_STORE=database).
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);
