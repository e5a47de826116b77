import { describe, expect, it, vi } from "vitest";
import { parsePresenceLine, PresenceRecorder } from "./presence";

const at = new Date("2026-11-24T10:00:00Z");
const id = "0b6f1d3e-2a4c-4e5f-9a7b-1c2d3e4f5a6b";

describe("[HUB] presence from broker log lines", () => {
  it.each([
    [`New client connected from 127.0.0.1:5000 as ${id} (p5, c1, k60, u'${id}').`, "connected"],
    [`Client ${id} disconnected.`, "disconnected"],
    [`Client ${id} closed its connection.`, "disconnected"],
    [`Client ${id} has exceeded timeout, disconnecting.`, "disconnected"],
  ])("%s → %s", (line, kind) => {
    expect(parsePresenceLine(line, at)).toEqual({ deviceId: id, kind, at });
  });

  it.each([
    "Client <unknown> disconnected, not authorised.",
    `Client ${id} already connected, closing old connection.`,
    "New connection from 127.0.0.1:5000 on port 1883.",
    "Reloading config.",
  ])("ignores %s", (line) => {
    expect(parsePresenceLine(line, at)).toBeNull();
  });

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
