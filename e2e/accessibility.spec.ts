import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { openDevice, openModel, seedDevice, signUp } from "./fixtures/partners";

// WCAG 2.1 A and AA, as axe-core checks them, on every screen of the portal.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// Without motion the toasts and dialogs are checked as they settle, not half
// faded in (axe blends a fading element's colours with what is behind it).
test.use({ reducedMotion: "reduce" });

/** Every screen's violations are reported (soft), and any fails the test. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  // After a server action Next.js streams the page's metadata again, and its
  // <title> can go and come back more than once: a check that met one such
  // gap (document-title) is run again once the title is back, up to 3 times.
  let violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    await expect(page).toHaveTitle(/Partner Hub$/);
    // Legacy mode runs axe in the page itself. The default one finishes each
    // scan in a new blank page (a new renderer), ~40% of the scan's time, for
    // cross-origin frames the portal does not have.
    ({ violations } = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode().analyze());
    if (!violations.some((v) => v.id === "document-title")) break;
  }
  const found = violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect.soft(found, screen).toEqual([]);
}

/** Registers a device on the open model page (which has a hardware key) and opens its page. */
async function registerDevice(page: Page, sn: string): Promise<void> {
  await page.getByRole("link", { name: "Register device" }).click();
  await expect(page.getByRole("heading", { name: "Register device", level: 1 })).toBeVisible();
  await expectAccessible(page, "register-device page");
  await page.getByLabel("Serial number").fill(sn);
  await page.getByLabel("Firmware version").fill("1.0.0");
  await page.getByRole("button", { name: "Register device" }).click();
  await expect(page.getByTestId("credential-access_key")).toBeVisible();
  await expectAccessible(page, "register-device page with the new device's credentials");
  await page.getByRole("link", { name: "Open the live connection check" }).click();
  await expect(page.getByTestId("device-id")).toBeVisible();
}

// Screens before sign-in, one test each, in one browser page: a fresh
// context for each would load and compile the portal's scripts again. In
// order ("default" mode), so a failure does not skip the others.
test.describe("[A11Y]: screens before sign-in", () => {
  test.describe.configure({ mode: "default" });
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await (await browser.newContext({ reducedMotion: "reduce" })).newPage();
  });
  test.afterAll(async () => page.context().close());

  for (const [screen, url] of [
    ["sign-in", "/sign-in"],
    ["sign-up", "/sign-up"],
    ["forgot password", "/forgot-password"],
    // better-auth checked the emailed token before redirecting here; the page shows the form for any.
    ["set a new password", "/reset-password?token=checked-when-submitted"],
    ["reset link no longer valid", "/reset-password?error=INVALID_TOKEN"],
    ["404", "/no-such-page"],
  ] as const) {
    test(`the ${screen} screen passes axe's WCAG 2.1 AA checks`, async () => {
      await page.goto(url);
      await expectAccessible(page, screen);
    });
  }
});

