import "server-only";
import { db } from "../../database/db";

export type SigningKeyRow = { publicKeyPem: string; privateKeyEncrypted: string };

/** The partner's stored licence signing key, if it has one yet. */
export function findSigningKey(partnerId: string): Promise<SigningKeyRow | null> {
  return db.partnerSigningKey.findUnique({
    where: { partnerId },
    select: { publicKeyPem: true, privateKeyEncrypted: true },
  });
}

/** Stores a new key unless a racing request stored one first; the partner's key either way. */
export async function storeSigningKey(partnerId: string, key: SigningKeyRow): Promise<SigningKeyRow> {
  await db.partnerSigningKey.createMany({ data: [{ partnerId, ...key }] }).catch(() => undefined);
  return db.partnerSigningKey.findUniqueOrThrow({
    where: { partnerId },
    select: { publicKeyPem: true, privateKeyEncrypted: true },
  });
}
