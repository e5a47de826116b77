import { z } from "zod";
import { errorResponse, jsonSchema as schema } from "@/lib/device-api/openapi-parts";
import { newCommandSchema } from "@/lib/schemas/device-command";
import { configObjectSchema } from "@/lib/schemas/device-config";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { createHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { createModelSchema, updateModelSchema } from "@/lib/schemas/model";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import {
  firmwareRecord,
  rolloutRecord,
  rolloutStatus,
  rolloutSummary,
  startedRollout,
  storedFirmware,
} from "./firmware-schemas";
import {
  auditEventRecord,
  commandRecord,
  configRecord,
  deleted,
  deviceEnabled,
  deviceRecord,
  deviceSummary,
  hardwareKeyRecord,
  modelRecord,
  modelSummary,
  newHardwareKey,
  revokedHardwareKey,
  rotatedKey,
  sentCommand,
  setConfigAnswer,
} from "./fleet-schemas";
import {
  closedIncident,
  connectionEvent,
  dumpRecord,
  incidentRecord,
  issueLicenseBody,
  licenseRecord,
  pageOf,
  revokedLicense,
  telemetryHistory,
} from "./record-schemas";
import { snakeJsonSchema, toSnakeCase } from "./snake-case";

// Written the way the device API's document is (lib/device-api/openapi.ts):
// request bodies come from the zod schemas the routes validate with (renamed
// to snake_case), answers from the schemas each handler names, which
// test/management-api.test.ts compares with this document route by route.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: object) => ({ "application/json": { schema: s } });
const ok = (description: string, s: object) => ({ description, content: json(s) });
const page = (item: Parameters<typeof pageOf>[0]) => schema(pageOf(item));
const param = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

const errors = {
  "401": errorResponse("No token, or an unknown, revoked or expired one."),
  "403": errorResponse("The token's role may not take this action."),
  "404": errorResponse("No such object for this partner."),
  "422": errorResponse("A field is invalid; error.fields names each."),
  "429": errorResponse("Too many calls with this token (Retry-After says when to retry)."),
};

type Operation = { summary: string; body?: object; response: object; status?: string; query?: object[] };
const op = (id: string, o: Operation) => ({
  operationId: id,
  summary: o.summary,
  ...(o.query ? { parameters: o.query } : {}),
  ...(o.body ? { requestBody: { required: true, content: json(o.body) } } : {}),
  responses: { [o.status ?? "200"]: ok(o.summary, o.response), ...errors },
});
const withParams = (names: string[], operations: Record<string, object>) => ({
  parameters: names.map(param),
  ...operations,
});

// Every list pages with a keyset cursor: next_cursor of one answer is ?cursor= of the next.
const pageQuery = [
  {
    name: "cursor",
    in: "query",
    required: false,
    description: "next_cursor of the previous page; omit for the first. A malformed or tampered one is a 422.",
    schema: { type: "string" },
  },
  {
    name: "limit",
    in: "query",
    required: false,
    description: "Items per page, 1 to 100.",
    schema: { type: "integer", minimum: 1, maximum: 100, default: 50 },
  },
];

const listQuery = Object.keys(deviceListQuerySchema.shape)
  .concat("limit")
  .map((name) => ({ name, in: "query", required: false, schema: { type: "string" } }));

/** The management API's OpenAPI 3.1 document. */
export function managementApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner Hub management API",
      version: "1.0.0",
      description:
        "For a partner's scripts and backends. Authenticate with `Authorization: Bearer <API token>` (created on the portal's API tokens page); each token acts with its role. Lists answer {data, next_cursor}: pass next_cursor as ?cursor= for the next page. Errors answer {error: {code, message, fields?}}.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/models": {
        get: op("listModels", { summary: "List models", response: page(modelSummary) }),
        post: op("createModel", {
          summary: "Create a model",
          body: ref("CreateModel"),
          status: "201",
          response: ref("Model"),
        }),
      },
      "/api/v1/models/{modelId}": withParams(["modelId"], {
        get: op("getModel", { summary: "Read a model", response: ref("Model") }),
        patch: {
          ...op("updateModel", {
            summary: "Change a model's editable fields",
            body: ref("UpdateModel"),
            response: ref("Model"),
          }),
          description: "The communication protocol is fixed at creation: a body naming it is refused with 409.",
        },
      }),
      "/api/v1/models/{modelId}/hardware-keys": withParams(["modelId"], {
        get: op("listHardwareKeys", { summary: "List a model's hardware keys", response: page(hardwareKeyRecord) }),
        post: op("createHardwareKey", {
          summary: "Create a hardware key (its secret is in this response only)",
          body: ref("CreateHardwareKey"),
          status: "201",
          response: schema(newHardwareKey),
        }),
      }),
      "/api/v1/hardware-keys/{keyId}/revoke": withParams(["keyId"], {
        post: op("revokeHardwareKey", { summary: "Revoke a hardware key", response: schema(revokedHardwareKey) }),
      }),
      "/api/v1/devices": {
        get: op("listDevices", {
          summary:
            "List devices with the devices page's search (q), filters (model, status, firmware), sort and cursor",
          query: listQuery,
          response: page(deviceSummary),
        }),
      },
      "/api/v1/devices/{deviceId}": withParams(["deviceId"], {
        get: op("getDevice", { summary: "Read a device", response: schema(deviceRecord) }),
        delete: op("deleteDevice", { summary: "Delete a device", response: schema(deleted) }),
      }),
      "/api/v1/devices/{deviceId}/disable": withParams(["deviceId"], {
        post: op("disableDevice", {
          summary: "Disable a device (its session is closed)",
          response: schema(deviceEnabled),
        }),
      }),
      "/api/v1/devices/{deviceId}/enable": withParams(["deviceId"], {
        post: op("enableDevice", { summary: "Enable a device", response: schema(deviceEnabled) }),
      }),
      "/api/v1/devices/{deviceId}/rotate-key": withParams(["deviceId"], {
        post: op("rotateDeviceKey", {
          summary: "Rotate a device's access key (the new one is in this response only)",
          response: schema(rotatedKey),
        }),
      }),
      "/api/v1/devices/{deviceId}/commands": withParams(["deviceId"], {
        get: op("listCommands", {
          summary: "A device's commands with their status history, newest first, a page at a time",
          query: pageQuery,
          response: page(commandRecord),
        }),
        post: op("sendCommand", {
          summary: "Send a command (is_pushed: sent over MQTT now; else it waits for the device to ask)",
          body: ref("NewCommand"),
          status: "201",
          response: schema(sentCommand),
        }),
      }),
      "/api/v1/devices/{deviceId}/config": withParams(["deviceId"], {
        get: op("getConfig", {
          summary: "A device's desired config and version, and the version it reported applying, with their times",
          response: schema(configRecord),
        }),
        put: op("setConfig", {
          summary: "Set a device's config (a new version)",
          body: ref("SetConfig"),
          response: schema(setConfigAnswer),
        }),
      }),
      "/api/v1/models/{modelId}/firmware": withParams(["modelId"], {
        get: op("listFirmware", {
          summary: "A model's firmware files, newest version first",
          response: page(firmwareRecord),
        }),
        post: {
          operationId: "uploadFirmware",
          summary: "Upload a firmware file: the file is the body, what it is goes in the query string",
          parameters: Object.keys(firmwareUploadSchema.shape).map((name) => ({
            name: toSnakeCase(name),
            in: "query",
            required: name === "name" || name === "version",
            schema: { type: "string" },
          })),
          requestBody: { required: true, content: { "application/octet-stream": {} } },
          responses: {
            "201": ok("Stored", schema(storedFirmware)),
            "409": errorResponse("This version is already uploaded for the model and file type."),
            "413": errorResponse("Larger than FIRMWARE_MAX_MB."),
            ...errors,
          },
        },
      }),
      "/api/v1/firmware/{fileId}": withParams(["fileId"], {
        delete: op("deleteFirmware", {
          summary: "Delete a firmware file (409 once a rollout used it)",
          response: schema(deleted),
        }),
      }),
      "/api/v1/models/{modelId}/rollouts": withParams(["modelId"], {
        get: op("listRollouts", { summary: "A model's rollouts, newest first", response: page(rolloutSummary) }),
      }),
      "/api/v1/rollouts": {
        post: op("startRollout", {
          summary: "Start a staged rollout of a file",
          body: ref("NewRollout"),
          status: "201",
          response: schema(startedRollout),
        }),
      },
      "/api/v1/rollouts/{rolloutId}": withParams(["rolloutId"], {
        get: op("getRollout", {
          summary: "A rollout's settings, devices per stage and state, and failed devices",
          response: schema(rolloutRecord),
        }),
      }),
      "/api/v1/rollouts/{rolloutId}/pause": withParams(["rolloutId"], {
        post: op("pauseRollout", { summary: "Pause a running rollout", response: schema(rolloutStatus) }),
      }),
      "/api/v1/rollouts/{rolloutId}/resume": withParams(["rolloutId"], {
        post: op("resumeRollout", {
          summary: "Resume a paused rollout (after a finished stage, the next one starts)",
          response: schema(rolloutStatus),
        }),
      }),
      "/api/v1/rollouts/{rolloutId}/cancel": withParams(["rolloutId"], {
        post: op("cancelRollout", {
          summary: "Cancel a rollout; updates not begun are withdrawn",
          response: schema(rolloutStatus),
        }),
      }),
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
      "/api/v1/audit-events": {
        get: op("listAuditEvents", {
          summary: "The partner's audit events, newest first",
          query: pageQuery,
          response: page(auditEventRecord),
        }),
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object" } },
            },
          },
        },
        Model: schema(modelRecord),
        CreateModel: snakeJsonSchema(schema(createModelSchema, "input")),
        UpdateModel: snakeJsonSchema(
          schema(updateModelSchema.omit({ modelId: true, communicationProtocol: true }).partial(), "input"),
        ),
        CreateHardwareKey: snakeJsonSchema(schema(createHardwareKeySchema.omit({ modelId: true }), "input")),
        NewCommand: schema(newCommandSchema, "input"),
        SetConfig: schema(z.object({ config: configObjectSchema }), "input"),
        IssueLicense: schema(issueLicenseBody, "input"),
        NewRollout: newRolloutBody(),
      },
    },
  };
}

/** A rollout's body: the form's schema in snake_case; stages also as an array of numbers. */
function newRolloutBody() {
  const body = snakeJsonSchema(schema(newRolloutSchema, "input")) as { properties: Record<string, object> };
  body.properties.stages = {
    description: "Cumulative percentages ending at 100 (default [1, 10, 50, 100]), as an array or comma-separated.",
    oneOf: [{ type: "array", items: { type: "number" } }, { type: "string" }],
  };
  return body;
}
