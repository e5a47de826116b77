import { describe, expect, it } from "vitest";
import { CheckMarkers } from "./check-markers";

const telemetry = (marker: string) => new TextEncoder().encode(JSON.stringify({ check: marker, at: "now" }));

describe("CheckMarkers", () => {
  it("answers at once for a marker already seen", async () => {
    const markers = new CheckMarkers();
    markers.record("d1", telemetry("partner-hub-check-abc123"));
    await expect(markers.waitFor("d1", "partner-hub-check-abc123", 1_000)).resolves.toBe(true);
  });

  it("wakes a waiter when its marker arrives, not for another device's or marker", async () => {
    const markers = new CheckMarkers();
    const waiting = markers.waitFor("d1", "partner-hub-check-abc123", 1_000);
    markers.record("d2", telemetry("partner-hub-check-abc123"));
    markers.record("d1", telemetry("partner-hub-check-other1"));
    markers.record("d1", new TextEncoder().encode("not json"));
    let isSettled = false;
    void waiting.then(() => (isSettled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(isSettled).toBe(false);
    markers.record("d1", telemetry("partner-hub-check-abc123"));
    await expect(waiting).resolves.toBe(true);
  });

  it("gives up on timeout and on abort", async () => {
    const markers = new CheckMarkers();
    await expect(markers.waitFor("d1", "partner-hub-check-late01", 10)).resolves.toBe(false);
    const controller = new AbortController();
    const aborted = markers.waitFor("d1", "partner-hub-check-late02", 10_000, controller.signal);
    controller.abort();
    await expect(aborted).resolves.toBe(false);
  });

  it("keeps only the last five markers of a device", async () => {
    const markers = new CheckMarkers();
    for (let i = 0; i < 6; i++) markers.record("d1", telemetry(`partner-hub-check-m${i}`));
    await expect(markers.waitFor("d1", "partner-hub-check-m0", 5)).resolves.toBe(false);
    await expect(markers.waitFor("d1", "partner-hub-check-m5", 5)).resolves.toBe(true);
  });
});
