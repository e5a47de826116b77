import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * A new 256-bit secret, base64url (URL-safe), with a readable prefix such as
 * "phk" so a leaked value is recognisable in logs and secret scanners.
 */
export function generateSecret(prefix?: string): string {
  const value = randomBytes(32).toString("base64url");
  return prefix ? `${prefix}_${value}` : value;
}

/**
 * How secrets are stored and looked up. They are 256-bit random values, so a
 * keyed fast hash is enough; a slow password hash would cap registration at a
 * few dozen per second.
 */
export function hashSecret(secret: string): string {
  return createHmac("sha256", env().KEY_HASH_SECRET).update(secret).digest("base64url");
}

/** Constant-time check of a presented secret against its stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
