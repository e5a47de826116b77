import "server-only";
import { RateLimiterMemory, RateLimiterPrisma, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { db } from "./database/db";

// RATE_LIMIT_STORE=memory (default) counts in this process: right for one
// portal. "database" keeps the counters in the RateLimit table, so several
// portal processes share one limit; if the database cannot answer, the
// process falls back to counting in memory rather than refusing everyone.

/** A limiter of `points` per `duration` seconds, counted where RATE_LIMIT_STORE says. */
export function limiter(keyPrefix: string, points: number, duration = 60): RateLimiterAbstract {
  const options = { keyPrefix, points, duration };
  if (env().RATE_LIMIT_STORE === "memory") return new RateLimiterMemory(options);
  return new RateLimiterPrisma({
    ...options,
    storeClient: db,
    tableName: "rateLimit",
    insuranceLimiter: new RateLimiterMemory(options),
  });
}
