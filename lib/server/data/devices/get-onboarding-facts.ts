import "server-only";
import { env } from "@/lib/env";
import { describeHistoryEvent, HISTORY_KINDS } from "@/lib/device-history/history-events";
import type { OnboardingFacts } from "@/lib/devices/onboarding-checklist";
import { CONVERSATION_TOPICS, deviceTopicPrefix, topicMatches } from "@/lib/mqtt/device-topics";
import { db } from "../../database/db";
import { AppError } from "../../errors";

const latestEvent = (deviceId: string, kind: string) =>
  db.deviceEvent.findFirst({ where: { deviceId, kind }, orderBy: { id: "desc" }, select: { at: true, detail: true } });

/** What the portal saw of one of the partner's devices, for its onboarding checklist. */
export async function getOnboardingFacts(options: { partnerId: string; deviceId: string }) {
  const { deviceId } = options;
  const device = await db.device.findFirst({
    where: { id: deviceId, partnerId: options.partnerId },
    select: {
      id: true,
      sn: true,
      createdAt: true,
      firmwareVersion: true,
      firmwareReportedAt: true,
      configVersion: true,
      reportedConfigVersion: true,
      model: { select: { name: true, communicationProtocol: true } },
    },
  });
  if (!device) throw new AppError("NOT_FOUND", "Device not found.");
  const [connected, refused, subscriptions, calls, rejections, telemetry, answered, update] = await Promise.all([
    latestEvent(deviceId, HISTORY_KINDS.connected),
    latestEvent(deviceId, HISTORY_KINDS.refused),
    db.deviceEvent.findMany({
      where: { deviceId, kind: HISTORY_KINDS.subscribed },
      orderBy: { id: "desc" },
      take: 50,
      select: { at: true, detail: true },
    }),
    db.deviceEvent.findMany({
      where: { deviceId, kind: HISTORY_KINDS.httpCall },
      orderBy: { id: "desc" },
      take: 50,
      select: { at: true, detail: true },
    }),
    db.deviceEvent.findMany({
      where: { deviceId, kind: HISTORY_KINDS.rejectedMessage },
      orderBy: { id: "desc" },
      take: 20,
      select: { at: true, detail: true },
    }),
    db.telemetryMessage.findFirst({
      where: { deviceId, NOT: { values: "{}" } },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      select: { receivedAt: true, values: true },
    }),
    db.deviceCommandUpdate.findFirst({
      where: { command: { deviceId }, via: { in: ["mqtt", "http"] }, status: { in: ["done", "failed"] } },
      orderBy: { id: "desc" },
      select: { at: true, status: true, command: { select: { name: true } } },
    }),
    db.rolloutDevice.findFirst({
      where: { deviceId, state: "succeeded" },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true, rollout: { select: { file: { select: { version: true } } } } },
    }),
  ]);
  const parse = (row: { at: Date; detail: string }): Record<string, unknown> & { at: string } => ({
    ...(JSON.parse(row.detail) as Record<string, unknown>),
    at: row.at.toISOString(),
  });
  const prefix = deviceTopicPrefix(deviceId);
  const commandTopics = [CONVERSATION_TOPICS.commands, CONVERSATION_TOPICS.command].map((t) => `${prefix}/${t}`);
  const subscription = subscriptions
    .map(parse)
    .find((s) => s.isGranted === true && commandTopics.some((topic) => topicMatches(String(s.filter), topic)));
  const call = calls.map(parse).find((c) => Number(c.status) < 300);
  const rejection = rejections.map(parse).find((r) => String(r.topic).endsWith("/telemetry"));
  const refusal = refused ? parse(refused) : null;
  const described = refusal ? describeHistoryEvent(HISTORY_KINDS.refused, refusal) : null;
  const facts: OnboardingFacts = {
    deviceId,
    protocol: device.model.communicationProtocol,
    hubUrl: env().DEVICE_API_URL,
    registeredAt: device.createdAt.toISOString(),
    connected: connected
      ? { at: connected.at.toISOString(), protocolVersion: Number(parse(connected).protocolVersion) }
      : null,
    refusal:
      refusal && described
        ? {
            at: refusal.at,
            cause: String(refusal.cause),
            title: described.title,
            ...(described.fix ? { fix: described.fix } : {}),
          }
        : null,
    commandSubscription: subscription ? { at: subscription.at, filter: String(subscription.filter) } : null,
    apiCall: call ? { at: call.at, endpoint: `${String(call.method)} ${String(call.endpoint)}` } : null,
    telemetry: telemetry
      ? { at: telemetry.receivedAt.toISOString(), keys: Object.keys(JSON.parse(telemetry.values) as object) }
      : null,
    telemetryRejection: rejection ? { at: rejection.at, reason: String(rejection.reason) } : null,
    answeredCommand: answered
      ? { at: answered.at.toISOString(), name: answered.command.name, status: answered.status }
      : null,
    config: { desiredVersion: device.configVersion, reportedVersion: device.reportedConfigVersion },
    firmware: { version: device.firmwareVersion, reportedAt: device.firmwareReportedAt?.toISOString() ?? null },
    firmwareUpdate: update?.finishedAt
      ? { at: update.finishedAt.toISOString(), version: update.rollout.file.version }
      : null,
  };
  return {
    facts,
    device: {
      id: device.id,
      sn: device.sn,
      model: device.model.name,
      protocol: device.model.communicationProtocol,
      firmware: device.firmwareVersion,
    },
  };
}
