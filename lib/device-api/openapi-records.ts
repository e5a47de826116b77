import { deviceEventSchema } from "@/lib/schemas/device-event";
import { openIncidentSchema } from "@/lib/schemas/incident";
import { licenseReportSchema } from "@/lib/schemas/license";
import { MAX_GATEWAY_DEVICES } from "@/lib/schemas/telemetry";
import { deviceApiParts } from "./openapi-conversation";
import { errorResponse, jsonSchema } from "./openapi-parts";

// The device's records (Xyte's licences, incidents, events, dumps) and the
// gateways' telemetry for many devices, in the device API's document.

const { auth, deviceId, body, ok, common } = deviceApiParts;
const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const gatewayBody = {
  required: true,
  content: {
    "application/json": {
      schema: {
        type: "object",
        maxProperties: MAX_GATEWAY_DEVICES,
        description: "Device id → its telemetry (as Send Telemetry's body).",
        additionalProperties: { $ref: "#/components/schemas/Telemetry" },
      },
    },
  },
};
const gatewayAnswer = {
  description: "Device id → its telemetry answer, or {error} for an entry refused (the others are stored).",
  content: {
    "application/json": {
      schema: {
        type: "object",
        additionalProperties: {
          oneOf: [{ $ref: "#/components/schemas/TelemetryAnswer" }, { $ref: "#/components/schemas/Error" }],
        },
      },
    },
  },
};

const licenses = (id: string) => ({
  get: {
    operationId: `get${id}`,
    summary: "The device's licences with what to do with each (add, remove, update), as Xyte's array",
    security: auth,
    parameters: [deviceId],
    responses: { "200": { description: "The licences (an array)." }, "401": common["401"] },
  },
  post: {
    operationId: `update${id}`,
    summary: "Report what the device did with a licence: pending, inuse, removed or error",
    security: auth,
    parameters: [deviceId],
    requestBody: body("LicenseReport"),
    responses: { "200": ok("Recorded."), ...common, "404": errorResponse("The device holds no such licence.") },
  },
});

export const recordPaths = {
  "/v1/devices/{id}/licenses": licenses("Licenses"),
  "/v1/devices/{id}/license": licenses("License"),
  "/v1/devices/{id}/incidents": {
    post: {
      operationId: "openIncident",
      summary: "Open an incident → {incident_id}",
      security: auth,
      parameters: [deviceId],
      requestBody: body("OpenIncident"),
      responses: {
        "200": ok("Opened."),
        ...common,
        "409": errorResponse("The device has 100 open incidents already."),
      },
    },
    get: {
      operationId: "listIncidents",
      summary: "The device's open incidents",
      security: auth,
      parameters: [deviceId],
      responses: { "200": { description: "The incidents (an array)." }, "401": common["401"] },
    },
    delete: {
      operationId: "closeIncidents",
      summary: "Close every incident the device opened",
      security: auth,
      parameters: [deviceId],
      responses: { "200": ok("Closed."), "401": common["401"] },
    },
  },
  "/v1/devices/{id}/incidents/{incident_id}": {
    delete: {
      operationId: "closeIncident",
      summary: "Close one incident (closing it again is fine)",
      security: auth,
      parameters: [deviceId, pathParam("incident_id")],
      responses: { "200": ok("Closed."), "401": common["401"], "404": errorResponse("No such incident.") },
    },
  },
  "/v1/devices/{id}/events": {
    post: {
      operationId: "addEvent",
      summary: "Add an event to the device's history → {status: true}",
      security: auth,
      parameters: [deviceId],
      requestBody: body("DeviceEvent"),
      responses: {
        "200": ok("Kept."),
        "400": errorResponse("A field Partner Hub does not know; the message names it."),
        ...common,
        "429": errorResponse("More than 120 events a minute; see Retry-After."),
      },
    },
  },
  "/v1/devices/{id}/dumps/{mime_type}/{filename}": {
    post: {
      operationId: "uploadDump",
      summary: "Upload a file (a log, a core dump): the raw bytes are the body; the type's / is sent as %2F",
      security: auth,
      parameters: [deviceId, pathParam("mime_type"), pathParam("filename")],
      requestBody: { required: true, content: { "application/octet-stream": {} } },
      responses: {
        "200": ok("Stored: {id, size, …}."),
        ...common,
        "413": errorResponse("Past DUMP_MAX_MB for the dump, or DUMP_DEVICE_MAX_MB for the device; nothing kept."),
      },
    },
  },
  "/v1/devices/{id}/dumps/{dump_id}": {
    put: {
      operationId: "appendDump",
      summary: "Append the body's bytes to one of the device's dumps",
      security: auth,
      parameters: [deviceId, pathParam("dump_id")],
      requestBody: { required: true, content: { "application/octet-stream": {} } },
      responses: {
        "200": ok("Appended."),
        "401": common["401"],
        "404": errorResponse("No such dump for this device."),
        "413": errorResponse("Past DUMP_MAX_MB for the dump, or DUMP_DEVICE_MAX_MB for the device; nothing kept."),
      },
    },
  },
  "/v1/devices/telemetries": {
    post: {
      operationId: "sendMassTelemetry",
      summary: `Telemetry of up to ${MAX_GATEWAY_DEVICES} devices, each entry with its own access_token`,
      requestBody: gatewayBody,
      responses: { "200": gatewayAnswer, "413": errorResponse("Body larger than 1 MiB."), "422": common["422"] },
    },
  },
  "/v1/devices/{id}/children/telemetries": {
    post: {
      operationId: "sendChildTelemetries",
      summary: `A gateway's telemetry for up to ${MAX_GATEWAY_DEVICES} of its children (those whose parent_id it is)`,
      security: auth,
      parameters: [deviceId],
      requestBody: gatewayBody,
      responses: { "200": gatewayAnswer, ...common, "413": errorResponse("Body larger than 1 MiB.") },
    },
  },
};

export const recordSchemas = {
  LicenseReport: jsonSchema(licenseReportSchema, "input"),
  OpenIncident: jsonSchema(openIncidentSchema, "input"),
  DeviceEvent: jsonSchema(deviceEventSchema, "input"),
};
