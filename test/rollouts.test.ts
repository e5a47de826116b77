import { describe, expect, it } from "vitest";
import { POST as uploadRoute } from "@/app/api/models/[modelId]/firmware/route";
import { db } from "@/lib/server/database/db";
import { setDeviceEnabled } from "@/lib/server/data/devices/change-device";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { changeRolloutStatus } from "@/lib/server/data/rollouts/change-rollout-status";
import { createRollout } from "@/lib/server/data/rollouts/create-rollout";
import { deleteFirmwareFile } from "@/lib/server/data/firmware/delete-firmware-file";
import { advanceRollouts } from "@/lib/server/rollouts/advance-rollouts";
import { getOnboardingFacts } from "@/lib/server/data/devices/get-onboarding-facts";
import { onboardingChecklist } from "@/lib/devices/onboarding-checklist";
import { getDeviceConversation } from "@/lib/server/data/devices/get-device-conversation";
import { newRolloutSchema, type NewRollout } from "@/lib/schemas/rollout";
import { body, call, deviceCall } from "./support/device-api";
import { routeTransport } from "./support/device-transport";
import { deviceTurn as turn, type Behaviour, type FirmwareDevice } from "./support/firmware-device";
import { makeModel } from "./support/partners";
import { makeTeam } from "./support/team";
import { useRunningTestHub } from "./support/running-hub";

// Staged rollouts driven round by round (advanceRollouts, as the portal's
// timer runs it) against simulated HTTP devices that do what Xyte firmware
// does with update_firmware; some fail, say done and never come back, or
// stay silent. Time is moved on by handing the rounds a later "now".

const hub = useRunningTestHub();

const deviceTurn = (device: FirmwareDevice) => turn(routeTransport, device);

