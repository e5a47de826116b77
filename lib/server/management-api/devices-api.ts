import "server-only";
import { z } from "zod";
import {
  commandRecord,
  configRecord,
  deleted,
  deviceEnabled,
  deviceRecord,
  deviceSummary,
  rotatedKey,
  sentCommand,
  setConfigAnswer,
} from "@/lib/management-api/fleet-schemas";
import { pageOf } from "@/lib/management-api/record-schemas";
import { deviceListQuerySchema, searchParamsToObject } from "@/lib/schemas/device-list";
import { newCommandSchema, type CommandStatus } from "@/lib/schemas/device-command";
import { configObjectSchema } from "@/lib/schemas/device-config";
import { getHub } from "../start/start-hub";
import { deleteDevice, rotateDeviceKey, setDeviceEnabled } from "../data/devices/change-device";
import { getDeviceOrThrow, type DeviceDetail } from "../data/devices/get-device-or-throw";
import { listDevices, type DeviceListRow } from "../data/devices/list-devices";
import { queueCommand } from "../data/commands/queue-command";
import { listDeviceCommands } from "../data/commands/list-device-commands";
import type { DeviceCommandView } from "../data/commands/find-device-commands";
import { findConfigState } from "../data/config/get-device-config";
import { setDeviceConfig } from "../data/config/set-device-config";
import { pushCommands, pushConfig } from "../device-conversation/push-to-device";
import { managementRoute, parseInput } from "./management-route";
import { limitSchema } from "./models-api";

type DeviceParams = { deviceId: string };

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The fields the list and the one-device read share. */
const deviceFieldsOf = (device: DeviceListRow | DeviceDetail) => ({
  id: device.id,
  sn: device.sn,
  name: device.name,
  mac: device.mac,
  cloud_id: device.cloudId,
  firmware_version: device.firmwareVersion,
  is_enabled: device.isEnabled,
  is_connected: device.isConnected,
  last_seen_at: iso(device.lastSeenAt),
  created_at: device.createdAt.toISOString(),
});

const deviceSummaryOf = (device: DeviceListRow): z.input<typeof deviceSummary> => ({
  ...deviceFieldsOf(device),
  status: device.status,
  model: { id: device.model.id, name: device.model.name },
});

const deviceRecordOf = (device: DeviceDetail): z.input<typeof deviceRecord> => ({
  ...deviceFieldsOf(device),
  details: device.details ? (JSON.parse(device.details) as Record<string, unknown>) : null,
  sub_model: device.subModel,
  host_address: device.hostAddress,
  parent_id: device.parentId,
  space_version: device.spaceVersion,
  connected_at: iso(device.connectedAt),
  disconnected_at: iso(device.disconnectedAt),
  model: {
    id: device.model.id,
    name: device.model.name,
    communication_protocol: device.model.communicationProtocol,
    offline_threshold_minutes: device.model.offlineThresholdMinutes,
  },
});

const commandRecordOf = (command: DeviceCommandView): z.input<typeof commandRecord> => ({
  id: command.id,
  name: command.name,
  parameters: command.parameters,
  status: command.status as CommandStatus,
  message: command.message,
  sent_by: command.actorLabel,
  created_at: command.createdAt.toISOString(),
  expires_at: command.expiresAt.toISOString(),
  updates: command.updates.map((update) => ({
    status: update.status as CommandStatus,
    message: update.message,
    via: update.via as z.input<typeof commandRecord>["updates"][number]["via"],
    at: update.at.toISOString(),
  })),
});

const configRecordOf = (state: Awaited<ReturnType<typeof findConfigState>>): z.input<typeof configRecord> => ({
  device_id: state.device_id,
  version: state.version,
  config: state.config,
  updated_at: state.last_updated,
  reported_version: state.reportedVersion,
  reported_at: iso(state.reportedAt),
  is_applied: state.version > 0 && state.reportedVersion === state.version,
});

