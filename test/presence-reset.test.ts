import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
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

  it("works through the fleet a chunk at a time and counts what it marked", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner, { protocol: "MQTT" });
    const launchedAt = new Date();
    const devices = await Promise.all(Array.from({ length: 7 }, () => makeDevice(modelId)));
    for (const [i, device] of devices.entries()) {
      // The last one reconnected to the new broker; the others were on the old one.
      const connectedAt = new Date(launchedAt.getTime() + (i === 6 ? 5 : -60_000));
      await db.device.update({ where: { id: device.id }, data: { isConnected: true, connectedAt } });
    }
    expect(await markDevicesDisconnected(launchedAt, 2)).toBeGreaterThanOrEqual(6);
    const connected = await db.device.findMany({ where: { modelId, isConnected: true }, select: { id: true } });
    expect(connected.map((row) => row.id)).toEqual([devices[6]!.id]);
    expect(await db.deviceCountChange.count({ where: { partnerId: partner.partnerId } })).toBe(0);
  });

  it("marks a fleet larger than one statement's parameters allow (SQLite) in one call", async () => {
    const partner = await makePartner();
    const modelId = await makeModel(partner, { protocol: "MQTT" });
    const launchedAt = new Date();
    const connectedAt = new Date(launchedAt.getTime() - 60_000);
    await db.device.createMany({
      data: Array.from({ length: 1_200 }, (_, i) => ({
        id: randomUUID(),
        partnerId: partner.partnerId,
        modelId,
        sn: `RESET-${i}`,
        firmwareVersion: "1.0.0",
        accessKeyHash: randomUUID(),
        hubPasswordHash: "$7$101$x$y",
        isConnected: true,
        connectedAt,
        lastSeenAt: connectedAt,
      })),
    });
    expect(await markDevicesDisconnected(launchedAt)).toBeGreaterThanOrEqual(1_200);
    expect(await db.device.count({ where: { modelId, isConnected: true } })).toBe(0);
  });
});
