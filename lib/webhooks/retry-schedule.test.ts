import { describe, expect, it } from "vitest";
import { RETRY_WINDOW_MS, nextAttemptAfterFailure } from "./retry-schedule";

describe("[WEBHOOKS] retry schedule", () => {
  const createdAt = new Date("2026-11-30T00:00:00Z");

  it("backs off exponentially up to 4 hours", () => {
    const delays = [1, 2, 3, 4, 12, 30].map(
      (attempts) => nextAttemptAfterFailure(createdAt, attempts, createdAt)!.getTime() - createdAt.getTime(),
    );
    expect(delays).toEqual([15_000, 30_000, 60_000, 120_000, 4 * 3_600_000, 4 * 3_600_000]);
  });

  it("keeps trying for 24 hours, then gives up", () => {
    let now = createdAt;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const next = nextAttemptAfterFailure(createdAt, attempts, now);
      if (!next) break;
      now = next;
    }
    expect(now.getTime() - createdAt.getTime()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(attempts).toBeLessThan(30);
  });
});
