// The onboarding checklist ("Waiting for your device"): the steps Xyte-style
// firmware takes with the hub, in order, each ticked from what the portal saw
// of the real device. Pure: the facts come from the database, the wording and
// the snippets are here, so the page and the conformance report say the same.

export type StepStatus = "done" | "failed" | "waiting";
export type ChecklistStep = {
  key: string;
  title: string;
  status: StepStatus;
  /** What was seen (done), or what went wrong (failed). */
  detail?: string;
  /** What to change in the firmware, with a snippet that does it. */
  fix?: string;
  snippet?: string;
};

/** What the portal knows of the device, for the checklist. */
export type OnboardingFacts = {
  deviceId: string;
  protocol: "MQTT" | "HTTP";
  hubUrl: string;
  registeredAt: string;
  /** The latest accepted MQTT connect, and the latest refusal's cause. */
  connected: { at: string; protocolVersion: number } | null;
  refusal: { at: string; cause: string; title: string; fix?: string } | null;
  /** A granted subscription covering the command topic ("commands" or "command"). */
  commandSubscription: { at: string; filter: string } | null;
  /** A successful device API call (HTTP models). */
  apiCall: { at: string; endpoint: string } | null;
  telemetry: { at: string; keys: string[] } | null;
  telemetryRejection: { at: string; reason: string } | null;
  /** A command the device finished (done or failed, by its own answer). */
  answeredCommand: { at: string; name: string; status: string } | null;
  config: { desiredVersion: number; reportedVersion: number | null };
  firmware: { version: string; reportedAt: string | null };
  /** The latest rollout update the device succeeded in (came back on the new version). */
  firmwareUpdate: { at: string; version: string } | null;
};

const at = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function mqttSteps(f: OnboardingFacts): ChecklistStep[] {
  const prefix = `v1/device/${f.deviceId}`;
  const isRefusedLater = f.refusal && (!f.connected || f.refusal.at > f.connected.at);
  return [
    f.connected && !isRefusedLater
      ? {
          key: "connect",
          title: "Connected with MQTT v5 and client id = device id",
          status: "done",
          detail: `Last at ${at(f.connected.at)}`,
        }
      : {
          key: "connect",
          title: "Connect with MQTT v5 and client id = device id",
          status: isRefusedLater ? "failed" : "waiting",
          ...(isRefusedLater ? { detail: `${f.refusal!.title} (${at(f.refusal!.at)})` } : {}),
          fix:
            f.refusal?.fix ??
            "Connect to mqtt_hub_url with username and client id = device id, password = access key, MQTT v5.",
          snippet: `mqtt.connect(MQTT_HUB_URL, { protocolVersion: 5, clientId: "${f.deviceId}", username: "${f.deviceId}", password: ACCESS_KEY })`,
        },
    f.commandSubscription
      ? {
          key: "subscribe",
          title: "Subscribed to its command topic",
          status: "done",
          detail: `${f.commandSubscription.filter} at ${at(f.commandSubscription.at)}`,
        }
      : {
          key: "subscribe",
          title: "Subscribe to its command topic",
          status: "waiting",
          fix: "Subscribe to the device's command topic after connecting (QoS 1).",
          snippet: `client.subscribe("${prefix}/commands", { qos: 1 })`,
        },
  ];
}

function httpSteps(f: OnboardingFacts): ChecklistStep[] {
  return [
    f.apiCall
      ? {
          key: "call",
          title: "Called the device API with its access key",
          status: "done",
          detail: `${f.apiCall.endpoint} at ${at(f.apiCall.at)}`,
        }
      : {
          key: "call",
          title: "Call the device API with its access key",
          status: "waiting",
          fix: "Send the access key as the Authorization header to hub_url.",
          snippet: `curl -X POST ${f.hubUrl}/v1/devices/${f.deviceId}/telemetry -H "Authorization: $ACCESS_KEY" -H "Content-Type: application/json" -d '{"status":"online","telemetries":{"temperature":21.5}}'`,
        },
  ];
}

