// Ready-to-run ways to connect as one device, filled with its id and URLs.
// The key stays a placeholder unless the caller passes it.
import { deviceTopicPrefix } from "../mqtt/device-topics";

export type Snippet = { id: string; label: string; code: string };

export const KEY_PLACEHOLDER = "<ACCESS_KEY>";

export function connectSnippets(options: {
  deviceId: string;
  mqttUrl: string;
  hubUrl: string;
  accessKey?: string;
}): Snippet[] {
  const { deviceId: id } = options;
  const key = options.accessKey || KEY_PLACEHOLDER;
  const mqtt = new URL(options.mqttUrl);
  const host = mqtt.hostname;
  const port = mqtt.port || (mqtt.protocol === "mqtts:" ? "8883" : "1883");
  const prefix = deviceTopicPrefix(id);
  const shellKey = `'${key.replace(/'/g, `'\\''`)}'`;
  return [
    {
      id: "mosquitto",
      label: "mosquitto_sub / mosquitto_pub",
      code: [
        `# Wait for commands (MQTT v5). One connection per device: a second one with the same id replaces it.`,
        `mosquitto_sub -V mqttv5 -h ${host} -p ${port} -i ${id} -u ${id} -P ${shellKey} -t '${prefix}/command' -q 1 -v`,
        `# Publish telemetry`,
        `mosquitto_pub -V mqttv5 -h ${host} -p ${port} -i ${id} -u ${id} -P ${shellKey} -t '${prefix}/telemetry' -q 1 -m '{"temperature": 21.5}'`,
      ].join("\n"),
    },
    {
      id: "mqttjs",
      label: "MQTT.js (Node)",
      code: [
        `import mqtt from "mqtt";`,
        ``,
        `const client = await mqtt.connectAsync(${JSON.stringify(options.mqttUrl)}, {`,
        `  protocolVersion: 5,`,
        `  clientId: ${JSON.stringify(id)},`,
        `  username: ${JSON.stringify(id)},`,
        `  password: ${JSON.stringify(key)},`,
        `});`,
        `await client.subscribeAsync(${JSON.stringify(`${prefix}/command`)}, { qos: 1 });`,
        `await client.publishAsync(${JSON.stringify(`${prefix}/telemetry`)}, JSON.stringify({ temperature: 21.5 }), { qos: 1 });`,
        `console.log("published");`,
        `await client.endAsync();`,
      ].join("\n"),
    },
    {
      id: "paho",
      label: "Python paho-mqtt 2",
      code: [
        `import json`,
        `import paho.mqtt.client as mqtt`,
        ``,
        `client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=${JSON.stringify(id)}, protocol=mqtt.MQTTv5)`,
        `client.username_pw_set(${JSON.stringify(id)}, ${JSON.stringify(key)})`,
        `client.connect(${JSON.stringify(host)}, ${port})`,
        `client.loop_start()`,
        `client.subscribe(${JSON.stringify(`${prefix}/command`)}, qos=1)`,
        `client.publish(${JSON.stringify(`${prefix}/telemetry`)}, json.dumps({"temperature": 21.5}), qos=1).wait_for_publish()`,
        `client.loop_stop()`,
        `client.disconnect()`,
      ].join("\n"),
    },
    {
      id: "curl",
      label: "curl: Register Device API",
      code: [
        `curl -s ${options.hubUrl}/v1/devices \\`,
        `  -H 'content-type: application/json' \\`,
        `  -d '{"sn": "<SERIAL>", "firmware_version": "1.0.0", "hardware_key": "<HARDWARE_KEY>"}'`,
      ].join("\n"),
    },
  ];
}
