import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { markDevicesDisconnected } from "@/lib/server/data/devices/mark-devices-disconnected";
import { makeDevice } from "./support/hub";
import { makeModel, makePartner } from "./support/partners";

describe("[HUB] presence after a broker restart", () => {
  it("marks offline the sessions from before the new broker's launch, not those it already took", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner, { protocol: "MQTT" });
    const launchedAt = new Date();
    const before = new Date(launchedAt.getTime() - 60_000);
    const after = new Date(launchedAt.getTime() + 5);
    const [old, reconnected, never] = [await makeDevice(modelId), await makeDevice(modelId), await makeDevice(modelId)];
    await db.device.update({ where: { id: old.id }, data: { isConnected: true, connectedAt: before } });
    // Reconnected to the new broker, and stored before the reset ran.
    await db.device.update({ where: { id: reconnected.id }, data: { isConnected: true, connectedAt: after } });
    await db.device.update({ where: { id: never.id }, data: { isConnected: true, connectedAt: null } });
    await markDevicesDisconnected(launchedAt);
    const rows = await db.device.findMany({ where: { modelId }, select: { id: true, isConnected: true } });
    const connected = new Map(rows.map((row) => [row.id, row.isConnected]));
    expect([connected.get(old.id), connected.get(reconnected.id), connected.get(never.id)]).toEqual([
      false,
      true,
      false,
    ]);
    // Its count changes are folded already: readers do not sum them until the next periodic fold.
    expect(await db.deviceCountChange.count({ where: { partnerId: partner.partnerId } })).toBe(0);
  });
});