async function fleet(behaviours: Behaviour[]) {
  const team = await makeTeam("Rollout");
  const modelId = await makeModel(team, { protocol: "HTTP" });
  const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
  const devices: FirmwareDevice[] = [];
  for (const [i, behaviour] of behaviours.entries()) {
    const { status, json } = await call(
      "register",
      body(key.secret, { sn: `RO-${i}-${Math.random().toString(36).slice(2, 8)}` }),
    );
    if (status !== 201) throw new Error(`registration answered ${status}: ${JSON.stringify(json)}`);
    devices.push({ id: json.id as string, key: json.access_key as string, behaviour, version: "1.4.2" });
  }
  const upload = async (version: string) => {
    const response = await uploadRoute(
      new Request(`http://portal.test/api/models/${modelId}/firmware?name=Image&version=${version}`, {
        method: "POST",
        headers: team.members.developer.headers(),
        body: Buffer.alloc(50_000, version),
      }),
      { params: Promise.resolve({ modelId }) },
    );
    const answer = (await response.json()) as { id?: string };
    if (!answer.id) throw new Error(`upload answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer.id;
  };
  const start = (fileId: string, options: Partial<Record<keyof NewRollout, unknown>> = {}) =>
    createRollout({
      partnerId: team.partnerId,
      actor: team.actor,
      input: newRolloutSchema.parse({ modelId, fileId, target: "all", devicesPerMinute: 1000, ...options }),
    });
  return { team, modelId, devices, upload, start };
}

const rollout = (id: string) => db.firmwareRollout.findUniqueOrThrow({ where: { id } });
const states = async (id: string) =>
  Object.fromEntries(
    (
      await db.rolloutDevice.findMany({
        where: { rolloutId: id },
        select: { deviceId: true, state: true, failure: true },
      })
    ).map((row) => [row.deviceId, row.failure ? `${row.state}: ${row.failure}` : row.state]),
  );

/** Rounds and device turns until the rollout stops running (bounded), at `clock()` for each round. */
async function drive(id: string, devices: FirmwareDevice[], clock = () => new Date(), rounds = 40) {
  for (let i = 0; i < rounds; i++) {
    await advanceRollouts(null, clock());
    if ((await rollout(id)).status !== "running") return;
    for (const device of devices) await deviceTurn(device);
  }
}

describe("[ROLLOUTS] staged over-the-air updates", () => {
  it("updates every device stage by stage; each succeeds only once it runs the new version and calls again", async () => {
    const { team, devices, upload, start } = await fleet(Array<Behaviour>(12).fill("good"));
    const fileId = await upload("2.0.0");
    const { id, devices: targeted } = await start(fileId, { stages: "10, 50, 100", isAutoPromoted: "on" });
    expect(targeted).toBe(12);
    const stages = await db.rolloutDevice.groupBy({ by: ["stage"], where: { rolloutId: id }, _count: { _all: true } });
    expect(stages.map((s) => [s.stage, s._count._all]).sort()).toEqual([
      [0, 2],
      [1, 4],
      [2, 6],
    ]);

    // The first round tells stage 1 only; those devices hear of 2.0.0 by name, the rest do not.
    await advanceRollouts(null);
    const told = await db.rolloutDevice.findMany({ where: { rolloutId: id, state: "notified" } });
    expect(told.map((row) => row.stage)).toEqual([0, 0]);
    const first = devices.find((device) => device.id === told[0]!.deviceId)!;
    const other = devices.find((device) => !told.some((row) => row.deviceId === device.id))!;
    const latest = async (device: FirmwareDevice) =>
      (await deviceCall("POST", device.id, "/telemetry", device.key, { status: "online" })).json.latest_fw_version;
    expect(await latest(first)).toBe("2.0.0");
    expect(await latest(other)).toBeNull();
    const command = await db.deviceCommand.findFirstOrThrow({ where: { id: told[0]!.commandId! } });
    expect(command.name).toBe("update_firmware");
    expect(JSON.parse(command.parameters)).toMatchObject({ version: "2.0.0", size: 50_000, rollout_id: id });

    await drive(id, devices);
    expect((await rollout(id)).status).toBe("completed");
    expect(new Set(Object.values(await states(id)))).toEqual(new Set(["succeeded"]));
    expect(devices.every((device) => device.version === "2.0.0")).toBe(true);
    // Completed, 2.0.0 is the model's newest release for everyone.
    expect(await latest(other)).toBe("2.0.0");
    // The device's onboarding checklist gains the step it just took.
    const { facts } = await getOnboardingFacts({ partnerId: team.partnerId, deviceId: first.id });
    const conversation = await getDeviceConversation({ partnerId: team.partnerId, deviceId: first.id, range: "hour" });
    expect(conversation.firmware.updates).toEqual([
      expect.objectContaining({ rolloutId: id, version: "2.0.0", state: "succeeded", failure: null }),
    ]);
    expect(onboardingChecklist(facts).at(-1)).toMatchObject({
      key: "firmware-update",
      title: "Took a firmware update",
    });
  });

  it("pauses itself when failures pass its rule and says why; a fixed file then rolls out to every device", async () => {
    const behaviours: Behaviour[] = ["fails", "fails", "fails", ...Array<Behaviour>(7).fill("good")];
    const { team, devices, upload, start } = await fleet(behaviours);
    const { id } = await start(await upload("2.0.0"), {
      stages: "100",
      retries: 0,
      stopMinFinished: 3,
      stopFailurePercent: 20,
    });
    await drive(id, devices);
    const paused = await rollout(id);
    expect(paused.status).toBe("paused");
    expect(paused.pauseReason).toBe("stopped by its rule: 3 of 10 finished devices failed (30%, above 20%)");
    expect(await states(id)).toMatchObject({ [devices[0]!.id]: "failed: the device reported: flash write error" });

    // Fixed firmware: the paused rollout is cancelled and the fix rolled out to the whole model.
    await changeRolloutStatus({ rolloutId: id, from: "paused", to: "cancelled", reason: null, actor: team.actor });
    for (const device of devices) device.behaviour = "good";
    const fix = await start(await upload("2.0.1"), { stages: "100" });
    expect(fix.devices).toBe(10);
    await drive(fix.id, devices);
    expect((await rollout(fix.id)).status).toBe("completed");
    expect(new Set(devices.map((device) => device.version))).toEqual(new Set(["2.0.1"]));
  });

  it("fails a device that says done but does not run the new version when its window ends", async () => {
    const { devices, upload, start } = await fleet(["bricks", "good"]);
    const { id } = await start(await upload("2.2.0"), { stages: "100", verifyMinutes: 5 });
    await drive(id, devices, undefined, 5);
    expect(await states(id)).toEqual({ [devices[0]!.id]: "verifying", [devices[1]!.id]: "succeeded" });
    await advanceRollouts(null, new Date(Date.now() + 6 * 60_000));
    expect(await states(id)).toMatchObject({ [devices[0]!.id]: "failed: still on old version" });
    expect((await rollout(id)).status).toBe("completed");
  });

  it("judges devices told before a pause, and tells no one new while paused", async () => {
    const { team, devices, upload, start } = await fleet(["good", "good", "good"]);
    const { id } = await start(await upload("2.3.0"), { stages: "100", devicesPerMinute: 2 });
    await advanceRollouts(null);
    await changeRolloutStatus({ rolloutId: id, from: "running", to: "paused", reason: "by test", actor: team.actor });
    for (const device of devices) await deviceTurn(device);
    await advanceRollouts(null);
    await advanceRollouts(null);
    // One told in the first round (the pace spreads 2 a minute over its rounds), none after the pause.
    expect(Object.values(await states(id)).sort()).toEqual(["queued", "queued", "succeeded"]);
    expect((await rollout(id)).status).toBe("paused");
  });

  it("tells each device once with its own command, even from two rounds at once; a device disabled since leaves", async () => {
    const { team, devices, upload, start } = await fleet(["silent", "silent", "silent", "silent"]);
    const { id } = await start(await upload("2.4.0"), { stages: "100", timeoutMinutes: 30 });
    const disabled = devices[0]!;
    await setDeviceEnabled({ ...team, deviceId: disabled.id, hub: hub.current.hub, isEnabled: false });
    const now = new Date();
    await Promise.all([advanceRollouts(null, now), advanceRollouts(null, now)]);

    const rows = await db.rolloutDevice.findMany({ where: { rolloutId: id } });
    const byDevice = new Map(rows.map((row) => [row.deviceId, row]));
    expect(byDevice.get(disabled.id)).toMatchObject({
      state: "cancelled",
      failure: "The device is disabled, so it cannot take commands. Enable it first.",
      commandId: null,
    });
    const told = rows.filter((row) => row.state === "notified");
    expect(told.map((row) => row.attempts)).toEqual([1, 1, 1]);
    const commands = await db.deviceCommand.findMany({
      where: { name: "update_firmware", deviceId: { in: devices.map((d) => d.id) } },
    });
    // One command per told device, the one its row names, pending until the rollout's deadline.
    expect(commands.map((c) => c.deviceId).sort()).toEqual(told.map((row) => row.deviceId).sort());
    for (const row of told) {
      const command = commands.find((c) => c.id === row.commandId)!;
      expect(command).toMatchObject({ deviceId: row.deviceId, status: "pending" });
      expect(command.expiresAt.getTime()).toBe(now.getTime() + 30 * 60_000);
      expect(row.deadlineAt?.getTime()).toBe(now.getTime() + 30 * 60_000);
      expect(JSON.parse(command.parameters)).toMatchObject({ version: "2.4.0", rollout_id: id });
    }
    const audited = await db.auditEvent.findMany({
      where: { partnerId: team.partnerId, action: "device.command" },
      select: { targetId: true, summary: true, actorLabel: true },
    });
    expect(audited.map((event) => event.targetId).sort()).toEqual(told.map((row) => row.deviceId).sort());
    expect(audited[0]?.summary).toMatch(/^Sent command update_firmware to RO-/);
    expect(audited[0]?.actorLabel).toBe(`Rollout ${id}`);
    expect(await db.deviceCommandUpdate.count({ where: { commandId: { in: commands.map((c) => c.id) } } })).toBe(3);
  });

  it("retries a device that never answers, then times it out", async () => {
    const { devices, upload, start } = await fleet(["silent"]);
    const fileId = await upload("3.0.0");
    const { id } = await start(fileId, { stages: "100", retries: 1, timeoutMinutes: 5, stopMinFinished: 10 });
    let now = Date.now();
    await drive(id, devices, () => new Date((now += 6 * 60_000)), 10);
    const silent = await db.rolloutDevice.findUniqueOrThrow({
      where: { rolloutId_deviceId: { rolloutId: id, deviceId: devices[0]!.id } },
    });
    expect([silent.state, silent.failure, silent.attempts]).toEqual(["timed_out", "no answer within 5 min", 2]);
    expect((await rollout(id)).status).toBe("completed");
  });

  it("refuses an empty target, a second rollout to devices still updating, and deleting a file in use", async () => {
    const { team, devices, upload, start } = await fleet(["good", "good"]);
    const fileId = await upload("4.0.0");
    await expect(start(fileId, { target: "versions", versionRange: ">=9.0.0" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: "target: no device to update (0 already on 4.0.0, 0 disabled)",
    });
    const { id } = await start(fileId);
    const other = await upload("4.0.1");
    await expect(start(other)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`is still in rollout ${id} (firmware 4.0.0)`) as string,
    });
    await expect(deleteFirmwareFile({ partnerId: team.partnerId, actor: team.actor, fileId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Cancelled, its devices are free for the next one.
    await changeRolloutStatus({ rolloutId: id, from: "running", to: "cancelled", reason: null, actor: team.actor });
    expect(new Set(Object.values(await states(id)))).toEqual(new Set(["cancelled"]));
    const serials = await db.device.findMany({ where: { id: { in: devices.map((d) => d.id) } }, select: { sn: true } });
    await expect(start(other, { target: "serials", serials: `${serials[0]!.sn}\nNOPE-1` })).resolves.toMatchObject({
      devices: 1,
    });
  });
});
