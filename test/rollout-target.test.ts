import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { findModelRules, listDevices } from "@/lib/server/data/devices/list-devices";
import { selectRolloutTarget } from "@/lib/server/data/rollouts/select-rollout-target";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { rolloutTargetSchema } from "@/lib/schemas/rollout";
import { body, call, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";

// A rollout's target narrowed by the device list's own filters: the devices
// the list shows for those filters, less the disabled and those on the version.

useRunningTestHub();

async function fourDevices() {
  const model = await modelWithKey("HTTP");
  const ids: string[] = [];
  for (const sn of ["LAB-1", "LAB-2", "FIELD-1", "FIELD-2"]) {
    const { status, json } = await call(
      "register",
      body(model.hardwareKey, { sn: `${sn}-${randomUUID().slice(0, 6)}` }),
    );
    if (status !== 201) throw new Error(`registration answered ${status}`);
    ids.push(json.id as string);
  }
  const [lab1, lab2, field1, field2] = ids as [string, string, string, string];
  // lab1 is online (heard from now), field1 runs 1.0.0, field2 has an open incident; the others never called.
  await db.device.update({ where: { id: lab1 }, data: { lastSeenAt: new Date() } });
  await db.device.update({ where: { id: field1 }, data: { firmwareVersion: "1.0.0" } });
  await db.incident.create({
    data: {
      id: randomUUID(),
      partnerId: model.partnerId,
      deviceId: field2,
      title: "Overheating",
      issue: "temp",
      priority: "high",
      status: "active",
    },
  });
  return { model, lab1, lab2, field1, field2 };
}

describe("[ROLLOUTS] a target by the device list's filters", () => {
  it("is the devices the list shows for the same filters", async () => {
    const { model, lab1, lab2, field1, field2 } = await fourDevices();
    const select = async (filters: Record<string, unknown>) => {
      const target = rolloutTargetSchema.parse({ modelId: model.modelId, target: "filters", ...filters });
      const selected = await selectRolloutTarget({ partnerId: model.partnerId, target, version: "9.9.9" });
      return { ids: selected.devices.map((device) => device.id).sort(), description: selected.description };
    };

    const online = await select({ filterStatus: "online" });
    expect(online).toEqual({ ids: [lab1], description: "devices matching the list's filters: status online" });
    const listed = await listDevices({
      partnerId: model.partnerId,
      query: deviceListQuerySchema.parse({ model: model.modelId, status: "online" }),
      models: await findModelRules(model.partnerId),
    });
    expect(listed.rows.map((row) => row.id)).toEqual(online.ids);

    expect((await select({ filterStatus: "never" })).ids).toEqual([lab2, field1, field2].sort());
    expect((await select({ filterQ: "lab-" })).ids).toEqual([lab1, lab2].sort());
    expect((await select({ filterFirmware: "1.0.0" })).ids).toEqual([field1]);
    expect(await select({ filterIncident: "on", filterQ: "FIELD" })).toEqual({
      ids: [field2],
      description: `devices matching the list's filters: search "FIELD", an open incident`,
    });
  });

  it("refuses a filters target with no filter, or with a status the list does not have", () => {
    const refused = (input: Record<string, unknown>) => {
      const parsed = rolloutTargetSchema.safeParse({ modelId: "m", target: "filters", ...input });
      return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    };
    expect(refused({})).toEqual([
      "filterQ: Set at least one filter (search, status, firmware or open incident), or choose every device",
    ]);
    expect(refused({ filterQ: "   " })).toHaveLength(1);
    expect(refused({ filterStatus: "sleeping" })?.[0]).toMatch(/^filterStatus: Status must be one of online/);
    expect(refused({ filterStatus: "offline" })).toBeNull();
  });
});
