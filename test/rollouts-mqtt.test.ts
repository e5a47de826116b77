import type { IPublishPacket, MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createRollout } from "@/lib/server/data/rollouts/create-rollout";
import { flushTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import { advanceRollouts } from "@/lib/server/rollouts/advance-rollouts";
import { getHub } from "@/lib/server/start/start-hub";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import { body, call, deviceCall } from "./support/device-api";
import { storedFirmware } from "./support/firmware";
import { connectDevice } from "./support/hub";
import { makeModel } from "./support/partners";
import { useRunningTestHub } from "./support/running-hub";
import { makeTeam } from "./support/team";

// An MQTT device through a rollout on the real broker: update_firmware is
// pushed on its command topic and answered there; "done" alone leaves it
// verifying; it succeeds only after it reconnects (the reboot into the new
// firmware) and publishes telemetry.

const hub = useRunningTestHub();
const clients: MqttClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.end(true);
});

async function until<T>(check: () => Promise<T> | T, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function connect(id: string, key: string) {
  const { client } = await connectDevice(hub.current.url, id, key);
  if (!client) throw new Error("not admitted");
  clients.push(client);
  return client;
}

const stateOf = async (rolloutId: string, deviceId: string) =>
  (await db.rolloutDevice.findUniqueOrThrow({ where: { rolloutId_deviceId: { rolloutId, deviceId } } })).state;

describe("[ROLLOUTS] an MQTT device", () => {
  it("gets update_firmware pushed, and succeeds only after it comes back on the new version and sends telemetry", async () => {
    const team = await makeTeam("Mqtt rollout");
    const modelId = await makeModel(team, { protocol: "MQTT" });
    const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
    const { json } = await call("register", body(key.secret));
    const device = { id: json.id as string, key: json.access_key as string };
    const fileId = await storedFirmware({ ...team, modelId, version: "5.0.0" });

    let client = await connect(device.id, device.key);
    const received: IPublishPacket[] = [];
    client.on("message", (_topic, _payload, packet) => received.push(packet));
    await client.subscribeAsync(`v1/device/${device.id}/commands`, { qos: 1 });
    await until(() => getHub().sessionOf(device.id)?.filters.length === 1);
    await until(async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).isConnected);

    const { id } = await createRollout({
      partnerId: team.partnerId,
      actor: team.actor,
      input: newRolloutSchema.parse({ modelId, fileId, target: "all", stages: "100", verifyMinutes: 5 }),
    });
    await advanceRollouts(getHub());
    const pushed = (await until(() => received.find((packet) => packet.topic.endsWith("/commands"))))!;
    const command = JSON.parse(pushed.payload.toString()) as {
      id: string;
      name: string;
      parameters: { version: string };
    };
    expect(command).toMatchObject({ name: "update_firmware", parameters: { version: "5.0.0" } });

    const answer = (status: string) =>
      client.publishAsync(`v1/device/${device.id}/commands/update`, JSON.stringify({ id: command.id, status }), {
        qos: 1,
      });
    await answer("in_progress");
    await until(
      async () => (await db.deviceCommand.findUniqueOrThrow({ where: { id: command.id } })).status === "in_progress",
    );
    await advanceRollouts(getHub());
    expect(await stateOf(id, device.id)).toBe("downloading");

    await deviceCall("PUT", device.id, "", device.key, { firmware_version: "5.0.0" });
    await answer("done");
    await until(
      async () => (await db.deviceCommand.findUniqueOrThrow({ where: { id: command.id } })).status === "done",
    );
    await advanceRollouts(getHub());
    // Said done, still on its old connection: not a success yet.
    expect(await stateOf(id, device.id)).toBe("verifying");

    // The reboot: a new connection, then telemetry from the new firmware.
    client.end(true);
    await until(async () => !(await db.device.findUniqueOrThrow({ where: { id: device.id } })).isConnected);
    client = await connect(device.id, device.key);
    await until(async () => (await db.device.findUniqueOrThrow({ where: { id: device.id } })).isConnected);
    await advanceRollouts(getHub());
    expect(await stateOf(id, device.id)).toBe("verifying");
    await client.publishAsync(
      `v1/device/${device.id}/telemetry`,
      JSON.stringify({ status: "online", telemetries: { up: 1 } }),
      {
        qos: 1,
      },
    );
    await until(async () => {
      await flushTelemetry();
      await advanceRollouts(getHub());
      return (await stateOf(id, device.id)) === "succeeded";
    });
    expect((await db.firmwareRollout.findUniqueOrThrow({ where: { id } })).status).toBe("completed");
  });
});
