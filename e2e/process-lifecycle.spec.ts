import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { E2E_BUDGET } from "./fixtures/budget";
import { expect, test } from "./fixtures/test";
import { freePort } from "../test/support/free-port";

// What a container runtime or a process manager does: start `npm start`,
// later send SIGTERM to the process it started. The build is the one the
// webServer made (playwright.config.ts leaves this spec out under E2E_DEV).

type Proc = { pid: number; command: string };

/** Every live process below `root`, read from /proc (a zombie counts as gone). */
function descendants(root: number): Proc[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so read after its last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") continue;
      children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(entry)]);
    } catch {
      // Gone while we looked.
    }
  }
  const found: Proc[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        found.push({ pid: child, command: readFileSync(`/proc/${child}/cmdline`, "utf8").replaceAll("\0", " ") });
      } catch {
        continue;
      }
      walk(child);
    }
  };
  walk(root);
  return found;
}

const isAlive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
};

const isPortFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

test("[OPS]: SIGTERM to `npm start` stops the portal and its broker within seconds and frees their ports", async () => {
  test.setTimeout(E2E_BUDGET.long);
  const [port, mqttPort, mqttTlsPort] = [await freePort(), await freePort(), await freePort()];
  const database = `.tmp/e2e-sigterm-${Date.now()}.db`;
  const npm = spawn("npm", ["start"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: `file:${database}`,
      HUB_DATA_DIR: `${database}.hub`,
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MQTT_HOST: "127.0.0.1",
      MQTT_PORT: String(mqttPort),
      MQTT_TLS_PORT: String(mqttTlsPort),
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      KEY_HASH_SECRET: randomBytes(32).toString("base64url"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  npm.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  npm.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let started: Proc[] = [];
  try {
    await expect
      .poll(() => log, { timeout: E2E_BUDGET.scaled(90_000), message: "the portal says it is ready" })
      .toContain("ready on");
    started = descendants(npm.pid!);
    // Both run below npm, or the test would prove nothing.
    expect(started.map((p) => p.command).join("\n")).toMatch(/server\.ts/);
    expect(started.map((p) => p.command).join("\n")).toMatch(/mosquitto -c/);
    expect(started.map((p) => p.command).join("\n")).toMatch(/relay-process-main\.ts/);

    const signalledAt = Date.now();
    npm.kill("SIGTERM");
    // A clean stop takes well under a second here; the bound is what a
    // process manager would wait before it kills (scaled for slower machines).
    const bound = E2E_BUDGET.scaled(8_000);
    const exit = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), bound))]);
    expect(exit, `npm start still running ${bound} ms after SIGTERM:\n${log}`).not.toBeNull();
    // Everything it started is gone with it: no orphan keeps serving or holds a port.
    await expect
      .poll(() => started.filter((p) => isAlive(p.pid)).map((p) => p.command), { timeout: E2E_BUDGET.scaled(2_000) })
      .toEqual([]);
    expect(Date.now() - signalledAt).toBeLessThan(bound);
    expect(await isPortFree(port)).toBe(true);
    expect(await isPortFree(mqttPort)).toBe(true);
    expect(await isPortFree(mqttTlsPort)).toBe(true);
    // A clean stop: the portal handled the signal itself (flushed, stopped its broker) rather than being killed.
    expect(log).toContain("SIGTERM: shutting down");
    expect(exit).toEqual({ code: 0, signal: null });
  } finally {
    // Whatever failed above, nothing this test started outlives it.
    for (const p of [...started, { pid: npm.pid!, command: "npm" }]) if (isAlive(p.pid)) process.kill(p.pid, "SIGKILL");
  }
});
