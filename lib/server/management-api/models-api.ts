import "server-only";
import { z } from "zod";
import {
  hardwareKeyRecord,
  modelRecord,
  modelSummary,
  newHardwareKey,
  revokedHardwareKey,
} from "@/lib/management-api/fleet-schemas";
import { pageOf } from "@/lib/management-api/record-schemas";
import { createModelSchema, PROTOCOL_LOCKED_MESSAGE, updateModelSchema } from "@/lib/schemas/model";
import { createHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { createModel } from "../data/models/create-model";
import { findModels, type ModelRow } from "../data/models/find-models";
import { getModelOrThrow, type ModelDetail } from "../data/models/get-model-or-throw";
import { updateModel } from "../data/models/update-model";
import { createHardwareKey } from "../data/hardware-keys/create-hardware-key";
import { findHardwareKeys, type HardwareKeyRow } from "../data/hardware-keys/find-hardware-keys";
import { revokeHardwareKey } from "../data/hardware-keys/revoke-hardware-key";
import { AppError } from "../errors";
import { managementRoute, parseSnakeInput } from "./management-route";

type ModelParams = { modelId: string };

// Small lists (a partner has tens of models and keys): one page, no cursor.
const page = <T>(data: T[]) => ({ data, next_cursor: null });

const modelSummaryOf = (model: ModelRow): z.input<typeof modelSummary> => ({
  id: model.id,
  name: model.name,
  sku: model.sku,
  device_type: model.deviceType,
  communication_protocol: model.communicationProtocol,
  device_count: model._count.devices,
  created_at: model.createdAt.toISOString(),
});

const modelRecordOf = (model: ModelDetail): z.input<typeof modelRecord> => ({
  ...modelSummaryOf(model),
  offline_threshold_minutes: model.offlineThresholdMinutes,
  default_config: model.defaultConfig ? (JSON.parse(model.defaultConfig) as Record<string, unknown>) : null,
  updated_at: model.updatedAt.toISOString(),
});

const hardwareKeyOf = (key: HardwareKeyRow): z.input<typeof hardwareKeyRecord> => ({
  id: key.id,
  label: key.label,
  key_prefix: key.keyPrefix,
  expected_devices: key.expectedDevices,
  device_count: key._count.devices,
  created_at: key.createdAt.toISOString(),
  revoked_at: key.revokedAt?.toISOString() ?? null,
});

export const listModels = managementRoute("model.read", pageOf(modelSummary), async ({ token }) => ({
  body: page((await findModels({ partnerId: token.partnerId })).map(modelSummaryOf)),
}));

export const createModelRoute = managementRoute("model.manage", modelRecord, async ({ token, actor, readBody }) => {
  const input = parseSnakeInput(createModelSchema, await readBody());
  const { id } = await createModel({ partnerId: token.partnerId, actor, input });
  return { status: 201, body: modelRecordOf(await getModelOrThrow({ partnerId: token.partnerId, modelId: id })) };
});

export const readModel = managementRoute<ModelParams>("model.read", modelRecord, async ({ token, params }) => ({
  body: modelRecordOf(await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId })),
}));

const PROTOCOL_FIELDS = ["communication_protocol", "communicationProtocol", "protocol"];

/**
 * PATCH: the fields sent replace the current ones. A body that names the
 * protocol is refused whole (409), whatever the value: it is fixed at creation.
 */
export const updateModelRoute = managementRoute<ModelParams>(
  "model.manage",
  modelRecord,
  async ({ token, actor, readBody, params }) => {
    const body = await readBody();
    if (PROTOCOL_FIELDS.some((field) => field in body)) throw new AppError("CONFLICT", PROTOCOL_LOCKED_MESSAGE);
    const current = await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
    const input = parseSnakeInput(updateModelSchema, {
      name: current.name,
      sku: current.sku ?? undefined,
      device_type: current.deviceType,
      offline_threshold_minutes: current.offlineThresholdMinutes,
      ...body,
      model_id: current.id,
    });
    await updateModel({ partnerId: token.partnerId, actor, input });
    return { body: modelRecordOf(await getModelOrThrow({ partnerId: token.partnerId, modelId: current.id })) };
  },
);

export const listHardwareKeys = managementRoute<ModelParams>(
  "model.read",
  pageOf(hardwareKeyRecord),
  async ({ token, params }) => {
    await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
    return {
      body: page((await findHardwareKeys({ partnerId: token.partnerId, modelId: params.modelId })).map(hardwareKeyOf)),
    };
  },
);

/** The secret is in this response only. */
export const createHardwareKeyRoute = managementRoute<ModelParams>(
  "hardwareKey.manage",
  newHardwareKey,
  async ({ token, actor, readBody, params }) => {
    const input = parseSnakeInput(createHardwareKeySchema, { ...(await readBody()), model_id: params.modelId });
    return { status: 201, body: await createHardwareKey({ partnerId: token.partnerId, actor, input }) };
  },
);

export const revokeHardwareKeyRoute = managementRoute<{ keyId: string }>(
  "hardwareKey.manage",
  revokedHardwareKey,
  async ({ token, actor, params }) => {
    const { label } = await revokeHardwareKey({ partnerId: token.partnerId, actor, keyId: params.keyId });
    return { body: { id: params.keyId, label, revoked: true } };
  },
);

export const limitSchema = z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100).default(50);
