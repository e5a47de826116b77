import "server-only";
import { z } from "zod";
import { describeHistoryEvent } from "@/lib/device-history/history-events";
import {
  issueLicenseBody,
  telemetryHistoryQuery,
  closedIncident,
  connectionEvent,
  dumpRecord,
  incidentRecord,
  licenseRecord,
  pageOf,
  revokedLicense,
  telemetryHistory,
} from "@/lib/management-api/record-schemas";
import { issueLicenseSchema, type LicenseState } from "@/lib/schemas/license";
import { findDeviceEvents } from "../data/device-events/find-device-events";
import { getDeviceOrThrow } from "../data/devices/get-device-or-throw";
import { findDeviceDumps, findPartnerDump } from "../data/dumps/dump-rows";
import { dumpDownload } from "../dumps/dump-download";
import { closeIncidentByMember } from "../data/incidents/close-incidents";
import { findDeviceIncidents } from "../data/incidents/find-incidents";
import { incidentAnswer, type IncidentRow } from "../data/incidents/incident-select";
import { findLicensesForPage } from "../data/licenses/device-licenses";
import { issueLicense } from "../data/licenses/issue-license";
import type { LicenseRow } from "../data/licenses/license-select";
import { revokeLicense } from "../data/licenses/revoke-license";
import { findTelemetryKeys, readTelemetryBuckets } from "../data/telemetry/get-telemetry-charts";
import { findLatestTelemetry } from "../data/telemetry/find-latest-telemetry";
import { announceLicenses } from "../device-conversation/announce-licenses";
import { managementRoute, parseInput, streamedTokenRoute } from "./management-route";

// A device's records for a partner's backend, in snake_case: incidents,
// licences, dumps, telemetry history with bucketed aggregates, and the
// connection history. The answers' schemas are lib/management-api/record-schemas.ts.

type DeviceParams = { deviceId: string };
const page = <T>(data: T[], nextCursor: string | null = null) => ({ data, next_cursor: nextCursor });

const incidentRecordOf = (row: IncidentRow): z.input<typeof incidentRecord> => ({
  ...incidentAnswer(row),
  closed_at: row.closedAt?.toISOString() ?? null,
  closed_by: row.closedBy,
});

const licenseRecordOf = (row: LicenseRow): z.input<typeof licenseRecord> => ({
  id: row.id,
  device_id: row.deviceId,
  type: row.type.name,
  data: (JSON.parse(row.signedData) as { data: Record<string, unknown> }).data,
  signed_data: row.signedData,
  signature: row.signature,
  state: row.state as LicenseState,
  revoked: row.desired === "revoked",
  error: row.error,
  expires_at: row.expiresAt?.toISOString() ?? null,
  issued_by: row.issuedBy,
  created_at: row.createdAt.toISOString(),
  state_at: row.stateAt?.toISOString() ?? null,
});

/** Open incidents first, then the latest 50 closed. */
export const listIncidentsRoute = managementRoute<DeviceParams>(
  "device.read",
  pageOf(incidentRecord),
  async ({ token, params }) => {
    await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
    const { open, closed } = await findDeviceIncidents({ ...params, partnerId: token.partnerId, closedLimit: 50 });
    return { body: page([...open, ...closed].map(incidentRecordOf)) };
  },
);

export const closeIncidentRoute = managementRoute<{ incidentId: string }>(
  "incident.manage",
  closedIncident,
  async ({ token, actor, params }) => {
    await closeIncidentByMember({ partnerId: token.partnerId, actor, incidentId: params.incidentId });
    return { body: { id: params.incidentId, status: "closed" } };
  },
);

export const listLicensesRoute = managementRoute<DeviceParams>(
  "device.read",
  pageOf(licenseRecord),
  async ({ token, params }) => {
    await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
    return { body: page((await findLicensesForPage(token.partnerId, params.deviceId)).map(licenseRecordOf)) };
  },
);

export const issueLicenseRoute = managementRoute<DeviceParams>(
  "license.manage",
  licenseRecord,
  async ({ token, actor, readBody, params }) => {
    const body = parseInput(issueLicenseBody, await readBody());
    const input = parseInput(issueLicenseSchema, {
      deviceId: params.deviceId,
      typeId: body.type_id,
      data: JSON.stringify(body.data),
      expiresOn: body.expires_on ?? "",
    });
    const license = await issueLicense({ partnerId: token.partnerId, actor, input });
    await announceLicenses(params.deviceId);
    return { status: 201, body: licenseRecordOf(license) };
  },
);

