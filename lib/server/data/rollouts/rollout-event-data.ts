import "server-only";

/** A rollout as webhook payloads describe it. */
export function rolloutEventData(rollout: {
  id: string;
  modelId: string;
  fileId: string;
  version: string;
  status: string;
  pauseReason?: string | null;
}): Record<string, unknown> {
  return {
    rollout: {
      id: rollout.id,
      model_id: rollout.modelId,
      file_id: rollout.fileId,
      version: rollout.version,
      status: rollout.status,
      ...(rollout.pauseReason ? { reason: rollout.pauseReason } : {}),
    },
  };
}
