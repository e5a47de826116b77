import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/database/db";
import { connectSnippets, KEY_PLACEHOLDER } from "@/lib/devices/connect-snippets";
import { body, call, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";
import { scaled } from "./support/slowdown";

const run = promisify(execFile);
const running = useRunningTestHub();

async function device() {
  const model = await modelWithKey("MQTT");
  const { json } = await call("register", body(model.hardwareKey));
  return { id: json.id as string, accessKey: json.access_key as string };
}

describe("[DEVICES] connect snippets run against the real hub", () => {
  it("the key is a placeholder unless given", async () => {
    const { id } = await device();
    const snippets = connectSnippets({
      deviceId: id,
      protocol: "MQTT",
      mqttUrl: running.current.url,
      hubUrl: "http://127.0.0.1:3000",
    });
    expect(snippets.map((s) => s.id)).toEqual(["mosquitto", "mqttjs", "paho", "curl"]);
    expect(snippets.filter((s) => s.code.includes(KEY_PLACEHOLDER)).map((s) => s.id)).toEqual([
      "mosquitto",
      "mqttjs",
      "paho",
    ]);
  });

  it("mosquitto_sub receives a command and mosquitto_pub's telemetry reaches the portal, both as written", async () => {
    const { id, accessKey } = await device();
    const lines = connectSnippets({
      deviceId: id,
      protocol: "MQTT",
      mqttUrl: running.current.url,
      hubUrl: "",
      accessKey,
    })
      .find((s) => s.id === "mosquitto")!
      .code.split("\n")
      .filter((line) => !line.startsWith("#"));
    const [sub, pub] = lines;
    const listener = spawn("bash", ["-c", `${sub!} -C 1 -W 10`]);
    let output = "";
    listener.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect
      .poll(async () => (await db.device.findUniqueOrThrow({ where: { id } })).isConnected, { timeout: scaled(5_000) })
      .toBe(true);
    // Connected is logged at CONNECT, before the SUBSCRIBE lands: repeat until one arrives.
    const exited = new Promise((resolve) => listener.once("exit", resolve));
    let hasExited = false;
    void exited.then(() => (hasExited = true));
    while (!hasExited) {
      await running.current.hub.publishToDevice(id, "commands", '{"reboot": false}');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 200))]);
    }
    expect(output.trim()).toBe(`v1/device/${id}/commands {"reboot": false}`);

    await expect
      .poll(async () => (await db.device.findUniqueOrThrow({ where: { id } })).isConnected, { timeout: scaled(5_000) })
      .toBe(false);
    const seenBefore = (await db.device.findUniqueOrThrow({ where: { id } })).lastSeenAt!.getTime();
    await new Promise((r) => setTimeout(r, 20));
    await run("bash", ["-c", pub!]);
    await expect
      .poll(async () => (await db.device.findUniqueOrThrow({ where: { id } })).lastSeenAt!.getTime(), {
        timeout: scaled(5_000),
      })
      .toBeGreaterThan(seenBefore);
  });

  it("an HTTP model's device gets HTTP snippets only: telemetry, a command, the config", () => {
    const snippets = connectSnippets({
      deviceId: "d",
      protocol: "HTTP",
      mqttUrl: running.current.url,
      hubUrl: "https://hub.example.com",
      accessKey: "pdk_x",
    });
    expect(snippets.map((s) => s.id)).toEqual(["http-telemetry", "http-command", "http-config", "curl"]);
    expect(snippets.some((s) => /mqtt|mosquitto/i.test(s.code))).toBe(false);
    expect(snippets[0]!.code).toContain(
      "curl -s -X POST https://hub.example.com/v1/devices/d/telemetry -H 'Authorization: pdk_x'",
    );
  });

  it("the MQTT.js snippet connects, subscribes and publishes", async () => {
    const { id, accessKey } = await device();
    const code = connectSnippets({
      deviceId: id,
      protocol: "MQTT",
      mqttUrl: running.current.url,
      hubUrl: "",
      accessKey,
    }).find((s) => s.id === "mqttjs")!.code;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], { timeout: scaled(10_000) });
    expect(stdout.trim()).toBe("published");
  });
});
