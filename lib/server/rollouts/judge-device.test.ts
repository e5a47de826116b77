import { describe, expect, it } from "vitest";
import { judgeDevice, type DeviceView, type RolloutRules } from "./judge-device";

const t = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, seconds));
const rules: RolloutRules = { version: "2.0.0", protocol: "MQTT", retries: 1, timeoutMinutes: 30, verifyMinutes: 10 };

type Overrides = Partial<Omit<DeviceView, "device">> & { device?: Partial<DeviceView["device"]> };

function view(overrides: Overrides = {}): DeviceView {
  return {
    state: "notified",
    attempts: 1,
    notifiedAt: t(0),
    doneAt: null,
    deadlineAt: new Date(t(0).getTime() + 30 * 60_000),
    command: { status: "pending", message: null },
    ...overrides,
    device: {
      firmwareVersion: "1.0.0",
      firmwareReportedAt: null,
      isConnected: true,
      connectedAt: t(-100),
      telemetryAt: t(-5),
      ...overrides.device,
    },
  };
}

describe("judgeDevice", () => {
  it("follows the command: in progress is downloading, done starts the verification window", () => {
    expect(judgeDevice(view(), rules, t(10))).toBeNull();
    expect(judgeDevice(view({ command: { status: "in_progress", message: null } }), rules, t(10))).toEqual({
      state: "downloading",
    });
    expect(judgeDevice(view({ command: { status: "done", message: null } }), rules, t(20))).toEqual({
      state: "verifying",
      doneAt: t(20),
      deadlineAt: new Date(t(20).getTime() + 10 * 60_000),
    });
  });

  it("succeeds only once an MQTT device runs the new version, reconnected and sent telemetry", () => {
    const verifying = { state: "verifying" as const, doneAt: t(20), deadlineAt: t(620) };
    const newVersion = { firmwareVersion: "2.0.0", firmwareReportedAt: t(15) };
    expect(judgeDevice(view({ ...verifying, device: newVersion }), rules, t(30))).toBeNull();
    const back = { ...newVersion, connectedAt: t(40), telemetryAt: t(45) };
    expect(judgeDevice(view({ ...verifying, device: back }), rules, t(50))).toEqual({ state: "succeeded" });
    // Connected again but silent since: not yet.
    expect(judgeDevice(view({ ...verifying, device: { ...back, telemetryAt: t(39) } }), rules, t(50))).toBeNull();
  });

  it("turns a done without the device coming back into a failure when the window ends", () => {
    const verifying = { state: "verifying" as const, doneAt: t(20), deadlineAt: t(620) };
    expect(judgeDevice(view({ ...verifying, device: { isConnected: false } }), rules, t(620))).toEqual({
      state: "failed",
      failure: "still on old version",
    });
    const gone = { firmwareVersion: "2.0.0", firmwareReportedAt: t(15), isConnected: false, connectedAt: t(40) };
    expect(judgeDevice(view({ ...verifying, device: gone }), rules, t(620))).toEqual({
      state: "failed",
      failure: "did not come back",
    });
  });

  it("an HTTP device comes back by calling again after its done", () => {
    const http = { ...rules, protocol: "HTTP" as const };
    const verifying = { state: "verifying" as const, doneAt: t(20), deadlineAt: t(620) };
    const device = { firmwareVersion: "2.0.0", firmwareReportedAt: t(15), isConnected: false, telemetryAt: t(19) };
    expect(judgeDevice(view({ ...verifying, device }), http, t(30))).toBeNull();
    expect(judgeDevice(view({ ...verifying, device: { ...device, telemetryAt: t(25) } }), http, t(30))).toEqual({
      state: "succeeded",
    });
  });

  it("retries a failure or a timeout while attempts are left, then fails or times out", () => {
    const failed = { command: { status: "failed", message: "flash write error" } };
    expect(judgeDevice(view(failed), rules, t(10))).toEqual({
      state: "queued",
      retry: true,
      failure: "the device reported: flash write error",
    });
    expect(judgeDevice(view({ ...failed, attempts: 2 }), rules, t(10))).toEqual({
      state: "failed",
      failure: "the device reported: flash write error",
    });
    const late = new Date(t(0).getTime() + 30 * 60_000);
    expect(judgeDevice(view({ attempts: 2 }), rules, late)).toEqual({
      state: "timed_out",
      failure: "no answer within 30 min",
    });
  });
});
