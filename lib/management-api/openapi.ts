import { z } from "zod";
import { jsonSchema as schema } from "@/lib/device-api/openapi-parts";
import { newCommandSchema } from "@/lib/schemas/device-command";
import { configObjectSchema } from "@/lib/schemas/device-config";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { createHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { createModelSchema, updateModelSchema } from "@/lib/schemas/model";
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
import { firmwarePaths, newRolloutBody } from "./openapi-firmware";
import { op, page, pageQuery, ref, withParams } from "./openapi-parts";
import { recordPaths } from "./openapi-records";
import { issueLicenseBody } from "./record-schemas";
import { snakeJsonSchema } from "./snake-case";

// Written the way the device API's document is (lib/device-api/openapi.ts):
// request bodies come from the zod schemas the routes validate with (renamed
// to snake_case), answers from the schemas each handler names, which
// test/management-api.test.ts compares with this document route by route.

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
      ...firmwarePaths(),
      ...recordPaths(),
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
