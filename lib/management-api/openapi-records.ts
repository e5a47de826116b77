import { jsonSchema as schema } from "@/lib/device-api/openapi-parts";
import {
  closedIncident,
  connectionEvent,
  dumpRecord,
  incidentRecord,
  licenseRecord,
  pageOf,
  revokedLicense,
  telemetryHistory,
} from "./record-schemas";
import { errors, op, pageQuery, ref, withParams } from "./openapi-parts";

/** The management API's reads of what devices did: telemetry, history, incidents, licences, dumps. */
export function recordPaths() {
  return {
    "/api/v1/devices/{deviceId}/telemetry": withParams(["deviceId"], {
      get: op("getTelemetryHistory", {
        summary:
          "A device's latest telemetry, and each numeric key's min, avg, max and count per bucket over a time range (default: the last 24 hours; at most 31 days and 2,000 buckets)",
        query: [
          ["from", "Start, ISO 8601 (default: 24 hours before to)."],
          ["to", "End, ISO 8601 (default: now)."],
          ["bucket", "Bucket size in minutes, 1 to 1,440 (default: the range in at most 500 buckets)."],
          ["keys", "Comma-separated keys, at most 20 (default: the numeric keys reported in the range)."],
        ].map(([name, description]) => ({
          name,
          in: "query",
          required: false,
          description,
          schema: { type: "string" },
        })),
        response: schema(telemetryHistory),
      }),
    }),
    "/api/v1/devices/{deviceId}/history": withParams(["deviceId"], {
      get: op("getConnectionHistory", {
        summary: "What the hub and the portal saw of the device (connects, refusals, calls, events), newest first",
        query: [pageQuery[0]!],
        response: schema(pageOf(connectionEvent)),
      }),
    }),
    "/api/v1/devices/{deviceId}/incidents": withParams(["deviceId"], {
      get: op("listIncidents", {
        summary: "A device's incidents: the open ones, then the latest 50 closed",
        response: schema(pageOf(incidentRecord)),
      }),
    }),
    "/api/v1/incidents/{incidentId}/close": withParams(["incidentId"], {
      post: op("closeIncident", {
        summary: "Close an open incident (409 if it is closed already)",
        response: schema(closedIncident),
      }),
    }),
    "/api/v1/devices/{deviceId}/licenses": withParams(["deviceId"], {
      get: op("listLicenses", {
        summary: "A device's licences with the state the device reported",
        response: schema(pageOf(licenseRecord)),
      }),
      post: op("issueLicense", {
        summary: "Issue a licence of one of the device's model's types (signed; offered to the device at once)",
        body: ref("IssueLicense"),
        status: "201",
        response: schema(licenseRecord),
      }),
    }),
    "/api/v1/licenses/{licenseId}/revoke": withParams(["licenseId"], {
      post: op("revokeLicense", {
        summary: "Revoke a licence: the device is told to remove it",
        response: schema(revokedLicense),
      }),
    }),
    "/api/v1/devices/{deviceId}/dumps": withParams(["deviceId"], {
      get: op("listDumps", {
        summary: "Files the device uploaded (Xyte's dumps), newest first",
        response: schema(pageOf(dumpRecord)),
      }),
    }),
    "/api/v1/dumps/{dumpId}": withParams(["dumpId"], {
      get: {
        operationId: "downloadDump",
        summary: "Download a dump (the download_url of a listed dump): the file's bytes",
        responses: {
          "200": { description: "The file", content: { "application/octet-stream": {} } },
          ...errors,
        },
      },
    }),
  };
}
