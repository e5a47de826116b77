import { describe, expect, it, vi } from "vitest";
import { PresenceRecorder } from "./presence";

const at = new Date("2026-11-24T10:00:00Z");
const id = "0b6f1d3e-2a4c-4e5f-9a7b-1c2d3e4f5a6b";

describe("[HUB] presence", () => {
  it("folds a burst into one update per device", async () => {
    const write = vi.fn(() => Promise.resolve());
    const recorder = new PresenceRecorder(write, () => undefined, 10_000);
    const later = new Date(at.getTime() + 1000);
    recorder.record({ deviceId: id, kind: "connected", at });
    recorder.record({ deviceId: id, kind: "seen", at: later });
    recorder.record({ deviceId: "other", kind: "disconnected", at });
    await recorder.flush();
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith([
      { deviceId: id, isConnected: true, connectedAt: at, lastSeenAt: later },
      { deviceId: "other", isConnected: false, disconnectedAt: at, lastSeenAt: at },
    ]);
  });
});
