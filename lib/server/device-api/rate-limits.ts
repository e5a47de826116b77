import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { processState } from "@/lib/runtime/process-state";
import { AppError } from "../errors";
import { limiter } from "../rate-limiter";

// Counted in memory or in the database, as RATE_LIMIT_STORE says (../rate-limiter.ts);
// one set per process.
const limits = () =>
  processState("registration-limits", () => ({
    perIp: limiter("register-ip", env().REGISTRATION_RATE_PER_IP),
    perKey: limiter("register-key", env().REGISTRATION_RATE_PER_KEY),
  }));

async function consume(limiter: RateLimiterAbstract, key: string, points: number, tooMany: string): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `${tooMany}; retry in ${seconds} s`, {
      retryAfterSeconds: seconds,
    });
  }
}

/** Counts registration requests per source address (before the body is read). */
export const limitByAddress = (ip: string, points = 1) =>
  consume(limits().perIp, ip, points, "too many registrations from this address");

/** Counts registrations per hardware key (keyed by its hash, never the secret). */
export const limitByHardwareKey = (keyHash: string) =>
  consume(limits().perKey, keyHash, 1, "too many registrations with this hardware key");

/** Counts a device's Update Device calls: DEVICE_UPDATES_PER_HOUR an hour, as Xyte throttles them. */
export function limitDeviceUpdates(deviceId: string): Promise<void> {
  const perHour = env().DEVICE_UPDATES_PER_HOUR;
  const limit = processState("device-update-limit", () => limiter("device-update", perHour, 3_600));
  return consume(limit, deviceId, 1, `at most ${perHour} device updates an hour`);
}

/** A device's Add Event calls: its log is for events, not a second telemetry stream. */
export const DEVICE_EVENTS_PER_MINUTE = 120;

/** Counts a device's Add Event calls: DEVICE_EVENTS_PER_MINUTE a minute. */
export function limitDeviceEvents(deviceId: string): Promise<void> {
  const limit = processState("device-event-limit", () => limiter("device-event", DEVICE_EVENTS_PER_MINUTE));
  return consume(limit, deviceId, 1, `at most ${DEVICE_EVENTS_PER_MINUTE} events a minute`);
}

/** A gateway's Register Child Device calls: a batch of children a minute, not an unbounded fleet. */
export const CHILD_REGISTRATIONS_PER_MINUTE = 60;

/** Counts a gateway's Register Child Device calls: CHILD_REGISTRATIONS_PER_MINUTE a minute. */
export function limitChildRegistrations(deviceId: string): Promise<void> {
  const limit = processState("child-registration-limit", () =>
    limiter("child-registration", CHILD_REGISTRATIONS_PER_MINUTE),
  );
  return consume(limit, deviceId, 1, `at most ${CHILD_REGISTRATIONS_PER_MINUTE} child registrations a minute`);
}

/** Counts a management API token's calls: API_TOKEN_RATE_PER_MINUTE a minute. */
export function limitApiToken(tokenId: string): Promise<void> {
  const perMinute = env().API_TOKEN_RATE_PER_MINUTE;
  const limit = processState("api-token-limit", () => limiter("api-token", perMinute));
  return consume(limit, tokenId, 1, `at most ${perMinute} calls a minute with this token`);
}
