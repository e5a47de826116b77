import { describe, expect, it } from "vitest";
import { HISTORY_KINDS, describeHistoryEvent } from "@/lib/device-history/history-events";
import { db } from "@/lib/server/database/db";
import { DEVICE_EVENTS_PER_MINUTE } from "@/lib/server/device-api/rate-limits";
import { deviceCall, modelWithKey, body, call } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";

// Xyte's Add Event: kept in the device's history as sent, every bad call
// refused with a message and nothing kept, and a device flooding its log
// slowed down.

useRunningTestHub();

async function device() {
  const model = await modelWithKey("HTTP");
  const { status, json } = await call("register", body(model.hardwareKey));
  if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
  return { id: json.id as string, key: json.access_key as string };
}

const events = (deviceId: string) =>
  db.deviceEvent.findMany({ where: { deviceId, kind: HISTORY_KINDS.deviceEvent }, orderBy: { at: "asc" } });

describe("Add Event (POST /v1/devices/{id}/events)", () => {
  it("keeps the event in the device's history, at the time the device gives", async () => {
    const { id, key } = await device();
    const now = await deviceCall("POST", id, "/events", key, {
      name: "door_opened",
      category: "security",
      int_key_1: 3,
      string_key_1: "rear door",
    });
    expect(now).toMatchObject({ status: 200, json: { status: true } });
    const earlier = new Date(Date.now() - 3_600_000);
    const past = await deviceCall("POST", id, "/events", key, {
      name: "boot",
      category: "system",
      timestamp: Math.floor(earlier.getTime() / 1000),
    });
    expect(past.status).toBe(200);

    const kept = await events(id);
    expect(kept.map((event) => JSON.parse(event.detail) as unknown)).toEqual([
      { name: "boot", category: "system" },
      { name: "door_opened", category: "security", int_key_1: 3, string_key_1: "rear door" },
    ]);
    expect(Math.abs(kept[0]!.at.getTime() - earlier.getTime())).toBeLessThan(1_000);
    expect(describeHistoryEvent(kept[1]!.kind, JSON.parse(kept[1]!.detail) as Record<string, unknown>)).toEqual({
      title: "Event door_opened (security)",
      detail: "int_key_1 3 · string_key_1 rear door",
      tone: "info",
    });
  });

  it("refuses bad events with a clear message and keeps none", async () => {
    const { id, key } = await device();
    const refusals: Array<[unknown, number, RegExp]> = [
      [{ category: "x" }, 422, /name: is required/],
      [{ name: "a", category: "x", int_key_1: 2 ** 31 }, 422, /int_key_1: must fit in 32 bits/],
      [{ name: "a", category: "x", int_key_2: 1.5 }, 422, /int_key_2: must be a whole number/],
      [{ name: "a", category: "x", string_key_1: "y".repeat(256) }, 422, /at most 255/],
      [{ name: "a", category: "x", timestamp: "yesterday" }, 422, /timestamp/],
      [{ name: "a", category: "x", timestamp: Date.now() / 1000 + 3_600 }, 422, /must not be in the future/],
      [{ name: "a", category: "x", colour: "red" }, 400, /unknown field colour/],
    ];
    for (const [input, status, message] of refusals) {
      const answer = await deviceCall("POST", id, "/events", key, input);
      expect(answer.status, JSON.stringify(input)).toBe(status);
      expect(answer.json.error).toMatch(message);
    }
    expect((await deviceCall("POST", id, "/events", "wrong", { name: "a", category: "x" })).status).toBe(401);
    expect(await events(id)).toEqual([]);
  });

  it(`slows a device down past ${DEVICE_EVENTS_PER_MINUTE} events a minute`, async () => {
    const { id, key } = await device();
    for (let i = 0; i < DEVICE_EVENTS_PER_MINUTE; i += 1) {
      const answer = await deviceCall("POST", id, "/events", key, { name: "tick", category: "loop", int_key_1: i });
      expect(answer.status).toBe(200);
    }
    const refused = await deviceCall("POST", id, "/events", key, { name: "tick", category: "loop" });
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatch(/at most 120 events a minute; retry in \d+ s/);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await events(id)).toHaveLength(DEVICE_EVENTS_PER_MINUTE);
  });
});
