import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "../errors";

// In-memory limiters: right for one portal process. A fleet of portals would
// share them through rate-limiter-flexible's Redis or Postgres stores.
const globalForLimits = globalThis as unknown as { registrationLimits?: { perIp: RateLimiterMemory; perKey: RateLimiterMemory } };

function limits() {
  globalForLimits.registrationLimits ??= {
    perIp: new RateLimiterMemory({ keyPrefix: "register-ip", points: env().REGISTRATION_RATE_PER_IP, duration: 60 }),
    perKey: new RateLimiterMemory({ keyPrefix: "register-key", points: env().REGISTRATION_RATE_PER_KEY, duration: 60 }),
  };
  return globalForLimits.registrationLimits;
}

async function consume(limiter: RateLimiterMemory, key: string, points: number, what: string): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `too many registrations from this ${what}; retry in ${seconds} s`, { retryAfterSeconds: seconds });
  }
}

/** Counts registration requests per source address (before the body is read). */
export const limitByAddress = (ip: string, points = 1) => consume(limits().perIp, ip, points, "address");

/** Counts registrations per hardware key (keyed by its hash, never the secret). */
export const limitByHardwareKey = (keyHash: string) => consume(limits().perKey, keyHash, 1, "hardware key");
