import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/runtime/logger";
import type { DeviceHub } from "@/lib/hub/hub";
import { FAILED_STATES, FINISHED_STATES, UNFINISHED_STATES, type RolloutDeviceState } from "@/lib/schemas/rollout";
import { notifyRolloutDevices } from "../data/rollouts/notify-rollout-devices";
import {
  changeRolloutStatus,
  findRunningRollouts,
  promoteRollout,
  type RunningRollout,
} from "../data/rollouts/change-rollout-status";
import {
  countNotifiedSince,
  countRolloutDevices,
  failRolloutDevice,
  findInFlightDevices,
  findQueuedDevices,
  moveRolloutDevice,
} from "../data/rollouts/rollout-devices";
import { pushCommands } from "../device-conversation/push-to-device";
import { judgeDevice } from "./judge-device";

// One round of every running rollout (and the told devices of paused ones):
// judge the devices told so far, stop the rollout if its failures pass its
// rule, move to the next stage or finish, then tell the next devices at its pace. Everything it knows is in
// the database, so a restarted portal goes on where it stopped; every move
// is conditional on the state it read, so two portal processes running
// rounds side by side do not tell a device twice.

/** How often rounds run (lib/server/start/start-portal.ts). */
export const ROUND_MS = 2_000;

const log = logger("rollouts");

export async function advanceRollouts(hub: DeviceHub | null, now = new Date()): Promise<void> {
  for (const rollout of await findRunningRollouts()) {
    try {
      await advanceRollout(rollout, hub, now);
    } catch (error) {
      log.error({ err: error, rolloutId: rollout.id }, "rollout round failed");
    }
  }
}

const actorOf = (rollout: { id: string }) => ({ userId: null, label: `Rollout ${rollout.id}` });
const percent = (part: number, whole: number) => Math.round((part * 1000) / Math.max(whole, 1)) / 10;

async function advanceRollout(rollout: RunningRollout, hub: DeviceHub | null, now: Date): Promise<void> {
  // Devices told before a pause go on updating, and are judged as ever; a paused rollout tells no one new.
  await judgeInFlight(rollout, now);
  if (rollout.status !== "running") return;
  const counts = await countRolloutDevices(rollout.id);
  const sum = (states: readonly RolloutDeviceState[], stage?: number) =>
    counts
      .filter((c) => states.includes(c.state) && (stage === undefined || c.stage === stage))
      .reduce((total, c) => total + c.devices, 0);

  const moveTo = (to: "paused" | "completed", reason: string | null) =>
    changeRolloutStatus({ rolloutId: rollout.id, from: "running", to, reason, actor: actorOf(rollout), now });

  // The stop rule, over what finished since the rollout was (re)started.
  const finished = sum(FINISHED_STATES.filter((s) => s !== "cancelled")) - rollout.stopFinishedBase;
  const failed = sum(FAILED_STATES) - rollout.stopFailedBase;
  if (finished >= rollout.stopMinFinished && failed * 100 > rollout.stopFailurePercent * finished) {
    const reason = `stopped by its rule: ${failed} of ${finished} finished devices failed (${percent(failed, finished)}%, above ${rollout.stopFailurePercent}%)`;
    if (await moveTo("paused", reason)) log.warn({ rolloutId: rollout.id }, reason);
    return;
  }

  const stages = JSON.parse(rollout.stages) as number[];
  const stage = rollout.currentStage;
  const unfinishedInStage = sum(UNFINISHED_STATES, stage);
  if (unfinishedInStage === 0) {
    if (stage >= stages.length - 1) {
      await moveTo("completed", null);
      return;
    }
    if (!rollout.isAutoPromoted) {
      const reason = `stage ${stage + 1} of ${stages.length} (${stages[stage]}%) finished: resume to start stage ${stage + 2} (${stages[stage + 1]}%)`;
      await moveTo("paused", reason);
      return;
    }
    if (await promoteRollout(rollout.id, stage)) rollout.currentStage = stage + 1;
  }
  await notifyNext(rollout, hub, now);
}

async function judgeInFlight(rollout: RunningRollout, now: Date): Promise<void> {
  const rules = {
    version: rollout.file.version,
    protocol: rollout.model.communicationProtocol,
    retries: rollout.retries,
    timeoutMinutes: rollout.timeoutMinutes,
    verifyMinutes: rollout.verifyMinutes,
  };
  const context = { ...rollout, version: rollout.file.version };
  for (const row of await findInFlightDevices(rollout.id, now)) {
    const verdict = judgeDevice(
      { ...row, device: { ...row.device, isConnected: Boolean(row.device.isConnected) } },
      rules,
      now,
    );
    if (!verdict) continue;
    if (verdict.state === "failed" || verdict.state === "timed_out") {
      await failRolloutDevice({
        rollout: context,
        device: { id: row.deviceId, sn: row.device.sn },
        from: row.state,
        state: verdict.state,
        failure: verdict.failure,
        now,
      });
    } else if (verdict.state === "queued") {
      await moveRolloutDevice(rollout.id, row.deviceId, row.state, {
        state: "queued",
        failure: verdict.failure,
        commandId: null,
        deadlineAt: null,
      });
    } else if (verdict.state === "verifying") {
      await moveRolloutDevice(rollout.id, row.deviceId, row.state, verdict);
    } else if (verdict.state === "succeeded") {
      await moveRolloutDevice(rollout.id, row.deviceId, row.state, {
        state: "succeeded",
        failure: null,
        finishedAt: now,
        deadlineAt: null,
      });
    } else {
      await moveRolloutDevice(rollout.id, row.deviceId, row.state, { state: verdict.state });
    }
  }
}

/**
 * Tells the next devices, keeping to the pace over any minute, and spread
 * over the minute's rounds rather than all at its start.
 */
async function notifyNext(rollout: RunningRollout, hub: DeviceHub | null, now: Date): Promise<void> {
  const lastMinute = await countNotifiedSince(rollout.id, new Date(now.getTime() - 60_000));
  const perRound = Math.ceil((rollout.devicesPerMinute * ROUND_MS * 2) / 60_000);
  const take = Math.min(perRound, rollout.devicesPerMinute - lastMinute);
  const next = await findQueuedDevices(rollout.id, rollout.currentStage, take);
  if (next.length === 0) return;
  const commands = await notifyRolloutDevices({
    rollout,
    actor: actorOf(rollout),
    deviceIds: next.map((row) => row.deviceId),
    command: (deviceId) => ({
      name: "update_firmware",
      parameters: {
        url: `${env().DEVICE_API_URL}/v1/devices/${deviceId}/files/${rollout.fileId}/download`,
        version: rollout.file.version,
        sha256: rollout.file.sha256,
        size: rollout.file.size,
        rollout_id: rollout.id,
      },
    }),
    now,
  });
  if (!hub) return;
  for (const command of commands) {
    pushCommands(hub, command.device_id, [command]).catch((error: unknown) =>
      log.warn(
        { err: error, deviceId: command.device_id },
        "update_firmware not pushed; the device takes it over HTTP or on subscribing",
      ),
    );
  }
}

/** Runs rounds every ROUND_MS in the background; returns a function that stops them. */
export function startRolloutRounds(hub: () => DeviceHub | null): () => Promise<void> {
  let round: Promise<void> | null = null;
  const timer = setInterval(() => {
    round ??= advanceRollouts(hub())
      .catch((error: unknown) => log.error({ err: error }, "rollout rounds failed"))
      .finally(() => (round = null));
  }, ROUND_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await round;
  };
}
