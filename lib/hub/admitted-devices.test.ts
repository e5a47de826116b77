import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AdmittedDevices } from "./admitted-devices";

const hmac = () => createHmac("sha256", "k").update(randomBytes(8)).digest("base64url");

describe("AdmittedDevices", () => {
  it("keeps exactly what a Map keeps, through growth, overwrites and deletes of every shape of id and hash", () => {
    const table = new AdmittedDevices();
    const reference = new Map<string, string>();
    const odd = ["device-1", "ABCDEF01-2345-6789-ABCD-EF0123456789", "", "x".repeat(36)];
    const ids: string[] = [...odd];
    // A hash that does not read back the same from its bytes (its last character's unused bits set).
    const oddHashes = ["not-a-hash", `${"A".repeat(42)}B`, `${hmac().slice(0, 42)}=`];
    let seed = 7;
    const random = (n: number) => (seed = (Math.imul(seed, 48271) + 11) >>> 0) % n;
    for (let step = 0; step < 60_000; step++) {
      const roll = random(10);
      if (roll < 5 || ids.length === 0) {
        const id = random(20) === 0 ? odd[random(odd.length)]! : randomUUID();
        const hash = random(30) === 0 ? oddHashes[random(oddHashes.length)]! : hmac();
        table.set(id, hash);
        reference.set(id, hash);
        ids.push(id);
      } else if (roll < 7) {
        const id = ids[random(ids.length)]!;
        const hash = random(4) === 0 ? oddHashes[random(oddHashes.length)]! : hmac();
        table.set(id, hash);
        reference.set(id, hash);
      } else {
        const id = ids[random(ids.length)]!;
        table.delete(id);
        reference.delete(id);
      }
    }
    expect(table.size).toBe(reference.size);
    for (const id of ids) expect(table.get(id)).toBe(reference.get(id));
    for (let i = 0; i < 1_000; i++) expect(table.get(randomUUID())).toBeUndefined();
  });

  it("reads back every hash exactly, whatever its last character", () => {
    const table = new AdmittedDevices();
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const stem = hmac().slice(0, 42);
    for (const last of alphabet) {
      const id = randomUUID();
      table.set(id, stem + last);
      expect(table.get(id)).toBe(stem + last);
    }
  });

  it("forgets a deleted device and admits it again", () => {
    const table = new AdmittedDevices();
    const id = randomUUID();
    const [first, second] = [hmac(), hmac()];
    table.set(id, first);
    expect(table.get(id)).toBe(first);
    table.delete(id);
    expect(table.get(id)).toBeUndefined();
    expect(table.size).toBe(0);
    table.set(id, second);
    expect(table.get(id)).toBe(second);
    expect(table.size).toBe(1);
  });
});
