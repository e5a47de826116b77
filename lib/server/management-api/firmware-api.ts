import "server-only";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { newRolloutSchema, rolloutControlSchema } from "@/lib/schemas/rollout";
import { deleteFirmwareFile } from "../data/firmware/delete-firmware-file";
import { findModelFirmware } from "../data/firmware/find-model-firmware";
import { getModelOrThrow } from "../data/models/get-model-or-throw";
import { controlRollout } from "../data/rollouts/control-rollout";
import { createRollout } from "../data/rollouts/create-rollout";
import { findModelRollouts, getRolloutOrThrow } from "../data/rollouts/find-rollout";
import { removeFirmware } from "../firmware/firmware-store";
import { receiveFirmware } from "../firmware/receive-firmware";
import { authorizeToken, managementError, managementRoute, parseInput } from "./management-route";

// Firmware files and rollouts for a partner's build pipeline: upload a file
// (streamed, through Next.js's router: fast routes buffer their bodies),
// start a rollout, watch it and stop it.

const page = <T>(data: T[]) => ({ data, next_cursor: null });

export const listFirmware = managementRoute<{ modelId: string }>("model.read", async ({ token, params }) => {
  await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
  const files = await findModelFirmware({ partnerId: token.partnerId, modelId: params.modelId });
  return { body: page(files.map(({ versionKey: _key, ...file }) => file)) };
});

export const deleteFirmware = managementRoute<{ fileId: string }>(
  "firmware.manage",
  async ({ token, actor, params }) => {
    await deleteFirmwareFile({ partnerId: token.partnerId, actor, fileId: params.fileId });
    await removeFirmware(params.fileId);
    return { body: { id: params.fileId, deleted: true } };
  },
);

/** POST /api/v1/models/{modelId}/firmware?version=&name=…, the file as the body (app/api/v1/models/[modelId]/firmware). */
export async function uploadFirmwareByToken(request: Request, modelId: string): Promise<Response> {
  try {
    const { token, actor } = await authorizeToken({ header: (name) => request.headers.get(name) }, "firmware.manage");
    const input = parseInput(firmwareUploadSchema, Object.fromEntries(new URL(request.url).searchParams));
    const file = await receiveFirmware({ partnerId: token.partnerId, actor, modelId, input, request });
    return Response.json(file, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    const result = managementError(error);
    return Response.json(result.json, { status: result.status, headers: result.headers });
  }
}

export const listRollouts = managementRoute<{ modelId: string }>("model.read", async ({ token, params }) => {
  await getModelOrThrow({ partnerId: token.partnerId, modelId: params.modelId });
  return { body: page(await findModelRollouts({ partnerId: token.partnerId, modelId: params.modelId })) };
});

/** A rollout's settings and progress: devices per stage and state, and the failed ones (up to 200). */
export const readRollout = managementRoute<{ rolloutId: string }>("model.read", async ({ token, params }) => {
  const { file, model, counts, failures, rollback, ...rollout } = await getRolloutOrThrow({
    partnerId: token.partnerId,
    rolloutId: params.rolloutId,
  });
  return {
    body: {
      ...rollout,
      file: { id: file.id, version: file.version, fileType: file.fileType, sha256: file.sha256, size: file.size },
      modelId: model.id,
      devices: counts,
      failures: failures.map(({ device, ...row }) => ({
        ...row,
        sn: device.sn,
        firmwareVersion: device.firmwareVersion,
      })),
      rollbackFileId: rollback?.id ?? null,
    },
  };
});

/** Stages may be sent as an array ([1, 10, 50, 100]) or as the form's text. */
export const startRolloutRoute = managementRoute("rollout.manage", async ({ token, actor, readBody }) => {
  const body = await readBody();
  const stages = Array.isArray(body.stages) ? body.stages.join(",") : body.stages;
  const input = parseInput(newRolloutSchema, { ...body, ...(stages === undefined ? {} : { stages }) });
  const started = await createRollout({ partnerId: token.partnerId, actor, input });
  return { status: 201, body: started };
});

const control = (which: "pause" | "resume" | "cancel") =>
  managementRoute<{ rolloutId: string }>("rollout.manage", async ({ token, actor, params }) => {
    const input = parseInput(rolloutControlSchema, { rolloutId: params.rolloutId, control: which });
    return { body: { id: params.rolloutId, ...(await controlRollout({ partnerId: token.partnerId, actor, input })) } };
  });

export const pauseRollout = control("pause");
export const resumeRollout = control("resume");
export const cancelRollout = control("cancel");