export const revokeLicenseRoute = managementRoute<{ licenseId: string }>(
  "license.manage",
  revokedLicense,
  async ({ token, actor, params }) => {
    const { deviceId } = await revokeLicense({ partnerId: token.partnerId, actor, licenseId: params.licenseId });
    await announceLicenses(deviceId);
    return { body: { id: params.licenseId, revoked: true } };
  },
);

export const listDumpsRoute = managementRoute<DeviceParams>(
  "device.read",
  pageOf(dumpRecord),
  async ({ token, params }) => {
    await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
    const dumps = await findDeviceDumps(token.partnerId, params.deviceId);
    return {
      body: page(
        dumps.map((dump): z.input<typeof dumpRecord> => ({
          id: dump.id,
          dump_id: dump.id,
          device_id: dump.deviceId,
          filename: dump.fileName,
          mime_type: dump.mimeType,
          size: dump.size,
          download_url: `/api/v1/dumps/${dump.id}`,
          created_at: dump.createdAt.toISOString(),
          updated_at: dump.updatedAt.toISOString(),
        })),
      ),
    };
  },
);

/** GET /api/v1/dumps/{dumpId}: the file, streamed (app/api/v1/dumps/[dumpId]: fast routes answer JSON only). */
export function downloadDumpByToken(request: Request, dumpId: string): Promise<Response> {
  return streamedTokenRoute(request, "device.read", async ({ token }) =>
    dumpDownload(await findPartnerDump(token.partnerId, dumpId)),
  );
}

/** ?from=&to=&bucket=&keys=: each numeric key's min, avg, max and count per bucket, and the latest values. */
export const telemetryHistoryRoute = managementRoute<DeviceParams>(
  "device.read",
  telemetryHistory,
  async ({ token, url, params }) => {
    const query = parseInput(telemetryHistoryQuery, Object.fromEntries(url.searchParams));
    const latest = await findLatestTelemetry(token.partnerId, params.deviceId);
    const since = Math.floor(query.from.getTime() / 60_000);
    const until = Math.ceil(query.to.getTime() / 60_000);
    const keys = query.keys ?? (await findTelemetryKeys(params.deviceId, since, until, 20));
    const series = await readTelemetryBuckets({ deviceId: params.deviceId, keys, since, until, bucket: query.bucket });
    const body: z.input<typeof telemetryHistory> = {
      device_id: params.deviceId,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      bucket_minutes: query.bucket,
      latest: { status: latest.status, at: latest.at?.toISOString() ?? null, values: latest.values },
      series: series.map(({ key, points }) => ({
        key,
        points: points.map((point) => ({ ...point, at: new Date(point.at).toISOString() })),
      })),
    };
    return { body };
  },
);

const historyQuery = z.object({
  cursor: z.coerce
    .number({ error: "must be a next_cursor" })
    .int("must be a next_cursor")
    .positive("must be a next_cursor")
    .optional(),
});

/** What the hub and the portal saw of the device, newest first; ?cursor= is the previous page's next_cursor. */
export const connectionHistoryRoute = managementRoute<DeviceParams>(
  "device.read",
  pageOf(connectionEvent),
  async ({ token, url, params }) => {
    await getDeviceOrThrow({ partnerId: token.partnerId, deviceId: params.deviceId });
    const { cursor } = parseInput(historyQuery, Object.fromEntries(url.searchParams));
    const take = 50;
    const events = await findDeviceEvents({
      partnerId: token.partnerId,
      deviceId: params.deviceId,
      ...(cursor ? { before: cursor } : {}),
      take,
    });
    const data = events.map((event): z.input<typeof connectionEvent> => {
      const described = describeHistoryEvent(event.kind, event.detail);
      return {
        id: event.id,
        at: event.at.toISOString(),
        kind: event.kind,
        title: described.title,
        detail: described.detail ?? null,
        fix: described.fix ?? null,
        tone: described.tone,
        data: event.detail,
      };
    });
    return { body: page(data, events.length === take ? String(events.at(-1)!.id) : null) };
  },
);