/** The devices page's list: the same filters, search, sort and cursor, one data function. */
export const listDevicesRoute = managementRoute("device.read", pageOf(deviceSummary), async ({ token, url }) => {
  const params = searchParamsToObject(url.searchParams);
  const query = parseInput(deviceListQuerySchema, params);
  const take = parseInput(limitSchema, params.limit);
  const { rows, nextCursor } = await listDevices({ partnerId: token.partnerId, query, take });
  return { body: { data: rows.map(deviceSummaryOf), next_cursor: nextCursor } };
});

export const readDevice = managementRoute<DeviceParams>("device.read", deviceRecord, async ({ token, params }) => ({
  body: deviceRecordOf(await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId })),
}));

const change = (isEnabled: boolean) =>
  managementRoute<DeviceParams>("device.disable", deviceEnabled, async ({ token, actor, params }) => {
    await setDeviceEnabled({ partnerId: token.partnerId, actor, deviceId: params.deviceId, hub: getHub(), isEnabled });
    return { body: { id: params.deviceId, is_enabled: isEnabled } };
  });
export const disableDevice = change(false);
export const enableDevice = change(true);

export const deleteDeviceRoute = managementRoute<DeviceParams>(
  "device.delete",
  deleted,
  async ({ token, actor, params }) => {
    await deleteDevice({ partnerId: token.partnerId, actor, deviceId: params.deviceId, hub: getHub() });
    return { body: { id: params.deviceId, deleted: true } };
  },
);

/** The new access key is in this response only. */
export const rotateDeviceKeyRoute = managementRoute<DeviceParams>(
  "device.rotate",
  rotatedKey,
  async ({ token, actor, params }) => {
    const { accessKey, isHubPending } = await rotateDeviceKey({
      partnerId: token.partnerId,
      actor,
      deviceId: params.deviceId,
      hub: getHub(),
    });
    return { body: { id: params.deviceId, access_key: accessKey, hub_pending: isHubPending } };
  },
);

const commandsQuerySchema = z.object({ cursor: z.string().max(300).optional(), limit: limitSchema });

/** Newest first, a keyset page at a time (?cursor= is the previous page's next_cursor). */
export const listCommands = managementRoute<DeviceParams>(
  "device.read",
  pageOf(commandRecord),
  async ({ token, url, params }) => {
    await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
    const query = parseInput(commandsQuerySchema, Object.fromEntries(url.searchParams));
    const { rows, nextCursor } = await listDeviceCommands({
      partnerId: token.partnerId,
      deviceId: params.deviceId,
      cursor: query.cursor,
      take: query.limit,
    });
    return { body: { data: rows.map(commandRecordOf), next_cursor: nextCursor } };
  },
);

export const sendCommand = managementRoute<DeviceParams>(
  "device.command",
  sentCommand,
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
    return { status: 201, body: { ...command, is_pushed: isPushed } };
  },
);

/** The desired config, and the version the device reported applying, with their times. */
export const readConfig = managementRoute<DeviceParams>("device.read", configRecord, async ({ token, params }) => ({
  body: configRecordOf(await findConfigState({ partnerId: token.partnerId, deviceId: params.deviceId })),
}));

export const setConfig = managementRoute<DeviceParams>(
  "device.config",
  setConfigAnswer,
  async ({ token, actor, readBody, params }) => {
    const { config } = parseInput(z.object({ config: configObjectSchema }), await readBody());
    const payload = await setDeviceConfig({ partnerId: token.partnerId, actor, deviceId: params.deviceId, config });
    const isPushed = await pushConfig(getHub(), params.deviceId, payload).catch(() => false);
    const state = await findConfigState({ partnerId: token.partnerId, deviceId: params.deviceId });
    // The version just set, whatever was set after it; the reported one as the device last said.
    return { body: { ...configRecordOf({ ...state, ...payload }), is_pushed: isPushed } };
  },
);
