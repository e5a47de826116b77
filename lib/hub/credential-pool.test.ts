import { describe, expect, it } from "vitest";
import { CredentialPool, type DeviceCredentials } from "./credential-pool";

let serial = 0;
const generate = () => Promise.resolve<DeviceCredentials>({ id: `id-${++serial}`, accessKey: `key-${serial}`, accessKeyHash: "h", hubPasswordHash: "b" });

describe("CredentialPool", () => {
  it("hands out only admitted credentials, refills below half, and takes unused ones back", async () => {
    const admitted = new Set<string>();
    let admissions = 0;
    const pool = new CredentialPool({ size: 4, generate, admit: (batch) => (admissions++, batch.forEach((c) => admitted.add(c.id)), Promise.resolve()) });
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

  it("a failed admission fails the waiting registration; the next one tries again", async () => {
    let isBrokerDown = true;
    const pool = new CredentialPool({ size: 2, generate, admit: () => (isBrokerDown ? Promise.reject(new Error("broker down")) : Promise.resolve()) });
    await expect(pool.take()).rejects.toThrow("broker down");
    isBrokerDown = false;
    expect((await pool.take()).id).toMatch(/^id-/);
  });
});
