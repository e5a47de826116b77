"use client";

import { useState, type ReactNode } from "react";
import { can, type Role } from "@/lib/auth/policy";
import type { ChartRange } from "@/lib/schemas/telemetry";
import { CommandsSection } from "./commands-section";
import { ConnectionHistory } from "./connection-history";
import { OnboardingChecklist } from "./onboarding-checklist";
import { ConfigSection } from "./config-section";
import { DeviceActivity } from "./device-activity";
import { TelemetrySection } from "./telemetry-section";
import { useDeviceConversation, useRefreshConversation, type Conversation } from "./use-device-conversation";

/** The device's side of Xyte's conversation on its page, refreshed live: telemetry, commands, config, firmware. */
export function DeviceConversationSections({
  deviceId,
  initial,
  role,
  children,
}: {
  deviceId: string;
  initial: Conversation;
  role: Role;
  /** The live check and the snippets: after the checklist, before the history. */
  children: ReactNode;
}) {
  const [range, setRange] = useState<ChartRange>("hour");
  const { data } = useDeviceConversation(deviceId, range, initial);
  const refresh = useRefreshConversation(deviceId);
  const conversation = data ?? initial;
  return (
    <>
      <OnboardingChecklist deviceId={deviceId} steps={conversation.checklist} canSend={can(role, "device.command")} />
      {children}
      <ConnectionHistory deviceId={deviceId} latest={conversation.history} />
      <TelemetrySection telemetry={conversation.telemetry} range={range} onRange={setRange} deviceId={deviceId} />
      <CommandsSection deviceId={deviceId} commands={conversation.commands} canSend={can(role, "device.command")} />
      <ConfigSection
        deviceId={deviceId}
        config={conversation.config}
        canEdit={can(role, "device.config")}
        onSaved={refresh}
      />
      <DeviceActivity firmware={conversation.firmware} rejected={conversation.rejected} />
    </>
  );
}
