import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

// Mosquitto's password-file form: "$7$<iterations>$<salt b64>$<hash b64>",
// PBKDF2-SHA512 with a 12-byte salt and a 64-byte hash (what mosquitto_passwd
// writes). 101 iterations is mosquitto_passwd's default; the secrets hashed
// here are 256-bit random keys, so stretching adds no protection, only
// per-connect CPU in the broker.
const ITERATIONS = 101;

const format = (iterations: number, salt: Buffer, hash: Buffer) =>
  `$7$${iterations}$${salt.toString("base64")}$${hash.toString("base64")}`;

export function brokerPasswordHash(secret: string, iterations = ITERATIONS): string {
  const salt = randomBytes(12);
  return format(iterations, salt, pbkdf2Sync(secret, salt, iterations, 64, "sha512"));
}

const pbkdf2Async = promisify(pbkdf2);

/** brokerPasswordHash off the event loop (libuv's thread pool), for request paths. */
export async function brokerPasswordHashAsync(secret: string, iterations = ITERATIONS): Promise<string> {
  const salt = randomBytes(12);
  return format(iterations, salt, await pbkdf2Async(secret, salt, iterations, 64, "sha512"));
}

/** Checks a secret against a "$7$" hash, as the broker does. */
export function brokerPasswordMatches(secret: string, stored: string): boolean {
  const [, seven, iterations, salt, hash] = stored.split("$");
  if (seven !== "7" || !iterations || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = pbkdf2Sync(secret, Buffer.from(salt, "base64"), Number(iterations), expected.length, "sha512");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
