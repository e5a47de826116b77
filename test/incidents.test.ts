import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { closeIncidentByMember } from "@/lib/server/data/incidents/close-incidents";
import { countDevices, listDevices } from "@/lib/server/data/devices/list-devices";
import { getOverview } from "@/lib/server/data/overview/get-overview";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { MAX_OPEN_INCIDENTS } from "@/lib/schemas/incident";
import { newId } from "@/lib/server/ids";
import { body, call, deviceCall } from "./support/device-api";
import { makeModel } from "./support/partners";
import { makeTeam } from "./support/team";
import { useRunningTestHub } from "./support/running-hub";

// Xyte's device-initiated incidents through the device API's own routes,
// what they leave for the partner (webhook deliveries, the overview, the
// fleet filter), and every bad call refused with nothing written.

useRunningTestHub();

const endpoints: string[] = [];
afterAll(async () => {
  await db.webhookEndpoint.deleteMany({ where: { id: { in: endpoints } } });
});

async function fleet(size: number) {
  const team = await makeTeam("Incidents");
  const modelId = await makeModel(team, { protocol: "HTTP" });
  const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
  const devices: Array<{ id: string; key: string; sn: string }> = [];
  for (let i = 0; i < size; i += 1) {
    const sn = `INC-${i}-${newId().slice(0, 8)}`;
    const { status, json } = await call("register", body(key.secret, { sn }));
    if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
    devices.push({ id: json.id as string, key: json.access_key as string, sn });
  }
  // Stored directly: the URL guard is webhooks.test.ts's subject, and nothing here is delivered.
  const endpointId = newId();
  await db.webhookEndpoint.create({
    data: {
      id: endpointId,
      partnerId: team.partnerId,
      url: "https://hooks.example.test/partner-hub",
      events: "incident.opened,incident.closed",
      secret: "whsec_for_the_tests_0123456789",
    },
  });
  endpoints.push(endpointId);
  const deliveries = async () =>
    (await db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } })).map(
      (delivery) => JSON.parse(delivery.payload) as { type: string; data: { incident: Record<string, unknown> } },
    );
  return { team, modelId, devices, deliveries };
}

const incident = { title: "Fan stalled", issue: "fan_stall", priority: "high", description: "Fan 2 reads 0 rpm" };

