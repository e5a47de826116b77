import { commandUpdateSchema } from "@/lib/schemas/device-command";
import { configReportSchema } from "@/lib/schemas/device-config";
import { registerChildSchema } from "@/lib/schemas/device-registration";
import { deviceUpdateSchema } from "@/lib/schemas/device-update";
import { telemetryAnswerSchema, telemetryBodySchema } from "@/lib/schemas/telemetry";
import { errorResponse, jsonSchema } from "./openapi-parts";

// The device conversation's endpoints (Xyte's Send Telemetry, Get/Update
// Command, Get/Set Config, Update Device, Get Licenses, the model files),
// authenticated by the device's access key in Authorization.

const auth = [{ accessKey: [] }];
const deviceId = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const body = (ref: string) => ({
  required: true,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const ok = (description: string, ref?: string) => ({
  description,
  ...(ref ? { content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } } : {}),
});
const common = {
  "401": errorResponse("Wrong access key, or the device is unknown, disabled or deleted: register again."),
  "422": errorResponse("A field is invalid; the message names it."),
};

/** The pieces the other parts of the document (openapi-records.ts) share. */
export const deviceApiParts = { auth, deviceId, body, ok, common };

export const conversationPaths = {
  "/v1/devices/{id}": {
    get: {
      operationId: "getDeviceInfo",
      summary:
        "The device as the portal knows it (Xyte's fields); read it again when info_version in the telemetry answer grows",
      security: auth,
      parameters: [deviceId],
      responses: { "200": ok("The device."), "401": common["401"] },
    },
    put: {
      operationId: "updateDevice",
      summary: "Update device (what the device says about itself)",
      security: auth,
      parameters: [deviceId],
      requestBody: body("DeviceUpdate"),
      responses: {
        "200": ok("Stored."),
        "400": errorResponse("A field Partner Hub does not know; the message names it."),
        ...common,
        "429": errorResponse("More than DEVICE_UPDATES_PER_HOUR calls (10) in an hour; see Retry-After."),
      },
    },
    delete: {
      operationId: "deleteDevice",
      summary: "Delete the device (itself): every later call is a 401 until it registers again",
      security: auth,
      parameters: [deviceId],
      responses: { "200": ok("Deleted."), "401": common["401"] },
    },
  },
  "/v1/devices/{id}/command/pending_commands": {
    get: {
      operationId: "getCommandsWithChildren",
      summary: "Every unfinished command of the device and of the devices that named it their parent, oldest first",
      security: auth,
      parameters: [deviceId],
      responses: {
        "200": {
          description: "The commands (an empty array when none waits).",
          content: {
            "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Command" } } },
          },
        },
        "401": common["401"],
      },
    },
  },
  "/v1/devices/{id}/children": {
    post: {
      operationId: "registerChildDevice",
      summary:
        "A gateway registers a device behind it (its model one of the partner's); the child then calls as itself",
      security: auth,
      parameters: [deviceId],
      requestBody: body("RegisterChild"),
      responses: {
        "201": {
          description: "The child's id and access key (shown once), and the URLs it calls.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/RegisteredDevice" } } },
        },
        ...common,
        "409": errorResponse("sn, cloud_id or mac already registered for the model."),
        "429": errorResponse("More than 60 child registrations a minute; see Retry-After."),
      },
    },
    get: {
      operationId: "getChildDevices",
      summary: "The devices behind this gateway (registered by it, or naming it their parent_id), oldest first",
      security: auth,
      parameters: [deviceId],
      responses: { "200": ok("The children (an array)."), "401": common["401"] },
    },
  },
  "/v1/devices/{id}/space": {
    get: {
      operationId: "getSpaceInfo",
      summary:
        "Xyte's space info: Partner Hub places no device in an end customer's space, so location and name are null",
      security: auth,
      parameters: [deviceId],
      responses: { "200": ok("The space info."), "401": common["401"] },
    },
  },
  "/v1/devices/{id}/telemetry": {
    post: {
      operationId: "sendTelemetry",
      summary: "Send telemetry; the answer says what waits for the device",
      security: auth,
      parameters: [deviceId],
      requestBody: body("Telemetry"),
      responses: {
        "200": ok("Stored.", "TelemetryAnswer"),
        ...common,
        "413": errorResponse("Body larger than 128 KiB."),
      },
    },
  },
  "/v1/devices/{id}/command": {
    get: {
      operationId: "getCommand",
      summary: "The oldest command not finished yet",
      security: auth,
      parameters: [deviceId],
      responses: {
        "200": ok("The command.", "Command"),
        "401": common["401"],
        "404": errorResponse("No command is waiting."),
      },
    },
    post: {
      operationId: "updateCommand",
      summary: "Move a command on: in_progress, then done or failed (error counts as failed)",
      security: auth,
      parameters: [deviceId],
      requestBody: body("CommandUpdate"),
      responses: {
        "200": ok("Recorded."),
        ...common,
        "404": errorResponse("No such command for this device."),
        "409": errorResponse("Not a legal move (the command is finished, or it would go back)."),
      },
    },
  },
  "/v1/devices/{id}/config": {
    get: {
      operationId: "getConfig",
      summary: "The desired config and its version",
      security: auth,
      parameters: [deviceId],
      responses: { "200": ok("The config.", "Config"), "401": common["401"] },
    },
    post: {
      operationId: "setConfig",
      summary: "Report the config the device applied ({version, config}, or the fields beside version)",
      security: auth,
      parameters: [deviceId],
      requestBody: body("ConfigReport"),
      responses: { "200": ok("Recorded."), ...common },
    },
  },
};

