import { errorResponse, jsonSchema as schema } from "@/lib/device-api/openapi-parts";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import {
  firmwareRecord,
  rolloutRecord,
  rolloutStatus,
  rolloutSummary,
  startedRollout,
  storedFirmware,
} from "./firmware-schemas";
import { errors, ok, op, page, ref, withParams } from "./openapi-parts";
import { deleted } from "./fleet-schemas";
import { snakeJsonSchema, toSnakeCase } from "./snake-case";

/** The management API's firmware files and rollouts. */
export function firmwarePaths() {
  return {
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
  };
}

/** A rollout's body: the form's schema in snake_case; stages also as an array of numbers. */
export function newRolloutBody() {
  const body = snakeJsonSchema(schema(newRolloutSchema, "input")) as { properties: Record<string, object> };
  body.properties.stages = {
    description: "Cumulative percentages ending at 100 (default [1, 10, 50, 100]), as an array or comma-separated.",
    oneOf: [{ type: "array", items: { type: "number" } }, { type: "string" }],
  };
  return body;
}