describe("a device's incidents (Xyte's device API)", () => {
  it("opens, lists and closes its own incidents, each reported to webhooks once", async () => {
    const { devices, deliveries } = await fleet(2);
    const [device, other] = devices as [(typeof devices)[0], (typeof devices)[0]];

    const opened = await deviceCall("POST", device.id, "/incidents", device.key, incident);
    expect(opened.status).toBe(200);
    const incidentId = opened.json.incident_id as string;
    expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
    // Priority defaults to moderate, description to null.
    const second = await deviceCall("POST", device.id, "/incidents", device.key, { title: "Disk full", issue: "disk" });
    expect(second.status).toBe(200);

    const listed = await deviceCall("GET", device.id, "/incidents", device.key);
    expect(listed.status).toBe(200);
    const [fan, disk] = listed.json as unknown as Array<Record<string, unknown>>;
    expect(fan).toEqual({
      id: incidentId,
      device_id: device.id,
      status: "active",
      priority: "high",
      title: "Fan stalled",
      description: "Fan 2 reads 0 rpm",
      issue: "fan_stall",
      created_at: fan!.created_at,
      updated_at: fan!.updated_at,
    });
    expect(new Date(String(fan!.created_at)).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(disk).toMatchObject({ title: "Disk full", priority: "moderate", description: null });

    // Another device cannot see or close it: the same 404 as a made-up id.
    expect((await deviceCall("DELETE", other.id, `/incidents/${incidentId}`, other.key)).status).toBe(404);
    expect((await deviceCall("DELETE", device.id, `/incidents/${newId()}`, device.key)).status).toBe(404);
    expect((await deviceCall("GET", other.id, "/incidents", other.key)).json).toEqual([]);

    const closed = await deviceCall("DELETE", device.id, `/incidents/${incidentId}`, device.key);
    expect(closed.status).toBe(200);
    // Closing it again (a retry after a lost answer) is fine and reports nothing new.
    expect((await deviceCall("DELETE", device.id, `/incidents/${incidentId}`, device.key)).status).toBe(200);
    const remaining = await deviceCall("GET", device.id, "/incidents", device.key);
    expect((remaining.json as unknown as unknown[]).length).toBe(1);

    // After a reboot the device clears everything it opened.
    const all = await deviceCall("DELETE", device.id, "/incidents", device.key);
    expect(all.json).toEqual({ success: true, closed: 1 });
    expect((await deviceCall("GET", device.id, "/incidents", device.key)).json).toEqual([]);

    const events = await deliveries();
    expect(events.map((event) => `${event.type} ${String(event.data.incident.title)}`)).toEqual([
      "incident.opened Fan stalled",
      "incident.opened Disk full",
      "incident.closed Fan stalled",
      "incident.closed Disk full",
    ]);
    expect(events[2]!.data.incident).toMatchObject({ id: incidentId, status: "closed", closed_by: "device" });
  });

  it("refuses bad input with a clear 4xx and keeps nothing", async () => {
    const { devices } = await fleet(1);
    const [device] = devices as [(typeof devices)[0]];
    const refusals: Array<[unknown, number, RegExp]> = [
      [{ issue: "fan" }, 422, /title/],
      [{ title: "Fan", issue: "fan", priority: "urgent" }, 422, /priority: must be one of critical/],
      [{ title: "", issue: "fan" }, 422, /title/],
      [{ title: "x".repeat(201), issue: "fan" }, 422, /at most 200/],
      [{ title: "Fan", issue: 5 }, 422, /issue/],
    ];
    for (const [input, status, message] of refusals) {
      const answer = await deviceCall("POST", device.id, "/incidents", device.key, input);
      expect(answer.status, JSON.stringify(input)).toBe(status);
      expect(answer.json.error).toMatch(message);
    }
    const malformed = await deviceCall("POST", device.id, "/incidents", device.key, undefined, { raw: "{not json" });
    expect(malformed.status).toBe(422);
    expect(malformed.json.error).toMatch(/JSON/);
    expect((await deviceCall("POST", device.id, "/incidents", "wrong-key", incident)).status).toBe(401);
    expect((await deviceCall("GET", device.id, "/incidents", null)).status).toBe(401);
    await db.device.update({ where: { id: device.id }, data: { isEnabled: false } });
    expect((await deviceCall("POST", device.id, "/incidents", device.key, incident)).status).toBe(401);
    expect(await db.incident.count({ where: { deviceId: device.id } })).toBe(0);
  });

  it("caps a device's open incidents, so a firmware loop cannot grow the table", async () => {
    const { devices } = await fleet(1);
    const [device] = devices as [(typeof devices)[0]];
    const partnerId = (await db.device.findUniqueOrThrow({ where: { id: device.id } })).partnerId;
    await db.incident.createMany({
      data: Array.from({ length: MAX_OPEN_INCIDENTS }, (_, i) => ({
        id: newId(),
        partnerId,
        deviceId: device.id,
        title: `Loop ${i}`,
        issue: "loop",
        priority: "low",
        status: "active",
      })),
    });
    const refused = await deviceCall("POST", device.id, "/incidents", device.key, incident);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatch(/already has 100 open incidents/);
    expect(await db.incident.count({ where: { deviceId: device.id } })).toBe(MAX_OPEN_INCIDENTS);
  });
});

describe("incidents in the portal", () => {
  it("a member closes one (audited); the overview counts open ones and the fleet filters by them", async () => {
    const { team, modelId, devices, deliveries } = await fleet(4);
    const [a, b] = devices as [(typeof devices)[0], (typeof devices)[0]];
    const first = (await deviceCall("POST", a.id, "/incidents", a.key, incident)).json.incident_id as string;
    await deviceCall("POST", a.id, "/incidents", a.key, { ...incident, title: "Overheating", issue: "temp" });
    await deviceCall("POST", b.id, "/incidents", b.key, incident);

    const overview = await getOverview({ partnerId: team.partnerId });
    expect(overview.counts).toMatchObject({ openIncidents: 3, devicesWithIncidents: 2 });

    const query = (input: Record<string, string>) => deviceListQuerySchema.parse(input);
    const listed = async (input: Record<string, string>) =>
      (await listDevices({ partnerId: team.partnerId, query: query(input) })).rows.map((row) => row.id).sort();
    expect(await listed({ incident: "open" })).toEqual([a.id, b.id].sort());
    expect(await countDevices({ partnerId: team.partnerId, query: query({ incident: "open" }), models: [] })).toBe(2);
    expect(await listed({ incident: "open", model: modelId, q: a.sn })).toEqual([a.id]);
    expect(await listed({ incident: "open", q: devices[2]!.sn })).toEqual([]);
    expect(deviceListQuerySchema.safeParse({ incident: "closed" }).success).toBe(false);

    // Another partner's member cannot close it: the same "not found".
    const stranger = await makeTeam("Stranger");
    await expect(
      closeIncidentByMember({ partnerId: stranger.partnerId, actor: stranger.actor, incidentId: first }),
    ).rejects.toMatchObject({ status: 404 });

    await closeIncidentByMember({ partnerId: team.partnerId, actor: team.actor, incidentId: first });
    await expect(
      closeIncidentByMember({ partnerId: team.partnerId, actor: team.actor, incidentId: first }),
    ).rejects.toMatchObject({ status: 409 });
    const audit = await db.auditEvent.findFirst({ where: { partnerId: team.partnerId, action: "incident.close" } });
    expect(audit?.summary).toBe('Closed incident "Fan stalled" (fan_stall)');
    const closed = (await deliveries()).find((event) => event.type === "incident.closed");
    expect(closed?.data.incident).toMatchObject({ id: first, closed_by: team.actor.label });
    // The device no longer lists it.
    const stillOpen = (await deviceCall("GET", a.id, "/incidents", a.key)).json as unknown as Array<{ id: string }>;
    expect(stillOpen.map((item) => item.id)).not.toContain(first);

    await deviceCall("DELETE", a.id, "/incidents", a.key);
    expect(await listed({ incident: "open" })).toEqual([b.id]);
    expect((await getOverview({ partnerId: team.partnerId })).counts).toMatchObject({
      openIncidents: 1,
      devicesWithIncidents: 1,
    });
  });
});
