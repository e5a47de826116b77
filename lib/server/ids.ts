import "server-only";
import { randomBytes, randomUUID } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** A short public id like "mdl_7k2m9x4q1c8v": easy to read out and copy. */
export function newPublicId(prefix: string, length = 12): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return `${prefix}_${out}`;
}

export const newId = (): string => randomUUID();
