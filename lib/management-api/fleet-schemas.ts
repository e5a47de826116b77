import { z } from "zod";
import { DEVICE_STATUSES } from "@/lib/devices/device-status";
import { COMMAND_STATUSES } from "@/lib/schemas/device-command";
import { COMMUNICATION_PROTOCOLS, DEVICE_TYPES } from "@/lib/schemas/model";

// The management API's answers for models, hardware keys, devices, commands,
// config and the audit log, in snake_case. Each handler names its schema
// (lib/server/management-api/management-route.ts): the OpenAPI document is
// generated from it, and outside production every answer is checked against it.

const isoTime = z.iso.datetime();
const jsonObject = z.record(z.string(), z.unknown());

export const modelSummary = z.object({
  id: z.string(),
  name: z.string(),
  sku: z.string().nullable(),
  device_type: z.enum(DEVICE_TYPES),
  communication_protocol: z.enum(COMMUNICATION_PROTOCOLS),
  device_count: z.number().int(),
  created_at: isoTime,
});

export const modelRecord = modelSummary.extend({
  offline_threshold_minutes: z.number().int(),
  default_config: jsonObject.nullable().describe("The config new devices of this model start from"),
  updated_at: isoTime,
});

export const hardwareKeyRecord = z.object({
  id: z.string(),
  label: z.string(),
  key_prefix: z.string().describe("The secret's first characters, to tell keys apart"),
  expected_devices: z.number().int().nullable(),
  device_count: z.number().int(),
  created_at: isoTime,
  revoked_at: isoTime.nullable(),
});

export const newHardwareKey = z.object({
  id: z.string(),
  label: z.string(),
  secret: z.string().describe("In this answer only"),
});

export const revokedHardwareKey = z.object({ id: z.string(), label: z.string(), revoked: z.literal(true) });

export const deviceSummary = z.object({
  id: z.string(),
  sn: z.string(),
  name: z.string().nullable(),
  mac: z.string().nullable(),
  cloud_id: z.string().nullable(),
  firmware_version: z.string(),
  is_enabled: z.boolean(),
  is_connected: z.boolean(),
  status: z.enum(DEVICE_STATUSES).describe("As the devices page shows it: from the connection, last report and model"),
  last_seen_at: isoTime.nullable(),
  created_at: isoTime,
  model: z.object({ id: z.string(), name: z.string() }),
});

export const deviceRecord = deviceSummary.omit({ status: true }).extend({
  details: jsonObject.nullable(),
  sub_model: z.string().nullable(),
  host_address: z.string().nullable(),
  parent_id: z.string().nullable(),
  space_version: z.string().nullable(),
  connected_at: isoTime.nullable(),
  disconnected_at: isoTime.nullable(),
  model: z.object({
    id: z.string(),
    name: z.string(),
    communication_protocol: z.enum(COMMUNICATION_PROTOCOLS),
    offline_threshold_minutes: z.number().int(),
  }),
});

export const deviceEnabled = z.object({ id: z.string(), is_enabled: z.boolean() });
export const deleted = z.object({ id: z.string(), deleted: z.literal(true) });
export const rotatedKey = z.object({
  id: z.string(),
  access_key: z.string().describe("In this answer only"),
  hub_pending: z.boolean().describe("The key is saved; the hub, restarting, takes it as soon as it is back"),
});

export const commandRecord = z.object({
  id: z.string(),
  name: z.string(),
  parameters: jsonObject,
  status: z.enum(COMMAND_STATUSES),
  message: z.string().nullable(),
  sent_by: z.string(),
  created_at: isoTime,
  expires_at: isoTime,
  updates: z.array(
    z.object({
      status: z.enum(COMMAND_STATUSES),
      message: z.string().nullable(),
      via: z.enum(["portal", "http", "mqtt", "expiry"]),
      at: isoTime,
    }),
  ),
});

export const sentCommand = z.object({
  id: z.string(),
  device_id: z.string(),
  name: z.string(),
  parameters: jsonObject,
  status: z.enum(COMMAND_STATUSES),
  is_pushed: z.boolean().describe("Sent to the device over MQTT now; otherwise it waits for the device to ask"),
});

export const configRecord = z.object({
  device_id: z.string(),
  version: z.number().int().describe("The desired config's version (0: none set yet)"),
  config: jsonObject,
  updated_at: isoTime.describe("When the desired config was set (the device's creation if never)"),
  reported_version: z.number().int().nullable().describe("The version the device last reported applying"),
  reported_at: isoTime.nullable(),
  is_applied: z.boolean().describe("The device reported applying the desired version"),
});

export const setConfigAnswer = configRecord.extend({ is_pushed: z.boolean() });

export const auditEventRecord = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string(),
  summary: z.string(),
  ip: z.string().nullable(),
  created_at: isoTime,
});
