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

  it("grows to cover a slow reload at the given rate, never past its maximum nor below its size", async () => {
    const pool = new CredentialPool({ size: 512, maxSize: 4_096, generate, admit: () => Promise.resolve() });
    pool.cover(0.2, 400); // a small fleet's reload: the pool stays as it is
    expect(pool.targetSize).toBe(512);
    pool.cover(2, 400); // half the pool (800) lasts 2 s at 400/s
    expect(pool.targetSize).toBe(1_600);
    pool.cover(30, 400);
    expect(pool.targetSize).toBe(16_384);
    let admitted = 0;
    const warmed = new CredentialPool({
      size: 4,
      generate,
      admit: (batch) => ((admitted += batch.length), Promise.resolve()),
    });
    warmed.cover(0.05, 100);
    await warmed.warmUp();
    expect(admitted).toBe(10);
    // A slow refill grows the pool so that its half lasts twice that refill (50 ms) at 1,000/s.
    const slow = new CredentialPool({
      size: 4,
      coverRate: 1_000,
      generate,
      admit: () => new Promise((resolve) => setTimeout(resolve, 50)),
    });
    await slow.warmUp();
    expect(slow.targetSize).toBeGreaterThanOrEqual(150); // 100 without the headroom
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