/** The checklist, in the order firmware takes the steps. */
export function onboardingChecklist(f: OnboardingFacts): ChecklistStep[] {
  const telemetryTopic = f.protocol === "MQTT" ? `publish v1/device/${f.deviceId}/telemetry` : "POST .../telemetry";
  const steps: ChecklistStep[] = [
    { key: "register", title: "Registered", status: "done", detail: `At ${at(f.registeredAt)}` },
    ...(f.protocol === "MQTT" ? mqttSteps(f) : httpSteps(f)),
    f.telemetry
      ? {
          key: "telemetry",
          title: "Sent valid telemetry",
          status: "done",
          detail: `Keys seen: ${f.telemetry.keys.join(", ")} (${at(f.telemetry.at)})`,
        }
      : {
          key: "telemetry",
          title: "Send valid telemetry",
          status: f.telemetryRejection ? "failed" : "waiting",
          ...(f.telemetryRejection ? { detail: `Not accepted: ${f.telemetryRejection.reason}` } : {}),
          fix: `${telemetryTopic} with a status and at least one key, as JSON.`,
          snippet: `{"status": "online", "telemetries": {"temperature": 21.5, "door": "closed"}}`,
        },
    f.answeredCommand
      ? {
          key: "command",
          title: "Answered a command",
          status: "done",
          detail: `${f.answeredCommand.name}: ${f.answeredCommand.status} (${at(f.answeredCommand.at)})`,
        }
      : {
          key: "command",
          title: "Answer a test command",
          status: "waiting",
          fix:
            f.protocol === "MQTT"
              ? "Send a test command below; answer on the message's response topic with the command id and a status."
              : "Send a test command below; fetch it with GET .../command, then POST .../command with its id and a status.",
          snippet:
            f.protocol === "MQTT"
              ? `client.publish(packet.properties.responseTopic, JSON.stringify({ id: command.id, status: "done" }), { qos: 1, properties: { correlationData: packet.properties.correlationData } })`
              : `curl -X POST ${f.hubUrl}/v1/devices/${f.deviceId}/command -H "Authorization: $ACCESS_KEY" -H "Content-Type: application/json" -d '{"id":"<command id>","status":"done"}'`,
        },
    f.config.desiredVersion > 0 &&
    f.config.reportedVersion !== null &&
    f.config.reportedVersion >= f.config.desiredVersion
      ? {
          key: "config",
          title: "Applied a config version",
          status: "done",
          detail: `Version ${f.config.reportedVersion}`,
        }
      : {
          key: "config",
          title: "Apply a config version",
          status: "waiting",
          fix:
            f.config.desiredVersion === 0
              ? "Set a config below (or the model's default config); the device applies it and reports its version."
              : `The desired version is ${f.config.desiredVersion}${f.config.reportedVersion === null ? "" : `; the device reported ${f.config.reportedVersion}`}: apply it and report it back.`,
          snippet:
            f.protocol === "MQTT"
              ? `// on ${`v1/device/${f.deviceId}/config`}: apply, then answer on the response topic\nclient.publish(packet.properties.responseTopic, payload, { qos: 1 })`
              : `curl ${f.hubUrl}/v1/devices/${f.deviceId}/config -H "Authorization: $ACCESS_KEY"   # then POST the config you applied back to the same URL`,
        },
    f.firmware.reportedAt
      ? {
          key: "firmware",
          title: "Reported its firmware version",
          status: "done",
          detail: `${f.firmware.version} (${at(f.firmware.reportedAt)})`,
        }
      : {
          key: "firmware",
          title: "Report its firmware version",
          status: "waiting",
          fix: "Tell the portal the firmware it runs (Update Device), at start and after each update.",
          snippet: `curl -X PUT ${f.hubUrl}/v1/devices/${f.deviceId} -H "Authorization: $ACCESS_KEY" -H "Content-Type: application/json" -d '{"firmware_version":"${f.firmware.version}"}'`,
        },
    // Not a step every device must take before it is onboarded: it appears once one was taken.
    ...(f.firmwareUpdate
      ? [
          {
            key: "firmware-update",
            title: "Took a firmware update",
            status: "done" as const,
            detail: `${f.firmwareUpdate.version} by a rollout, back on it at ${at(f.firmwareUpdate.at)}`,
          },
        ]
      : []),
  ];
  return steps;
}

/**
 * Text a device chose (serial number, name, firmware, telemetry keys) as
 * literal Markdown text: HTML and Markdown's own characters are escaped, and
 * a line break becomes a space, so pasting the report into a tracker or wiki
 * renders it as written and never as markup or a broken table.
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}

/** The conformance report a partner attaches to a certification request, in Markdown. */
export function conformanceMarkdown(report: {
  device: { id: string; sn: string; model: string; protocol: string; firmware: string };
  generatedAt: string;
  steps: ChecklistStep[];
}): string {
  const mark = { done: "PASS", failed: "FAIL", waiting: "NOT YET" };
  const passed = report.steps.every((step) => step.status === "done");
  return [
    `# Partner Hub conformance report`,
    "",
    `- Device: ${markdownText(report.device.sn)} (\`${report.device.id}\`)`,
    `- Model: ${markdownText(report.device.model)} (${report.device.protocol})`,
    `- Firmware: ${markdownText(report.device.firmware)}`,
    `- Generated: ${report.generatedAt}`,
    `- Result: **${passed ? "all steps passed" : "not complete"}**`,
    "",
    "| Step | Result | Detail |",
    "| --- | --- | --- |",
    ...report.steps.map(
      (step) =>
        `| ${markdownText(step.title)} | ${mark[step.status]} | ${markdownText(step.detail ?? step.fix ?? "")} |`,
    ),
    "",
  ].join("\n");
}
