import {
  apiErrorSchema,
  BULK_CREATE_LIMIT,
  registerDeviceResponseSchema,
  registerDeviceSchema,
} from "@/lib/schemas/device-registration";

import { conversationPaths, conversationSchemas, filePaths } from "./openapi-conversation";
import { recordPaths, recordSchemas } from "./openapi-records";
import { errorResponse as error, jsonSchema as schema } from "./openapi-parts";

const errors = {
  "401": error("Unknown or revoked hardware_key."),
  "409": error("sn, cloud_id or mac already registered for the model."),
  "413": error("Body larger than 64 KiB."),
  "415": error("Content-Type is not application/json."),
  "422": error('A field is invalid; the message names it, e.g. "firmware_version: must be SemVer like 1.2.3".'),
  "429": {
    ...error("Too many requests from this address or with this hardware key."),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
  "503": {
    ...error("The MQTT hub is unavailable; nothing was registered."),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
};

/** The device API's OpenAPI 3.1 document, generated from the schemas the API validates with. */
export function deviceApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner Hub device API",
      version: "1.0.0",
      description:
        "Xyte-compatible device API. Registration has no auth header: the hardware_key in the body identifies the model. Every later call sends the device's access key as `Authorization: <access_key>` (or `Bearer <access_key>`).",
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/v1/devices": {
        post: {
          operationId: "registerDevice",
          summary: "Register a device",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/RegisterDevice" } } },
          },
          responses: {
            "201": {
              description: "Registered. access_key is shown only in this response.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/RegisteredDevice" } } },
            },
            ...errors,
          },
        },
      },
      "/v1/devices/bulk_create": {
        post: {
          operationId: "registerDevices",
          summary: `Register up to ${BULK_CREATE_LIMIT} devices`,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "array",
                  maxItems: BULK_CREATE_LIMIT,
                  items: { $ref: "#/components/schemas/RegisterDevice" },
                },
              },
            },
          },
          responses: {
            "207": {
              description: "One result per item, in order: status 201 with device, or the item's status and error.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      results: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["status"],
                          properties: {
                            status: { type: "integer" },
                            device: { $ref: "#/components/schemas/RegisteredDevice" },
                            error: { type: "string" },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            "413": errors["413"],
            "415": errors["415"],
            "422": errors["422"],
            "429": errors["429"],
          },
        },
      },
      ...conversationPaths,
      ...filePaths,
      ...recordPaths,
    },
    components: {
      securitySchemes: { accessKey: { type: "apiKey", in: "header", name: "Authorization" } },
      schemas: {
        ...conversationSchemas,
        ...recordSchemas,
        RegisterDevice: schema(registerDeviceSchema, "input"),
        RegisteredDevice: schema(registerDeviceResponseSchema),
        Error: schema(apiErrorSchema),
      },
    },
  };
}
