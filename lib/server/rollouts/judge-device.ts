import type { RolloutDeviceState } from "@/lib/schemas/rollout";

// What a rollout makes of one device it told to update, from what the
// portal saw: the update_firmware command's status, the firmware version the
// device reported, and (for MQTT devices) whether it came back afterwards.
// A "done" is not a success on its own word: the device must run the new
// version and be heard from again, or it failed.

export type DeviceView = {
  state: RolloutDeviceState;
  attempts: number;
  notifiedAt: Date | null;
  doneAt: Date | null;
  deadlineAt: Date | null;
  command: { status: string; message: string | null } | null;
  device: {
    firmwareVersion: string;
    firmwareReportedAt: Date | null;
    isConnected: boolean;
    connectedAt: Date | null;
    telemetryAt: Date | null;
  };
};

export type RolloutRules = {
  version: string;
  protocol: "MQTT" | "HTTP";
  retries: number;
  timeoutMinutes: number;
  verifyMinutes: number;
};

/** A device's next step; null: nothing new. `retry` queues it again for another attempt. */
export type Verdict =
  | { state: "downloading" }
  | { state: "verifying"; doneAt: Date; deadlineAt: Date }
  | { state: "succeeded" }
  | { state: "failed" | "timed_out"; failure: string }
  | { state: "queued"; retry: true; failure: string };

const atOrAfter = (a: Date | null, b: Date | null) => a !== null && b !== null && a.getTime() >= b.getTime();

export function judgeDevice(view: DeviceView, rules: RolloutRules, now: Date): Verdict | null {
  const { device, command } = view;
  const since = view.notifiedAt;
  const isOnNewVersion = device.firmwareVersion === rules.version && atOrAfter(device.firmwareReportedAt, since);
  // Heard from after the update: an HTTP device calls again; an MQTT device
  // reconnects (it reboots into the new firmware) and then sends telemetry.
  const cameBack =
    rules.protocol === "HTTP"
      ? atOrAfter(device.telemetryAt, view.doneAt ?? since)
      : device.isConnected && atOrAfter(device.connectedAt, since) && atOrAfter(device.telemetryAt, device.connectedAt);
  const isPastDeadline = view.deadlineAt !== null && now.getTime() >= view.deadlineAt.getTime();

  if (view.state === "verifying") {
    if (isOnNewVersion && cameBack) return { state: "succeeded" };
    if (!isPastDeadline) return null;
    return { state: "failed", failure: isOnNewVersion ? "did not come back" : "still on old version" };
  }
  const retryOr = (state: "failed" | "timed_out", failure: string): Verdict =>
    view.attempts < rules.retries + 1 ? { state: "queued", retry: true, failure } : { state, failure };
  if (command?.status === "failed") {
    return retryOr(
      "failed",
      command.message ? `the device reported: ${command.message}` : "the device reported failed",
    );
  }
  if (command?.status === "done") {
    if (isOnNewVersion && cameBack) return { state: "succeeded" };
    return { state: "verifying", doneAt: now, deadlineAt: new Date(now.getTime() + rules.verifyMinutes * 60_000) };
  }
  if (command?.status === "expired" || isPastDeadline) {
    return retryOr("timed_out", `no answer within ${rules.timeoutMinutes} min`);
  }
  if (command?.status === "in_progress" && view.state === "notified") return { state: "downloading" };
  return null;
}
