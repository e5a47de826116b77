// A partner's backend reading a device's records through the management API,
// typed from the API's own OpenAPI document. Generate the types first:
//   npx openapi-typescript http://localhost:3000/api/v1/openapi.json -o partner-hub-api.d.ts
// (test/openapi-types.test.ts does exactly this with the served document and
// type-checks this file against it, so the example cannot fall behind the API.)
import type { paths } from "./partner-hub-api";

type Answer<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { "application/json": infer T } } } };
}
  ? T
  : never;

const API = process.env.PARTNER_HUB_URL ?? "http://localhost:3000";
const TOKEN = process.env.PARTNER_HUB_TOKEN ?? "";

async function get<P extends keyof paths>(template: P, path: string): Promise<Answer<P>> {
  const response = await fetch(`${API}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!response.ok) throw new Error(`${template}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Answer<P>;
}

/** A week of a device's temperature, hour by hour. */
export async function weekOfTemperature(deviceId: string): Promise<string[]> {
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const history = await get(
    "/api/v1/devices/{deviceId}/telemetry",
    `/api/v1/devices/${deviceId}/telemetry?from=${from}&bucket=60&keys=temp`,
  );
  const temp = history.series.find((series) => series.key === "temp");
  return (temp?.points ?? []).map(
    (point) => `${point.at}: ${point.min} to ${point.max}, avg ${point.avg.toFixed(1)} (${point.count} readings)`,
  );
}

/** What is wrong with a device now: its open incidents, most urgent first. */
export async function openIncidents(deviceId: string): Promise<string[]> {
  const order = ["critical", "high", "moderate", "low", "planning"];
  const { data } = await get("/api/v1/devices/{deviceId}/incidents", `/api/v1/devices/${deviceId}/incidents`);
  return data
    .filter((incident) => incident.status === "active")
    .sort((a, b) => order.indexOf(a.priority) - order.indexOf(b.priority))
    .map((incident) => `${incident.priority}: ${incident.title} (${incident.issue}) since ${incident.created_at}`);
}

/** The licences a device has applied. */
export async function licencesInUse(deviceId: string): Promise<string[]> {
  const { data } = await get("/api/v1/devices/{deviceId}/licenses", `/api/v1/devices/${deviceId}/licenses`);
  return data.filter((license) => license.state === "inuse" && !license.revoked).map((license) => license.type);
}

/** A model's devices that have not applied the config set for them, with what they last reported. */
export async function configNotApplied(modelId: string): Promise<string[]> {
  const { data } = await get("/api/v1/devices", `/api/v1/devices?model=${modelId}&limit=100`);
  const late: string[] = [];
  for (const device of data.filter((one) => one.is_enabled)) {
    const config = await get("/api/v1/devices/{deviceId}/config", `/api/v1/devices/${device.id}/config`);
    if (config.version > 0 && !config.is_applied) {
      late.push(`${device.sn}: wants version ${config.version}, reported ${config.reported_version ?? "none"}`);
    }
  }
  return late;
}
