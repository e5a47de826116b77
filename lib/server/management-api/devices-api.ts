import "server-only";
import { z } from "zod";
import { deviceListQuerySchema, searchParamsToObject } from "@/lib/schemas/device-list";
import { newCommandSchema } from "@/lib/schemas/device-command";
import { configObjectSchema } from "@/lib/schemas/device-config";
import { getHub } from "../start-hub";
import { deleteDevice, rotateDeviceKey, setDeviceEnabled } from "../data/devices/change-device";
import { getDeviceOrThrow } from "../data/devices/get-device-or-throw";
import { listDevices } from "../data/devices/list-devices";
import { queueCommand } from "../data/commands/queue-command";
import { listDeviceCommands } from "../data/commands/list-device-commands";
import { getDeviceConfig } from "../data/config/get-device-config";
import { setDeviceConfig } from "../data/config/set-device-config";
import { pushCommands, pushConfig } from "../device-conversation/push-to-device";
import { managementRoute, parseInput } from "./management-route";
import { limitSchema } from "./models-api";

type DeviceParams = { deviceId: string };

/** The devices page's list: the same filters, search, sort and cursor, one data function. */
export const listDevicesRoute = managementRoute("device.read", async ({ token, url }) => {
  const params = searchParamsToObject(url.searchParams);
  const query = parseInput(deviceListQuerySchema, params);
  const take = parseInput(limitSchema, params.limit);
  const { rows, nextCursor } = await listDevices({ partnerId: token.partnerId, query, take });
  const data = rows.map(({ model, ...device }) => ({ ...device, model: { id: model.id, name: model.name } }));
  return { body: { data, next_cursor: nextCursor } };
});

export const readDevice = managementRoute<DeviceParams>("device.read", async ({ token, params }) => {
  const device = await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
  return { body: { ...device, details: device.details ? (JSON.parse(device.details) as unknown) : null } };
});

const change = (isEnabled: boolean) =>
  managementRoute<DeviceParams>("device.disable", async ({ token, actor, params }) => {
    await setDeviceEnabled({ partnerId: token.partnerId, actor, deviceId: params.deviceId, hub: getHub(), isEnabled });
    return { body: { id: params.deviceId, isEnabled } };
  });
export const disableDevice = change(false);
export const enableDevice = change(true);

export const deleteDeviceRoute = managementRoute<DeviceParams>("device.delete", async ({ token, actor, params }) => {
  await deleteDevice({ partnerId: token.partnerId, actor, deviceId: params.deviceId, hub: getHub() });
  return { body: { id: params.deviceId, deleted: true } };
});

/** The new access key is in this response only. */
export const rotateDeviceKeyRoute = managementRoute<DeviceParams>("device.rotate", async ({ token, actor, params }) => {
  const { accessKey, isHubPending } = await rotateDeviceKey({
    partnerId: token.partnerId,
    actor,
    deviceId: params.deviceId,
    hub: getHub(),
  });
  // hub_pending: the key is saved, and the hub (restarting) takes it as soon as it is back.
  return { body: { id: params.deviceId, access_key: accessKey, hub_pending: isHubPending } };
});

const commandsQuerySchema = z.object({ cursor: z.string().max(300).optional(), limit: limitSchema });

/** Newest first, a keyset page at a time (?cursor= is the previous page's next_cursor). */
export const listCommands = managementRoute<DeviceParams>("device.read", async ({ token, url, params }) => {
  await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
  const query = parseInput(commandsQuerySchema, Object.fromEntries(url.searchParams));
  const { rows, nextCursor } = await listDeviceCommands({
    partnerId: token.partnerId,
    deviceId: params.deviceId,
    cursor: query.cursor,
    take: query.limit,
  });
  return { body: { data: rows, next_cursor: nextCursor } };
});

export const sendCommand = managementRoute<DeviceParams>(
  "device.command",
  async ({ token, actor, readBody, params }) => {
    const input = parseInput(newCommandSchema, await readBody());
    const command = await queueCommand({
      partnerId: token.partnerId,
      actor,
      deviceId: params.deviceId,
      command: input,
    });
    const isPushed = await pushCommands(getHub(), params.deviceId, [command]).then(
      (count) => count > 0,
      () => false,
    );
    return { status: 201, body: { ...command, isPushed } };
  },
);

export const readConfig = managementRoute<DeviceParams>("device.read", async ({ token, params }) => {
  await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
  return { body: await getDeviceConfig(params.deviceId) };
});

export const setConfig = managementRoute<DeviceParams>("device.config", async ({ token, actor, readBody, params }) => {
  const { config } = parseInput(z.object({ config: configObjectSchema }), await readBody());
  const payload = await setDeviceConfig({ partnerId: token.partnerId, actor, deviceId: params.deviceId, config });
  const isPushed = await pushConfig(getHub(), params.deviceId, payload).catch(() => false);
  return { body: { ...payload, isPushed } };
});
