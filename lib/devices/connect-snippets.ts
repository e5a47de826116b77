// Ready-to-run ways to talk as one device, filled with its id and URLs: MQTT
// for an MQTT model's device, HTTP for an HTTP model's (which the hub never
// admits). The key stays a placeholder unless the caller passes it.
import { deviceTopicPrefix } from "../mqtt/device-topics";

export type Snippet = { id: string; label: string; code: string };

export const KEY_PLACEHOLDER = "<ACCESS_KEY>";

/** Where the portal offers the hub's CA certificate, what it is saved as, and what the snippets read. */
export const CA_DOWNLOAD_PATH = "/api/hub/ca.pem";
export const CA_FILE_NAME = "partner-hub-ca.pem";

const TELEMETRY = { status: "online", telemetries: { temperature: 21.5 } };
const shellQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function connectSnippets(options: {
  deviceId: string;
  protocol: "MQTT" | "HTTP";
  mqttUrl: string;
  hubUrl: string;
  accessKey?: string;
  /** Where the hub's CA certificate is downloaded; absent for an mqtts:// hub with a publicly trusted certificate. */
  caUrl?: string | undefined;
}): Snippet[] {
  const register = {
    id: "curl",
    label: "curl: Register Device API",
    code: [
      `curl -s ${options.hubUrl}/v1/devices \\`,
      `  -H 'content-type: application/json' \\`,
      `  -d '{"sn": "<SERIAL>", "firmware_version": "1.0.0", "hardware_key": "<HARDWARE_KEY>"}'`,
    ].join("\n"),
  };
  return [...(options.protocol === "MQTT" ? mqttSnippets(options) : httpSnippets(options)), register];
}

/**
 * How each client is told to check the hub's certificate over mqtts://: the
 * downloaded CA file, or the system's trust store for a public certificate.
 */
function tlsLines(mqttUrl: string, caUrl: string | undefined) {
  if (!mqttUrl.startsWith("mqtts:")) return { comment: [], mosquitto: "", mqttjsImport: [], mqttjs: [], paho: [] };
  if (!caUrl)
    return { comment: [], mosquitto: " --tls-use-os-certs", mqttjsImport: [], mqttjs: [], paho: ["client.tls_set()"] };
  return {
    comment: [`# Over TLS, checked against the hub's CA: curl -so ${CA_FILE_NAME} ${caUrl}`],
    mosquitto: ` --cafile ${CA_FILE_NAME}`,
    mqttjsImport: [`import { readFileSync } from "node:fs";`],
    mqttjs: [`  ca: readFileSync(${JSON.stringify(CA_FILE_NAME)}),`],
    paho: [`client.tls_set(ca_certs=${JSON.stringify(CA_FILE_NAME)})`],
  };
}

function mqttSnippets(options: {
  deviceId: string;
  mqttUrl: string;
  accessKey?: string;
  caUrl?: string | undefined;
}): Snippet[] {
  const { deviceId: id } = options;
  const key = options.accessKey || KEY_PLACEHOLDER;
  const mqtt = new URL(options.mqttUrl);
  const host = mqtt.hostname;
  const port = mqtt.port || (mqtt.protocol === "mqtts:" ? "8883" : "1883");
  const prefix = deviceTopicPrefix(id);
  const telemetry = JSON.stringify(TELEMETRY);
  const tls = tlsLines(options.mqttUrl, options.caUrl);
  const connect = `-V mqttv5 -h ${host} -p ${port}${tls.mosquitto} -i ${id} -u ${id} -P ${shellQuoted(key)}`;
  return [
    {
      id: "mosquitto",
      label: "mosquitto_sub / mosquitto_pub",
      code: [
        ...tls.comment,
        `# Wait for commands (MQTT v5). One connection per device: a second one with the same id replaces it.`,
        `mosquitto_sub ${connect} -t '${prefix}/commands' -q 1 -v`,
        `# Publish telemetry`,
        `mosquitto_pub ${connect} -t '${prefix}/telemetry' -q 1 -m '${telemetry}'`,
      ].join("\n"),
    },
    {
      id: "mqttjs",
      label: "MQTT.js (Node)",
      code: [
        ...tls.comment.map((line) => line.replace(/^#/, "//")),
        ...tls.mqttjsImport,
        `import mqtt from "mqtt";`,
        ``,
        `const client = await mqtt.connectAsync(${JSON.stringify(options.mqttUrl)}, {`,
        ...tls.mqttjs,
        `  protocolVersion: 5,`,
        `  clientId: ${JSON.stringify(id)},`,
        `  username: ${JSON.stringify(id)},`,
        `  password: ${JSON.stringify(key)},`,
        `});`,
        `await client.subscribeAsync(${JSON.stringify(`${prefix}/commands`)}, { qos: 1 });`,
        `await client.publishAsync(${JSON.stringify(`${prefix}/telemetry`)}, JSON.stringify(${JSON.stringify(TELEMETRY)}), { qos: 1 });`,
        `console.log("published");`,
        `await client.endAsync();`,
      ].join("\n"),
    },
    {
      id: "paho",
      label: "Python paho-mqtt 2",
      code: [
        ...tls.comment,
        `import json`,
        `import paho.mqtt.client as mqtt`,
        ``,
        `client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=${JSON.stringify(id)}, protocol=mqtt.MQTTv5)`,
        ...tls.paho,
        `client.username_pw_set(${JSON.stringify(id)}, ${JSON.stringify(key)})`,
        `client.connect(${JSON.stringify(host)}, ${port})`,
        `client.loop_start()`,
        `client.subscribe(${JSON.stringify(`${prefix}/commands`)}, qos=1)`,
        `client.publish(${JSON.stringify(`${prefix}/telemetry`)}, json.dumps(${JSON.stringify(TELEMETRY)}), qos=1).wait_for_publish()`,
        `client.loop_stop()`,
        `client.disconnect()`,
      ].join("\n"),
    },
  ];
}

function httpSnippets(options: { deviceId: string; hubUrl: string; accessKey?: string }): Snippet[] {
  const base = `${options.hubUrl}/v1/devices/${options.deviceId}`;
  const auth = `-H ${shellQuoted(`Authorization: ${options.accessKey || KEY_PLACEHOLDER}`)}`;
  const json = `-H 'Content-Type: application/json'`;
  return [
    {
      id: "http-telemetry",
      label: "curl: telemetry",
      code: [
        `# Send telemetry; the answer says what waits for the device (config_version, command).`,
        `curl -s -X POST ${base}/telemetry ${auth} ${json} -d '${JSON.stringify(TELEMETRY)}'`,
      ].join("\n"),
    },
    {
      id: "http-command",
      label: "curl: a command",
      code: [
        `# Fetch the oldest command waiting (404 when none), then say how it went, with its id.`,
        `curl -s ${base}/command ${auth}`,
        `curl -s -X POST ${base}/command ${auth} ${json} -d '{"id": "<COMMAND_ID>", "status": "in_progress"}'`,
        `curl -s -X POST ${base}/command ${auth} ${json} -d '{"id": "<COMMAND_ID>", "status": "done", "message": "rebooted"}'`,
      ].join("\n"),
    },
    {
      id: "http-config",
      label: "curl: the config",
      code: [
        `# Fetch the desired config, apply it, then report the version applied.`,
        `curl -s ${base}/config ${auth}`,
        `curl -s -X POST ${base}/config ${auth} ${json} -d '{"version": <VERSION>, "config": {}}'`,
      ].join("\n"),
    },
  ];
}
