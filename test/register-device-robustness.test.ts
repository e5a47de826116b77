import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { setRunningHub } from "@/lib/hub/registry";
import { body, call, modelWithKey } from "./support/device-api";
import { startTestHub } from "./support/hub";
import { useRunningTestHub } from "./support/running-hub";

const running = useRunningTestHub();

// A small seeded generator, so a failure can be replayed.
function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const hasControl = (value: string) => [...value].some((c) => c.charCodeAt(0) < 0x20);
const WRONG_VALUES: unknown[] = [
  42,
  -1.5,
  true,
  null,
  [],
  ["a"],
  { nested: { deeper: { deepest: [1, { x: null }] } } },
  "",
  "   ",
  "\u0000\u0007",
  "x".repeat(5_000),
  "🙂".repeat(300),
  "ü\u202eevil",
  1e308,
];

/** A body that is wrong in at least one way that must be refused. */
function malformed(next: () => number, hardwareKey: string): { raw: string; contentType?: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const base: Record<string, unknown> = {
    ...body(hardwareKey),
    name: pick(["ok", "🙂 Ω", undefined]),
    extra: pick(WRONG_VALUES),
  };
  const breakers: Array<() => { raw: string; contentType?: string }> = [
    () => (delete base[pick(["sn", "firmware_version", "hardware_key"])], { raw: JSON.stringify(base) }),
    () => (
      (base[pick(["sn", "firmware_version", "hardware_key", "mac", "cloud_id", "name"])] = pick(
        WRONG_VALUES.filter((v) => typeof v !== "string" || v.trim() === "" || v.length > 200 || hasControl(v)),
      )),
      { raw: JSON.stringify(base) }
    ),
    () => (
      (base.firmware_version = pick(["1", "1.2", "v1.2.3", "01.2.3", "1.2.3.4", "1.2.3-", "latest", "1.2.3 beta"])),
      { raw: JSON.stringify(base) }
    ),
    () => (
      (base.mac = pick(["nope", "AA:BB:CC:DD:EE", "GG:BB:CC:DD:EE:FF", "AA:BB-CC:DD:EE:FF", "aabbccddeeff00"])),
      { raw: JSON.stringify(base) }
    ),
    () => ((base.details = pick(["text", 5, [1, 2], null, true])), { raw: JSON.stringify(base) }),
    () => ((base.sn = `SN\u0000${next()}`), { raw: JSON.stringify(base) }),
    () => ((base.hardware_key = `phk_${Math.floor(next() * 1e9)}`), { raw: JSON.stringify(base) }),
    () => ({ raw: JSON.stringify(pick([[base], "sn", 12, null, true, [] as unknown[]])) }),
    () => {
      const text = JSON.stringify(base);
      return {
        raw: pick([
          text.slice(0, Math.floor(next() * text.length)),
          `${text}}`,
          text.replace(/"/, "'"),
          "\u00ff\u00fe",
          "{,}",
          "",
        ]),
      };
    },
    () => ({ raw: JSON.stringify({ ...base, details: { blob: "z".repeat(70_000) } }) }),
    () => ({
      raw: JSON.stringify(base),
      contentType: pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""]),
    }),
  ];
  return pick(breakers)();
}

describe("[API] robustness", () => {
  it("1,000 generated malformed bodies: never a 5xx, never a stored device", async () => {
    const model = await modelWithKey();
    const next = random(20261124);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1_000; i++) {
      const { raw, contentType } = malformed(next, model.hardwareKey);
      const { status, json } = await call("register", null, {
        raw,
        ...(contentType !== undefined ? { contentType } : {}),
      });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 || status === 201)
        throw new Error(`body ${JSON.stringify(raw.slice(0, 300))} gave ${status}: ${JSON.stringify(json)}`);
      expect(typeof json.error).toBe("string");
    }
    expect([...statuses.keys()].every((s) => [401, 413, 415, 422].includes(s))).toBe(true);
    expect(await db.device.count({ where: { modelId: model.modelId } })).toBe(0);
  });

  it("a hub outage during registration answers 503 with Retry-After and leaves no device", async () => {
    const stopped = await startTestHub();
    await stopped.hub.stop();
    setRunningHub(stopped.hub);
    try {
      const model = await modelWithKey();
      const { status, json, headers } = await call("register", body(model.hardwareKey));
      expect(status).toBe(503);
      expect(json.error).toMatch(/hub is unavailable/);
      expect(Number(headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await db.device.count({ where: { modelId: model.modelId } })).toBe(0);
      expect(await db.auditEvent.count({ where: { partnerId: model.partnerId, action: "device.register" } })).toBe(0);
    } finally {
      setRunningHub(running.current.hub);
    }
  });
});
