import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// The portal keeps hardware keys only as hashes, so its registration screen
// cannot send a key's secret. It sends this instead: the key's id and an
// expiry, signed with the server's secret, valid for one minute. The Register
// Device API accepts it wherever it accepts a hardware_key.
const PREFIX = "phkt_";
const LIFETIME_SECONDS = 60;

const sign = (payload: string) =>
  createHmac("sha256", env().KEY_HASH_SECRET).update(`hardware-key-token:${payload}`).digest("base64url");

export function mintHardwareKeyToken(keyId: string, now = Date.now()): string {
  const payload = `${keyId}.${Math.floor(now / 1000) + LIFETIME_SECONDS}`;
  return `${PREFIX}${payload}.${sign(payload)}`;
}

/** The key id a valid, unexpired token names; null for anything else. */
export function readHardwareKeyToken(value: string, now = Date.now()): string | null {
  if (!value.startsWith(PREFIX)) return null;
  const [keyId, expires, signature] = value.slice(PREFIX.length).split(".");
  if (!keyId || !expires || !signature || Number(expires) * 1000 < now) return null;
  const expected = Buffer.from(sign(`${keyId}.${expires}`));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? keyId : null;
}
