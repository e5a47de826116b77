import { describe, expect, it } from "vitest";
import { CredentialPool, type DeviceCredentials } from "./credential-pool";

let serial = 0;
const generate = () =>
  Promise.resolve<DeviceCredentials>({
    id: `id-${++serial}`,
    accessKey: `key-${serial}`,
    accessKeyHash: "h",
    hubPasswordHash: "b",
  });

describe("CredentialPool", () => {
  it("hands out only admitted credentials, refills below half, and takes unused ones back", async () => {
    const admitted = new Set<string>();
    let admissions = 0;
    const pool = new CredentialPool({
      size: 4,
      generate,
      admit: (batch) => (admissions++, batch.forEach((c) => admitted.add(c.id)), Promise.resolve()),
    });
    const first = await pool.take();
    expect(admitted.has(first.id)).toBe(true);
    expect(admissions).toBe(1);
    const taken = [first, await pool.take(), await pool.take()];
    expect(new Set(taken.map((c) => c.id)).size).toBe(3);
    expect(taken.every((c) => admitted.has(c.id))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(admissions).toBe(2); // one left of four: a second batch
    pool.giveBack(taken[2]!);
    expect((await pool.take()).id).toBe(taken[2]!.id);
  });

  it("doubles once for each refill registrations had to wait for, up to its maximum", async () => {
    const busy = new CredentialPool({ size: 2, maxSize: 1_024, generate, admit: () => Promise.resolve() });
    await Promise.all(Array.from({ length: 16 }, () => busy.take())); // 16 waiting on one refill double it once, not 16 times
    expect(busy.targetSize).toBeGreaterThan(2);
    expect(busy.targetSize).toBeLessThanOrEqual(32);
    const capped = new CredentialPool({ size: 2, maxSize: 8, generate, admit: () => Promise.resolve() });
    for (let i = 0; i < 40; i++) await capped.take();
    expect(capped.targetSize).toBe(8);
  });

  it("a warmed-up pool is admitted before the first take, which then neither waits nor grows it", async () => {
    let admissions = 0;
    const pool = new CredentialPool({ size: 4, generate, admit: () => (admissions++, Promise.resolve()) });
    await pool.warmUp();
    expect(admissions).toBe(1);
    await pool.take();
    expect(pool.targetSize).toBe(4);
  });

  it("a failed admission fails the waiting registration; the next one tries again", async () => {
    let isBrokerDown = true;
    const pool = new CredentialPool({
      size: 2,
      generate,
      admit: () => (isBrokerDown ? Promise.reject(new Error("broker down")) : Promise.resolve()),
    });
    await expect(pool.take()).rejects.toThrow("broker down");
    isBrokerDown = false;
    expect((await pool.take()).id).toMatch(/^id-/);
  });
});
