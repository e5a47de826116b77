import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { diagnoseRefusal } from "@/lib/server/data/devices/diagnose-refusal";
import { body, call, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";

// What the live check says when the hub answered 135: each cause the portal can tell apart.
// Registering an MQTT device gives the hub its credentials, so a hub runs.
useRunningTestHub();

async function registered(protocol: "MQTT" | "HTTP" = "MQTT") {
  const model = await modelWithKey(protocol);
  const { status, json } = await call("register", body(model.hardwareKey));
  expect(status).toBe(201);
  return { partnerId: model.partnerId, deviceId: json.id as string, accessKey: json.access_key as string };
}

describe("diagnoseRefusal", () => {
  it("tells a wrong key from the device's own key, which the hub should have taken", async () => {
    const device = await registered();
    expect(await diagnoseRefusal({ ...device, accessKey: `${device.accessKey.slice(0, -4)}AAAA` })).toBe(
      "KEY_MISMATCH",
    );
    expect(await diagnoseRefusal(device)).toBe("HUB_NOT_IN_SYNC");
  });

  it("names a disabled device and an HTTP model's device", async () => {
    const device = await registered();
    await db.device.update({ where: { id: device.deviceId }, data: { isEnabled: false } });
    expect(await diagnoseRefusal(device)).toBe("DISABLED");
    expect(await diagnoseRefusal(await registered("HTTP"))).toBe("HTTP_MODEL");
  });

  it("says another partner's device is gone, as it says of a deleted one", async () => {
    const device = await registered();
    const other = await modelWithKey();
    expect(await diagnoseRefusal({ ...device, partnerId: other.partnerId })).toBe("DELETED");
  });
});
