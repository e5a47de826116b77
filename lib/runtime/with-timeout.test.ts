import { describe, expect, it } from "vitest";
import { withTimeout } from "./with-timeout";

describe("withTimeout", () => {
  it("gives the promise's result in time, and the caller's error after it", async () => {
    expect(await withTimeout(Promise.resolve(7), 1_000, () => new Error("late"))).toBe(7);
    await expect(withTimeout(new Promise(() => undefined), 5, () => new Error("late"))).rejects.toThrow("late");
    await expect(withTimeout(Promise.reject(new Error("own")), 1_000, () => new Error("late"))).rejects.toThrow("own");
  });
});
