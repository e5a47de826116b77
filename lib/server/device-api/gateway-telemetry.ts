import "server-only";
import { isDeviceId } from "@/lib/devices/device-id";
import { countDeviceRefusal } from "@/lib/runtime/metrics";
import { describeIssue } from "@/lib/schemas/device-registration";
import {
  MAX_GATEWAY_DEVICES,
  MAX_GATEWAY_TELEMETRY_BYTES,
  telemetryBodySchema,
  type TelemetryAnswer,
} from "@/lib/schemas/telemetry";
import { telemetryAnswer } from "./telemetry-answer";
import { findDevicesForCall, type AuthenticatedDevice, type DeviceForCall } from "../data/devices/find-device-for-call";
import { queueTelemetry } from "../data/telemetry/telemetry-buffer";
import { recordHttpCall } from "../device-history/record-http-call";
import { AppError } from "../errors";
import { describeApiError } from "./api-response";
import { DeviceAuthError } from "./authenticate-device";
import { readJsonBody } from "./read-json-body";

// Mass and child telemetries (Xyte): one call reports for up to 100
// devices, as {"<device id>": {status, telemetries, access_token?}, ...}.
// Each entry is authenticated and stored as if its device had sent it alone,
// and answered in the same mapping: the telemetry answer, or {"error"} for
// an entry refused, without losing the others.

/** Who an entry is: its device, once its own key (or its gateway) vouched for it; throws the refusal. */
export type EntryCheck = (row: DeviceForCall | undefined, accessToken: string | undefined) => AuthenticatedDevice;

type EntryAnswer = TelemetryAnswer | { error: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads a gateway's call, stores each entry it can, and answers each. */
export async function storeGatewayTelemetry(options: {
  request: Request;
  /** The path each entry's device history shows, e.g. "/v1/devices/telemetries". */
  path: string;
  check: EntryCheck;
}): Promise<Record<string, EntryAnswer>> {
  const body = await readJsonBody(options.request, MAX_GATEWAY_TELEMETRY_BYTES);
  if (!isObject(body)) throw new AppError("VALIDATION", "body: must be a JSON object mapping device ids to telemetry");
  const ids = Object.keys(body);
  if (ids.length === 0) throw new AppError("VALIDATION", "body: name at least one device");
  if (ids.length > MAX_GATEWAY_DEVICES) {
    throw new AppError("VALIDATION", `body: at most ${MAX_GATEWAY_DEVICES} devices in one call (got ${ids.length})`);
  }
  const rows = new Map((await findDevicesForCall(ids.filter((id) => isDeviceId(id)))).map((row) => [row.id, row]));
  const receivedAt = new Date();
  const entries = ids.map(async (id): Promise<[string, EntryAnswer]> => {
    let isKnownDevice = rows.has(id);
    try {
      const entry = body[id];
      if (!isObject(entry)) throw new AppError("VALIDATION", "must be a JSON object with status and telemetries");
      const { access_token: token, ...telemetry } = entry;
      if (token !== undefined && typeof token !== "string")
        throw new AppError("VALIDATION", "access_token: must be a string");
      const device = options.check(rows.get(id), token);
      const parsed = telemetryBodySchema.safeParse(telemetry);
      if (!parsed.success) throw new AppError("VALIDATION", describeIssue(parsed.error, telemetry));
      await queueTelemetry({ deviceId: device.id, receivedAt, body: parsed.data, via: "http" });
      recordHttpCall({ deviceId: id, method: "POST", path: options.path, status: 200 });
      return [id, await telemetryAnswer(device)];
    } catch (error) {
      if (error instanceof DeviceAuthError) {
        isKnownDevice = error.isKnownDevice;
        countDeviceRefusal("http", error.reason);
      }
      const { status, error: message } = describeApiError(error);
      if (isKnownDevice) recordHttpCall({ deviceId: id, method: "POST", path: options.path, status, message });
      return [id, { error: message }];
    }
  });
  return Object.fromEntries(await Promise.all(entries));
}
