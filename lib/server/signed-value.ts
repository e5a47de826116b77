import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// A value the portal hands to itself through an untrusted channel (an HTTP
// call to its own API): "<value>.<expiry in Unix seconds>.<HMAC-SHA-256>",
// keyed with the server's secret and bound to a purpose, so a token made for
// one purpose is worthless for another and nobody without the secret can
// make one.

const sign = (purpose: string, payload: string) =>
  createHmac("sha256", env().KEY_HASH_SECRET).update(`${purpose}:${payload}`).digest("base64url");

export function signValue(purpose: string, value: string, lifetimeSeconds: number, now = Date.now()): string {
  const payload = `${value}.${Math.floor(now / 1000) + lifetimeSeconds}`;
  return `${payload}.${sign(purpose, payload)}`;
}

/** The value a token signed for this purpose carries, if it is genuine and unexpired; null otherwise. */
export function readSignedValue(purpose: string, token: string, now = Date.now()): string | null {
  const [value, expires, signature] = token.split(".");
  if (!value || !expires || !signature || Number(expires) * 1000 < now) return null;
  const expected = Buffer.from(sign(purpose, `${value}.${expires}`));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? value : null;
}
