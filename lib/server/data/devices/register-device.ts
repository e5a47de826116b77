import "server-only";
import { env } from "@/lib/env";
import type { DeviceHub } from "@/lib/hub/hub";
import type { RegisterDeviceInput, RegisteredDevice } from "@/lib/schemas/device-registration";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, executeSql } from "../../database/db";
import { AppError, uniqueViolationFields } from "../../errors";
import { hashSecret } from "../../secrets";
import { queueAuditEvent } from "../audit/audit-buffer";
import type { Actor } from "../audit/record-audit-event";
import { queueWebhookEvent } from "../webhooks/webhook-buffer";
import { cachedHardwareKey } from "../hardware-keys/hardware-key-cache";
import { readHardwareKeyToken } from "../hardware-keys/hardware-key-token";
import { newDeviceCredentials } from "./new-access-key";

// Which unique constraint refused the insert, named as the API's field.
const UNIQUE_FIELDS = [
  ["sn", "sn"],
  ["cloudId", "cloud_id"],
  ["mac", "mac"],
] as const;

function duplicateField(reported: string[]): string {
  // PostgreSQL names a mixed-case column quoted ("cloudId"), or the index (Device_modelId_cloudId_key).
  const fields = reported.map((field) => field.replaceAll('"', ""));
  return (
    UNIQUE_FIELDS.find(([column]) => fields.some((field) => field === column || field.includes(`_${column}_`)))?.[1] ??
    "device"
  );
}

let lastRegisteredAt = 0;

/**
 * Now, or a millisecond after this process's last registration when that is
 * later. A bulk request registers several devices within one millisecond;
 * lists sort newest first by this time, and ties fell back to the random id,
 * which shuffled a batch. Never more than a few milliseconds ahead of the clock.
 */
function nextRegistrationTime(): Date {
  lastRegisteredAt = Math.max(Date.now(), lastRegisteredAt + 1);
  return new Date(lastRegisteredAt);
}

/**
 * Registers a device for the model its hardware key belongs to. An MQTT
 * model's device gets credentials the hub admits already, so the 201 means
 * "can connect now"; if the database refused the row they go back to the
 * hub unused (never after a failure that may have stored it), and a hub that
 * is down refuses before anything is written (HubUnavailableError: 503).
 * Duplicates are decided by the database's unique constraints, so concurrent
 * identical requests create exactly one device.
 */
export async function registerDevice(options: {
  input: RegisterDeviceInput;
  hub: DeviceHub;
  ip?: string | null;
}): Promise<RegisteredDevice> {
  const { input, hub } = options;
  const tokenKeyId = readHardwareKeyToken(input.hardware_key);
  const where = tokenKeyId ? { id: tokenKeyId } : { keyHash: hashSecret(input.hardware_key) };
  const key = await cachedHardwareKey(JSON.stringify(where), () =>
    db.hardwareKey.findUnique({
      where,
      select: {
        id: true,
        label: true,
        revokedAt: true,
        model: { select: { id: true, partnerId: true, communicationProtocol: true, defaultConfig: true } },
      },
    }),
  );
  if (!key || key.revokedAt) throw new AppError("UNAUTHENTICATED", "hardware_key: unknown or revoked");
  return storeNewDevice({
    model: key.model,
    hardwareKeyId: key.id,
    parentId: null,
    input,
    hub,
    actor: { userId: null, label: `hardware key "${key.label}"`, ip: options.ip ?? null },
  });
}

/** What a new device is registered as (the registration body without its hardware key). */
export type NewDevice = Omit<RegisterDeviceInput, "hardware_key">;

/**
 * Stores a new device of a model with fresh credentials (the hub's for an
 * MQTT model), audited as `actor` and announced to webhooks: registration
 * by hardware key, and a gateway registering its child (parentId).
 */
export async function storeNewDevice(options: {
  model: { id: string; partnerId: string; communicationProtocol: string; defaultConfig: string | null };
  hardwareKeyId: string | null;
  parentId: string | null;
  input: NewDevice;
  hub: DeviceHub;
  actor: Actor;
}): Promise<RegisteredDevice> {
  const { model, hardwareKeyId, parentId, input, hub } = options;
  // An HTTP model's device is never admitted to the broker.
  const credentials =
    model.communicationProtocol === "MQTT"
      ? await hub.issueCredentials()
      : { ...(await newDeviceCredentials()), settle: () => undefined };
  const { id, accessKey, accessKeyHash, hubPasswordHash } = credentials;
  try {
    // One autocommitted INSERT, in plain SQL on Prisma's driver adapter:
    // registrations are the API's hot path, and Prisma 6.19 compiles every
    // query anew on every call, raw SQL too (docs/performance.md).
    // Dates as parameters are stored as Prisma stores them (as the telemetry's are).
    // A new device starts from its model's default config, as version 1.
    const hasDefaultConfig = Boolean(model.defaultConfig);
    await executeSql(Prisma.sql`
      INSERT INTO "Device" ("id", "partnerId", "modelId", "hardwareKeyId", "parentId", "sn", "mac", "cloudId", "name",
        "details", "firmwareVersion", "config", "configVersion", "accessKeyHash", "hubPasswordHash", "isEnabled",
        "isConnected", "createdAt")
      VALUES (${id}, ${model.partnerId}, ${model.id}, ${hardwareKeyId}, ${parentId}, ${input.sn}, ${input.mac ?? null},
        ${input.cloud_id ?? null}, ${input.name ?? null}, ${input.details ? JSON.stringify(input.details) : null},
        ${input.firmware_version},
        ${hasDefaultConfig ? model.defaultConfig : null}, ${hasDefaultConfig ? 1 : 0},
        ${accessKeyHash}, ${hubPasswordHash}, ${true}, ${false}, ${nextRegistrationTime()})`);
  } catch (error) {
    // Reused only when the database surely wrote nothing; any other failure
    // (a connection lost around COMMIT) may have stored the row with this id.
    const duplicate = uniqueViolationFields(error);
    const isRefused = duplicate !== null || error instanceof Prisma.PrismaClientValidationError;
    credentials.settle(isRefused ? "refused" : "unknown");
    if (duplicate) throw new AppError("CONFLICT", `${duplicateField(duplicate)}: already registered for this model`);
    throw error;
  }
  credentials.settle("stored");

  queueAuditEvent({
    partnerId: model.partnerId,
    actor: options.actor,
    action: "device.register",
    targetType: "device",
    targetId: id,
    summary: parentId ? `Registered device ${input.sn} as a child of a gateway` : `Registered device ${input.sn}`,
  });
  queueWebhookEvent(model.partnerId, {
    type: "device.registered",
    data: {
      device: {
        id,
        sn: input.sn,
        model_id: model.id,
        hardware_key_id: hardwareKeyId,
        mac: input.mac ?? null,
        cloud_id: input.cloud_id ?? null,
        name: input.name ?? null,
        firmware_version: input.firmware_version,
      },
    },
  });
  const config = env();
  return {
    id,
    access_key: accessKey,
    hub_url: config.DEVICE_API_URL,
    hub_url_static_cert: config.DEVICE_API_STATIC_CERT_URL,
    mqtt_hub_url: hub.publicUrl,
  };
}
