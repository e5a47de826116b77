import { describe, expect, it } from "vitest";
import { HubUnavailableError, type DeviceHub } from "@/lib/hub/hub";
import { db } from "@/lib/server/db";
import { deleteDevice, rotateDeviceKey, setDeviceEnabled } from "@/lib/server/data/devices/change-device";
import { changeDevices } from "@/lib/server/data/devices/change-devices";
import { body, call, modelWithKey } from "./support/device-api";
import { closedWithin, connectDevice } from "./support/hub";
import { makePartner } from "./support/partners";
import { useRunningTestHub } from "./support/running-hub";
import { scaled } from "./support/slowdown";

const running = useRunningTestHub();

/** A hub that is down while its broker restarts: every sync is refused. */
const restarting = {
  syncDevices: () => Promise.reject(new HubUnavailableError("the broker is not running (restarting)")),
} as unknown as DeviceHub;

async function registered() {
  const model = await modelWithKey("MQTT");
  const { json } = await call("register", body(model.hardwareKey));
  return { ...model, deviceId: json.id as string, accessKey: json.access_key as string };
}

describe("[DEVICES] lifecycle reaches the hub before it returns", () => {
  it("rotating closes the live session; the old key is refused, the new one connects", async () => {
    const device = await registered();
    const { client } = await connectDevice(running.current.url, device.deviceId, device.accessKey);
    const closed = closedWithin(client!, scaled(1_000));
    const { accessKey } = await rotateDeviceKey({ ...device, hub: running.current.hub });
    await closed;
    expect((await connectDevice(running.current.url, device.deviceId, device.accessKey)).reasonCode).toBe(135);
    const fresh = await connectDevice(running.current.url, device.deviceId, accessKey);
    expect(fresh.reasonCode).toBe(0);
    fresh.client?.end(true);
  });

  it("a rotation while the hub is down keeps its new key: the answer carries it, and the hub takes it when back", async () => {
    const device = await registered();
    const rotated = await rotateDeviceKey({ ...device, hub: restarting });
    expect(rotated).toMatchObject({ isHubPending: true, accessKey: expect.stringMatching(/^pdk_/) as string });
    // A broker that comes back reads every device again, as after its restart.
    await running.current.hub.reconcile();
    expect((await connectDevice(running.current.url, device.deviceId, device.accessKey)).reasonCode).toBe(135);
    const fresh = await connectDevice(running.current.url, device.deviceId, rotated.accessKey);
    expect(fresh.reasonCode).toBe(0);
    fresh.client?.end(true);
  });

  it("a bulk disable while the hub is down is answered as done, and in force when the hub is back", async () => {
    const device = await registered();
    const changed = await changeDevices({
      ...device,
      deviceIds: [device.deviceId],
      action: "disable",
      hub: restarting,
    });
    expect(changed).toEqual({ count: 1, isHubPending: true });
    await running.current.hub.reconcile();
    expect((await connectDevice(running.current.url, device.deviceId, device.accessKey)).reasonCode).toBe(135);
  });

  it("disable, enable and delete, each audited; another partner's id is not found", async () => {
    const device = await registered();
    const hub = running.current.hub;
    await setDeviceEnabled({ ...device, hub, isEnabled: false });
    expect((await connectDevice(running.current.url, device.deviceId, device.accessKey)).reasonCode).toBe(135);
    await setDeviceEnabled({ ...device, hub, isEnabled: true });
    const back = await connectDevice(running.current.url, device.deviceId, device.accessKey);
    expect(back.reasonCode).toBe(0);
    back.client?.end(true);

    const stranger = await makePartner("Stranger");
    await expect(rotateDeviceKey({ ...stranger, deviceId: device.deviceId, hub })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(deleteDevice({ ...stranger, deviceId: device.deviceId, hub })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await deleteDevice({ ...device, hub });
    expect(await db.device.count({ where: { id: device.deviceId } })).toBe(0);
    expect((await connectDevice(running.current.url, device.deviceId, device.accessKey)).reasonCode).toBe(135);
    const actions = (
      await db.auditEvent.findMany({ where: { targetId: device.deviceId }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["device.disable", "device.enable", "device.delete"]));
  });
});
