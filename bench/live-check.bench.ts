// The live connection check, click to "verified" (all six steps), in headless
// Chromium against the production portal on loopback, 30 runs; and the same
// MQTT steps (connect, subscribe, publish QoS 1, receive) from a bare Node
// MQTT.js client over TCP as the floor. Target: p50 <= 60 ms, p95 <= 150 ms.
import { chromium } from "@playwright/test";
import { auth } from "@/lib/server/auth";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { createPartner } from "@/lib/server/data/partners/create-partner";
import { connectDevice } from "../test/support/hub";
import { makeModel } from "../test/support/partners";
import { ms, percentile, startPortal } from "./support";

const RUNS = 30;
const email = `bench-${Date.now()}@example.test`;
const password = "bench-password-123";
const { user } = await auth.api.signUpEmail({ body: { name: "Bench", email, password } });
const partner = await createPartner({ name: "Bench Devices", ownerUserId: user.id });
const actor = { userId: user.id, label: email };
const modelId = await makeModel({ partnerId: partner.id, actor }, { protocol: "MQTT" });
const key = await createHardwareKey({ partnerId: partner.id, actor, input: { modelId, label: "bench", expectedDevices: null } });

const portal = await startPortal();
const registration = await fetch(`${portal.baseUrl}/v1/devices`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ sn: "LIVE-1", firmware_version: "1.0.0", hardware_key: key.secret }),
});
const device = (await registration.json()) as { id: string; access_key: string };

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage();
await page.goto(`${portal.baseUrl}/sign-in`);
await page.getByLabel("Email").fill(email);
await page.getByLabel("Password").fill(password);
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
await page.goto(`${portal.baseUrl}/devices/${device.id}`);
await page.getByLabel("Access key", { exact: true }).fill(device.access_key);

const clicked: number[] = [];
const perStep = new Map<string, number[]>();
const reported: number[] = [];
const verified = page.getByText(/^Credentials verified live in \d+ ms$/);
for (let i = 0; i < RUNS + 2; i++) {
  const t0 = performance.now();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await verified.waitFor({ timeout: 10_000 });
  const elapsed = performance.now() - t0;
  const text = (await verified.textContent()) ?? "";
  if (i >= 2) {
    for (const row of await page.locator("[data-step]").all()) {
      const step = (await row.getAttribute("data-step")) ?? "?";
      const value = Number(await row.getAttribute("data-ms"));
      perStep.set(step, [...(perStep.get(step) ?? []), value]);
    }
    clicked.push(elapsed);
    reported.push(Number(/(\d+) ms/.exec(text)?.[1]));
  }
}
await browser.close();

// The floor: the same MQTT steps, bare MQTT.js over TCP.
const floor: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const { client } = await connectDevice(`mqtt://127.0.0.1:${portal.mqttPort}`, device.id, device.access_key);
  const topic = `v1/device/${device.id}/telemetry`;
  const echoed = new Promise((resolve) => client!.once("message", resolve));
  await client!.subscribeAsync(`v1/device/${device.id}/#`, { qos: 1 });
  await client!.publishAsync(topic, "{}", { qos: 1 });
  await echoed;
  floor.push(performance.now() - t0);
  await client!.endAsync();
}
await portal.stop();

console.log(`\nlive connection check, ${RUNS} runs (headless Chromium, production portal, loopback)`);
console.log(`  panel (6 steps)      p50 ${ms(percentile(reported, 50))}, p95 ${ms(percentile(reported, 95))} (as the panel reports it)`);
console.log(`  click → verified     p50 ${ms(percentile(clicked, 50))}, p95 ${ms(percentile(clicked, 95))} (Playwright, includes its polling)`);
console.log(`  Node MQTT.js TCP     p50 ${ms(percentile(floor, 50))}, p95 ${ms(percentile(floor, 95))} (steps 2-5, the floor)`);
console.log(`  per step p50         ${[...perStep].map(([step, values]) => `${step} ${percentile(values, 50).toFixed(1)}`).join(", ")}`);
console.log(`  ratio panel / floor  ${(percentile(reported, 50) / percentile(floor, 50)).toFixed(1)}× at p50`);
process.exit(0);