const fileId = { name: "file_id", in: "path", required: true, schema: { type: "string" } };
const notFound = errorResponse("No such file for this device's model.");

export const filePaths = {
  "/v1/devices/{id}/files": {
    get: {
      operationId: "listFiles",
      summary: "The files (firmware) of the device's model, newest version first",
      security: auth,
      parameters: [deviceId],
      responses: {
        "200": {
          description: "The files.",
          content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/File" } } } },
        },
        "401": common["401"],
      },
    },
  },
  "/v1/devices/{id}/files/{file_id}": {
    get: {
      operationId: "getFile",
      summary: "One file of the device's model",
      security: auth,
      parameters: [deviceId, fileId],
      responses: { "200": ok("The file.", "File"), "401": common["401"], "404": notFound },
    },
  },
  "/v1/devices/{id}/files/{file_id}/download": {
    get: {
      operationId: "downloadFile",
      summary:
        "The file's bytes (the file's url); one Range resumes a download, ETag and Repr-Digest carry its SHA-256",
      security: auth,
      parameters: [
        deviceId,
        fileId,
        { name: "Range", in: "header", required: false, schema: { type: "string", example: "bytes=1048576-" } },
      ],
      responses: {
        "200": { description: "The whole file.", content: { "application/octet-stream": {} } },
        "206": { description: "The range asked for, with Content-Range.", content: { "application/octet-stream": {} } },
        "401": common["401"],
        "404": notFound,
        "416": errorResponse("The range starts past the end of the file."),
      },
    },
  },
};

export const conversationSchemas = {
  Telemetry: jsonSchema(telemetryBodySchema, "input"),
  TelemetryAnswer: jsonSchema(telemetryAnswerSchema),
  DeviceUpdate: jsonSchema(deviceUpdateSchema, "input"),
  CommandUpdate: jsonSchema(commandUpdateSchema, "input"),
  ConfigReport: jsonSchema(configReportSchema, "input"),
  RegisterChild: jsonSchema(registerChildSchema, "input"),
  Command: {
    type: "object",
    required: ["id", "device_id", "name", "parameters", "status"],
    properties: {
      id: { type: "string" },
      device_id: { type: "string", format: "uuid" },
      name: { type: "string" },
      parameters: { type: "object" },
      status: { type: "string", enum: ["pending", "in_progress"] },
    },
  },
  File: {
    type: "object",
    required: ["id", "name", "url", "file_type", "version", "created_at", "checksum", "sha256", "size"],
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      url: { type: "string", format: "uri", description: "Download it with the device's access key." },
      desc: { type: ["string", "null"] },
      file_type: { type: "string" },
      version: { type: "string", description: "SemVer." },
      created_at: { type: "string", format: "date-time" },
      public_notes: { type: ["string", "null"] },
      checksum: { type: "string", description: "Hex SHA-256 of the file (the same as sha256)." },
      sha256: { type: "string" },
      size: { type: "integer" },
    },
  },
  Config: {
    type: "object",
    required: ["version", "last_updated", "config", "device_id"],
    properties: {
      version: { type: "integer" },
      last_updated: { type: "string", format: "date-time" },
      config: { type: "object" },
      device_id: { type: "string", format: "uuid" },
    },
  },
};
