import { describe, expect, it } from "vitest";
import { POST } from "@/app/v1/devices/[deviceId]/telemetry/route";
import { db } from "@/lib/server/db";
import { body, call, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";

useRunningTestHub();

const send = (deviceId: string, authorization: string | null, payload: unknown = { temperature: 21.5 }) =>
  POST(
    new Request(`http://portal.test/v1/devices/${deviceId}/telemetry`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(payload),
    }),
    { params: Promise.resolve({ deviceId }) },
  );

describe("[API] HTTP device telemetry", () => {
  it("201 with the right key, updating last seen; 401 otherwise; 422 for a non-object", async () => {
    const model = await modelWithKey("HTTP");
    const { json } = await call("register", body(model.hardwareKey));
    const id = json.id as string;
    const ok = await send(id, json.access_key as string);
    expect(ok.status).toBe(201);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    expect((await db.device.findUniqueOrThrow({ where: { id } })).lastSeenAt).toBeInstanceOf(Date);

    expect((await send(id, "pdk_wrong")).status).toBe(401);
    expect((await send(id, null)).status).toBe(401);
    expect((await send("00000000-0000-4000-8000-000000000000", json.access_key as string)).status).toBe(401);
    expect((await send(id, json.access_key as string, [1])).status).toBe(422);
  });
});
