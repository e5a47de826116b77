import "server-only";
import { findDeviceUpdates } from "../rollouts/find-device-updates";
import type { TelemetryValue } from "@/lib/schemas/telemetry";
import { db } from "../../database/db";
import { AppError } from "../../errors";
import { findAuditEvents } from "../audit/find-audit-events";
import { findDeviceCommands } from "../commands/find-device-commands";
import { findConfigHistory } from "../config/find-config-history";
import { onboardingChecklist } from "@/lib/devices/onboarding-checklist";
import { findDeviceEvents } from "../device-events/find-device-events";
import { getOnboardingFacts } from "./get-onboarding-facts";
import type { ChartRange } from "@/lib/schemas/telemetry";
import { getTelemetryCharts } from "../telemetry/get-telemetry-charts";
import { HISTORY_KINDS } from "@/lib/device-history/history-events";

/**
 * Everything the device page shows of its conversation, read together for
 * the page's live refresh: telemetry (latest values, charts, last
 * messages), commands with their history, config versions, firmware changes,
 * the messages the portal could not accept, and the newest of the device's
 * history (connects and refusals, subscriptions, calls).
 */
export async function getDeviceConversation(options: { partnerId: string; deviceId: string; range: ChartRange }) {
  const { partnerId, deviceId } = options;
  const device = await db.device.findFirst({
    where: { id: deviceId, partnerId },
    select: {
      isConnected: true,
      connectedAt: true,
      telemetryState: true,
      telemetryStatus: true,
      telemetryAt: true,
      firmwareVersion: true,
      config: true,
      configVersion: true,
      configUpdatedAt: true,
      reportedConfigVersion: true,
      reportedConfigAt: true,
    },
  });
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  const state = device.telemetryState ? (JSON.parse(device.telemetryState) as Record<string, TelemetryValue>) : {};
  const numericKeys = Object.keys(state).filter((key) => typeof state[key] === "number");
  const [charts, messages, commands, configHistory, firmware, rejected, history, onboarding, updates] =
    await Promise.all([
      getTelemetryCharts({ deviceId, keys: numericKeys, range: options.range }),
      db.telemetryMessage.findMany({
        where: { deviceId },
        // The (deviceId, receivedAt) index gives these without reading the device's whole history.
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        take: 10,
        select: { id: true, receivedAt: true, sentAt: true, status: true, values: true, via: true },
      }),
      findDeviceCommands({ partnerId, deviceId }),
      findConfigHistory({ partnerId, deviceId }),
      findAuditEvents({ partnerId, targetId: deviceId, actions: ["device.firmware"], take: 20 }),
      findDeviceEvents({ partnerId, deviceId, kinds: [HISTORY_KINDS.rejectedMessage] }),
      findDeviceEvents({ partnerId, deviceId, take: 30 }),
      getOnboardingFacts({ partnerId, deviceId }),
      findDeviceUpdates(deviceId),
    ]);
  return {
    presence: { isConnected: device.isConnected, connectedAt: device.connectedAt },
    telemetry: {
      status: device.telemetryStatus,
      at: device.telemetryAt,
      state,
      charts,
      messages: messages.map((m) => ({ ...m, values: JSON.parse(m.values) as Record<string, TelemetryValue> })),
    },
    commands,
    config: {
      desiredVersion: device.configVersion,
      desired: device.config ? (JSON.parse(device.config) as Record<string, unknown>) : {},
      updatedAt: device.configUpdatedAt,
      reportedVersion: device.reportedConfigVersion,
      reportedAt: device.reportedConfigAt,
      history: configHistory,
    },
    firmware: { current: device.firmwareVersion, changes: firmware, updates },
    rejected,
    history,
    checklist: onboardingChecklist(onboarding.facts),
  };
}

export type DeviceConversation = Awaited<ReturnType<typeof getDeviceConversation>>;
