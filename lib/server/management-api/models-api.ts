import "server-only";
import { z } from "zod";
import { createModelSchema, PROTOCOL_LOCKED_MESSAGE, updateModelSchema } from "@/lib/schemas/model";
import { createHardwareKeySchema } from "@/lib/schemas/hardware-key";
import { createModel } from "../data/models/create-model";
import { findModels } from "../data/models/find-models";
import { getModelOrThrow } from "../data/models/get-model-or-throw";
import { updateModel } from "../data/models/update-model";
import { createHardwareKey } from "../data/hardware-keys/create-hardware-key";
import { findHardwareKeys } from "../data/hardware-keys/find-hardware-keys";
import { revokeHardwareKey } from "../data/hardware-keys/revoke-hardware-key";
import { AppError } from "../errors";
import { managementRoute, parseInput } from "./management-route";

type ModelParams = { modelId: string };

// Small lists (a partner has tens of models and keys): one page, no cursor.
const page = <T>(data: T[]) => ({ data, next_cursor: null });

const modelView = (model: Awaited<ReturnType<typeof getModelOrThrow>>) => {
  const { _count, defaultConfig, ...rest } = model;
  return {
    ...rest,
    deviceCount: _count.devices,
    defaultConfig: defaultConfig ? (JSON.parse(defaultConfig) as unknown) : null,
  };
};

export const listModels = managementRoute("model.read", async ({ token }) => {
  const models = await findModels({ partnerId: token.partnerId });
  return { body: page(models.map(({ _count, ...model }) => ({ ...model, deviceCount: _count.devices }))) };
});

export const createModelRoute = managementRoute("model.manage", async ({ token, actor, readBody }) => {
  const input = parseInput(createModelSchema, await readBody());
  const { id } = await createModel({ partnerId: token.partnerId, actor, input });
  return { status: 201, body: modelView(await getModelOrThrow({ partnerId: token.partnerId, modelId: id })) };
});

export const readModel = managementRoute<ModelParams>("model.read", async ({ token, params }) => ({
  body: modelView(await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId })),
}));

/**
 * PATCH: the fields sent replace the current ones. A body that names the
 * protocol is refused whole (409), whatever the value: it is fixed at creation.
 */
export const updateModelRoute = managementRoute<ModelParams>(
  "model.manage",
  async ({ token, actor, readBody, params }) => {
    const body = await readBody();
    if ("communicationProtocol" in body || "protocol" in body) throw new AppError("CONFLICT", PROTOCOL_LOCKED_MESSAGE);
    const current = await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
    const input = parseInput(updateModelSchema, {
      name: current.name,
      sku: current.sku ?? undefined,
      deviceType: current.deviceType,
      offlineThresholdMinutes: current.offlineThresholdMinutes,
      ...body,
      modelId: current.id,
    });
    await updateModel({ partnerId: token.partnerId, actor, input });
    return { body: modelView(await getModelOrThrow({ partnerId: token.partnerId, modelId: current.id })) };
  },
);

export const listHardwareKeys = managementRoute<ModelParams>("model.read", async ({ token, params }) => {
  await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
  const keys = await findHardwareKeys({ partnerId: token.partnerId, modelId: params.modelId });
  return { body: page(keys.map(({ _count, ...key }) => ({ ...key, deviceCount: _count.devices }))) };
});

/** The secret is in this response only. */
export const createHardwareKeyRoute = managementRoute<ModelParams>(
  "hardwareKey.manage",
  async ({ token, actor, readBody, params }) => {
    const input = parseInput(createHardwareKeySchema, { ...(await readBody()), modelId: params.modelId });
    const key = await createHardwareKey({ partnerId: token.partnerId, actor, input });
    return { status: 201, body: key };
  },
);

export const revokeHardwareKeyRoute = managementRoute<{ keyId: string }>(
  "hardwareKey.manage",
  async ({ token, actor, params }) => {
    const { label } = await revokeHardwareKey({ partnerId: token.partnerId, actor, keyId: params.keyId });
    return { body: { id: params.keyId, label, revoked: true } };
  },
);

export const limitSchema = z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100).default(50);
