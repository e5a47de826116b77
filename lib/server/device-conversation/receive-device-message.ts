import "server-only";
import { logger } from "@/lib/runtime/logger";
import type { DeviceHub, DeviceMessage } from "@/lib/hub/hub";
import { CONVERSATION_TOPICS, deviceTopicPrefix } from "@/lib/mqtt/device-topics";
import { commandUpdateSchema } from "@/lib/schemas/device-command";
import { configReportSchema } from "@/lib/schemas/device-config";
import { licenseReportSchema } from "@/lib/schemas/license";
import { describeIssue } from "@/lib/schemas/device-registration";
import { MAX_TELEMETRY_BYTES, telemetryBodySchema } from "@/lib/schemas/telemetry";
import type { z } from "zod";
import { AppError, asAppError } from "../errors";
import { updateCommandStatus } from "../data/commands/update-command-status";
import { findUnfinishedCommands } from "../data/commands/find-next-command";
import { reportDeviceConfig } from "../data/config/report-device-config";
import { reportLicenseState } from "../data/licenses/device-licenses";
import { queueTelemetry } from "../data/telemetry/telemetry-buffer";
import { forgetPushedCommand, pushCommands } from "./push-to-device";
import { rejectMessage } from "./reject-message";

const decoder = new TextDecoder("utf-8", { fatal: true });

function readJsonObject(payload: Buffer): Record<string, unknown> {
  if (payload.length > MAX_TELEMETRY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "payload: larger than 128 KiB");
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch {
    throw new AppError("VALIDATION", "payload: not valid JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new AppError("VALIDATION", "payload: must be a JSON object");
  }
  return json as Record<string, unknown>;
}

function check<S extends z.ZodType>(schema: S, json: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("VALIDATION", describeIssue(parsed.error, json));
  return parsed.data;
}

/**
 * What the portal does with a message a device published over MQTT: the same
 * as the HTTP device API does with the same call. A message it cannot accept
 * is kept, with the reason, on the device's page, never dropped silently;
 * topics outside the conversation (the device's own) are left alone.
 */
export async function receiveDeviceMessage(hub: DeviceHub, message: DeviceMessage): Promise<void> {
  const { deviceId, suffix, payload, receivedAt } = message;
  const keepRejected = (error: unknown) => keepRejectedMessage(message, error);
  try {
    if (suffix === CONVERSATION_TOPICS.telemetry) {
      const body = check(telemetryBodySchema, readJsonObject(payload));
      // Queued in arrival order now; not awaited, so the device's next message need not wait for this batch.
      void queueTelemetry({ deviceId, receivedAt, body, via: "mqtt" }).catch(keepRejected);
    } else if ((CONVERSATION_TOPICS.commandAnswers as readonly string[]).includes(suffix)) {
      // Xyte's answer carries the id in its payload; MQTT v5 devices may leave it to the correlation data.
      const json = readJsonObject(payload);
      const correlatedId = message.correlationData?.toString("utf8");
      const update = check(
        commandUpdateSchema,
        json.id === undefined && correlatedId ? { ...json, id: correlatedId } : json,
      );
      const change = await updateCommandStatus({ deviceId, update, via: "mqtt" });
      if (change.isChanged && (change.status === "done" || change.status === "failed")) {
        forgetPushedCommand(deviceId, change.commandId);
        await pushCommands(hub, deviceId, await findUnfinishedCommands(deviceId));
      }
    } else if (suffix === CONVERSATION_TOPICS.configAnswer) {
      await reportDeviceConfig({ deviceId, report: check(configReportSchema, readJsonObject(payload)) });
    } else if (suffix === CONVERSATION_TOPICS.licenseAnswer) {
      await reportLicenseState(deviceId, check(licenseReportSchema, readJsonObject(payload)));
    }
  } catch (error) {
    keepRejected(error);
  }
}

function keepRejectedMessage(message: DeviceMessage, error: unknown): void {
  const expected = asAppError(error);
  if (!expected)
    logger("device-conversation").error(
      { err: error, deviceId: message.deviceId },
      `Handling ${message.suffix} from device ${message.deviceId} failed`,
    );
  rejectMessage({
    deviceId: message.deviceId,
    topic: `${deviceTopicPrefix(message.deviceId)}/${message.suffix}`,
    reason: expected?.message ?? "the portal could not handle it (logged)",
    payload: message.payload,
    at: message.receivedAt,
  });
}
