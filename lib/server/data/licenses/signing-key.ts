import "server-only";
import { createCipheriv, createDecipheriv, createSign, generateKeyPairSync, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { findSigningKey, storeSigningKey, type SigningKeyRow } from "./signing-key-rows";

// Each partner signs its licences with an RSA key of its own, made on first
// use. The public half is shown on the model page for firmware to pin; the
// private half is stored encrypted (AES-256-GCM) with a key derived from
// KEY_HASH_SECRET, so a copy of the database alone cannot sign a licence.

const encryptionKey = () =>
  Buffer.from(hkdfSync("sha256", env().KEY_HASH_SECRET, "", "partner-hub licence signing key", 32));

function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64")).join(".");
}

function decrypt(stored: string): string {
  const [iv, tag, sealed] = stored.split(".").map((part) => Buffer.from(part, "base64"));
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString("utf8");
}

/** The partner's key pair, made (once, even when two requests race) on first use. */
async function signingKey(partnerId: string): Promise<SigningKeyRow> {
  const found = await findSigningKey(partnerId);
  if (found) return found;
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return storeSigningKey(partnerId, {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyEncrypted: encrypt(privateKey.export({ type: "pkcs8", format: "pem" }).toString()),
  });
}

/** The PEM (SPKI) public key firmware pins to verify the partner's licences. */
export async function licensePublicKey(partnerId: string): Promise<string> {
  return (await signingKey(partnerId)).publicKeyPem;
}

/** Base64 RSA-SHA256 (PKCS#1 v1.5) of `text` with the partner's key. */
export async function signForPartner(partnerId: string, text: string): Promise<string> {
  const privateKeyPem = decrypt((await signingKey(partnerId)).privateKeyEncrypted);
  return createSign("sha256").update(text, "utf8").sign(privateKeyPem, "base64");
}