// Screens of a signed-in partner, one test each, in the order a partner meets
// them: one browser page goes through them all, so each test starts where the
// one before left it (serial: after a failure, the rest are skipped).
test.describe("[A11Y]: a partner's screens", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await (await browser.newContext({ reducedMotion: "reduce" })).newPage();
  });
  test.afterAll(async () => page.context().close());

  test("overview (empty)", async () => {
    await signUp(page);
    await expectAccessible(page, "overview (empty)");
  });

  test("models (empty) and the add-model dialog", async () => {
    await page.goto("/models");
    await expect(page.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();
    await expectAccessible(page, "models (empty)");
    await page.getByRole("button", { name: /add (your first )?model/i }).click();
    await expect(page.getByRole("dialog", { name: "Add model" })).toBeVisible();
    await expectAccessible(page, "add-model dialog");
    await page.keyboard.press("Escape");
  });

  test("device page of an HTTP model, after its check, with an incident, a dump, an event and a child", async () => {
    const device = await seedDevice(page, { name: "A11y HTTP", protocol: "HTTP" }, "AH-1");
    // What a device's records look like when it has some (Xyte's incidents, dumps, events, children).
    const headers = { authorization: device.access_key };
    const base = `/v1/devices/${device.id}`;
    const calls = [
      page.request.post(`${base}/incidents`, {
        headers,
        data: { title: "Fan stalled", issue: "fan_stall", priority: "high", description: "Fan 2 reads 0 rpm" },
      }),
      page.request.post(`${base}/dumps/text%2Fplain/agent.log`, { headers, data: "boot ok\n" }),
      page.request.post(`${base}/events`, { headers, data: { name: "door_opened", category: "security" } }),
      page.request.post(`${base}/children`, {
        headers,
        data: { model_id: device.modelId, firmware_version: "1.0.0", name: "Door sensor" },
      }),
    ];
    for (const answer of await Promise.all(calls)) expect(answer.status()).toBeLessThan(300);
    await openDevice(page, device);
    await expect(page.getByRole("table", { name: "Open incidents" })).toContainText("Fan stalled");
    await expect(page.getByRole("link", { name: "Door sensor" })).toBeVisible();
    await page.getByRole("button", { name: "Send test telemetry" }).click();
    await expect(page.getByText(/^HTTP 200 in \d+ ms/)).toBeVisible();
    await expectAccessible(page, "device page (HTTP, after the check, with records)");
  });

  test("model page without keys, and the create-hardware-key dialog", async () => {
    await openModel(page, { name: "A11y MQTT", protocol: "MQTT" });
    await expectAccessible(page, "model page (no keys, no devices)");
    await page.getByRole("button", { name: "Create hardware key" }).click();
    const create = page.getByRole("dialog", { name: "Create hardware key" });
    await expect(create).toBeVisible();
    await expectAccessible(page, "create-hardware-key dialog");
    await create.getByLabel("Label").fill("Line M");
    await create.getByRole("button", { name: "Create key" }).click();
  });

  test("the shown-once hardware key, and the model page with a key", async () => {
    const shown = page.getByRole("dialog", { name: "Hardware key created" });
    await expect(shown.getByTestId("hardware-key-secret")).toBeVisible();
    await expectAccessible(page, "hardware-key dialog (the shown-once secret)");
    await shown.getByRole("button", { name: "Done" }).click();
    await expectAccessible(page, "model page (with a key)");
  });

  test("register-device page, before and after", async () => {
    await registerDevice(page, "AM-1");
  });

  test("device page of an MQTT model, before and after the live check", async () => {
    await expectAccessible(page, "device page (MQTT)");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByText(/^Credentials verified live in \d+ ms$/)).toBeVisible();
    await expectAccessible(page, "device page (MQTT, verified live)");
  });

  test("models, and a model page with a device", async () => {
    await page.goto("/models");
    await expect(page.getByRole("link", { name: "A11y MQTT" })).toBeVisible();
    await expectAccessible(page, "models (with models)");
    await page.getByRole("link", { name: "A11y MQTT" }).click();
    await expect(page.getByRole("heading", { name: "A11y MQTT", level: 1 })).toBeVisible();
    await expectAccessible(page, "model page (with a device)");
  });

  test("the upload-firmware dialog, a new rollout, and the rollout's page", async () => {
    await page.getByRole("button", { name: "Upload firmware" }).click();
    const dialog = page.getByRole("dialog", { name: "Upload firmware" });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, "upload-firmware dialog");
    await dialog.getByLabel("File", { exact: true }).setInputFiles({
      name: "a11y-2.0.0.bin",
      mimeType: "application/octet-stream",
      buffer: Buffer.from("firmware 2.0.0 ".repeat(100)),
    });
    await dialog.getByLabel("Version").fill("2.0.0");
    await dialog.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expectAccessible(page, "model page (with a firmware file)");
    await page.getByRole("link", { name: "Roll out 2.0.0" }).click();
    await expect(page.getByTestId("target-size")).toHaveText("This rollout would update 1 device.");
    await expectAccessible(page, "new rollout");
    await page.getByRole("button", { name: "Start rollout" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Firmware 2\.0\.0/ })).toBeVisible();
    await expectAccessible(page, "rollout page (running)");
  });

  test("devices, and the overview with devices", async () => {
    await page.goto("/devices");
    await expect(page.getByRole("heading", { name: "Devices", level: 1 })).toBeVisible();
    await expectAccessible(page, "devices");
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    await expectAccessible(page, "overview (with devices)");
    await page.goto("/no-such-page");
    await expectAccessible(page, "404 (signed in)");
  });
});
