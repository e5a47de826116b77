import { expect, test } from "./fixtures/test";
import type { Page } from "@playwright/test";
import { seedHardwareKey, seedModel, signUp, type ModelInput } from "./fixtures/partners";

/** A model with a hardware key, and its registration screen open. */
async function openRegistration(page: Page, model: ModelInput, keyLabel: string): Promise<void> {
  const modelId = await seedModel(page, model);
  await seedHardwareKey(page, modelId, keyLabel);
  await page.goto(`/models/${modelId}/devices/new`);
}

test("[DEVICES]: register from the screen, see the credentials once, and the device in the list", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  await openRegistration(page, { name: "Thermostat T9", protocol: "MQTT" }, "Line A");

  await page.getByLabel("Serial number").fill("T9-000123");
  await page.getByLabel("Firmware version").fill("2.0.1");
  await page.getByLabel("MAC address (optional)").fill("aa-bb-cc-dd-ee-09");
  await page.getByLabel("Details (optional JSON object)").fill('{"floor": 3}');
  await page.getByRole("button", { name: "Register device" }).click();

  const card = page.getByRole("region", { name: "Device registered" });
  await expect(card).toBeVisible();
  await expect(card.getByText("won't be shown again")).toBeVisible();
  const id = (await card.getByTestId("credential-id").textContent()) ?? "";
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await expect(card.getByTestId("credential-access_key")).toHaveText(/^pdk_[A-Za-z0-9_-]{43}$/);
  await expect(card.getByTestId("credential-mqtt_hub_url")).toHaveText(/^mqtts:\/\/[^:]+:\d+$/);
  await expect(card.getByRole("button", { name: "Copy Access key" })).toBeVisible();

  await page.getByRole("link", { name: "Back to the model" }).click();
  const row = page.getByRole("table", { name: "Devices" }).getByRole("row", { name: /T9-000123/ });
  await expect(row).toHaveAttribute("data-device-id", id);
  await expect(row).toContainText(id.slice(0, 8));
  await expect(row).toContainText("Never connected");
});

test("[DEVICES]: an error only the API can know appears under its field", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  await openRegistration(page, { name: "Meter M9", protocol: "HTTP" }, "Line B");
  for (let i = 0; i < 2; i++) {
    if (i === 1) await page.getByRole("button", { name: "Register another device" }).click();
    await page.getByLabel("Serial number").fill("M9-1");
    await page.getByLabel("Firmware version").fill("1.0.0");
    await page.getByRole("button", { name: "Register device" }).click();
  }
  await expect(page.locator("#device-sn-error")).toHaveText("already registered for this model");
  await expect(page.getByLabel("Serial number")).toHaveValue("M9-1");

  await page.getByLabel("Firmware version").fill("1.0");
  await page.getByRole("button", { name: "Register device" }).click();
  await expect(page.locator("#device-firmware-error")).toHaveText("must be SemVer like 1.2.3");
});

test("[DEVICES]: bulk CSV with a bad row: progress, the good rows created, the bad one reported, nothing twice", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  await openRegistration(page, { name: "Sensor S9", protocol: "MQTT" }, "Line C");
  const csv = "sn,firmware_version,mac,name\nS9-1,1.0.0,aa:bb:cc:dd:ee:01,Hall\nS9-2,not-semver,,\nS9-3,1.0.1,,\n";
  const upload = () =>
    page.getByLabel("CSV file").setInputFiles({ name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const bulk = page.getByRole("region", { name: "Bulk registration from CSV" });

  await upload();
  await expect(bulk.getByText("2 valid rows, 1 invalid.")).toBeVisible();
  const invalid = bulk.getByRole("table", { name: "Invalid rows (not sent)" });
  await expect(invalid.getByRole("row", { name: /S9-2/ })).toContainText("firmware_version: must be SemVer like 1.2.3");
  await bulk.getByRole("button", { name: "Register 2 devices" }).click();
  await expect(bulk.getByRole("progressbar", { name: "Registration progress" })).toHaveAttribute("aria-valuenow", "2");
  await expect(bulk.getByText("2 registered, 0 failed.")).toBeVisible();
  const download = page.waitForEvent("download");
  await bulk.getByRole("link", { name: /Download the credentials/ }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const lines = readFileSync(file, "utf8").trim().split("\r\n");
  expect(lines[0]).toBe("sn,id,access_key,mqtt_hub_url,hub_url,hub_url_static_cert");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["S9-1", "S9-3"]);
  expect(lines[1]).toMatch(/,pdk_[A-Za-z0-9_-]{43},mqtts:\/\//);

  await page.reload();
  await upload();
  await bulk.getByRole("button", { name: "Register 2 devices" }).click();
  await expect(bulk.getByText("0 registered, 2 failed.")).toBeVisible();
  await expect(bulk.getByRole("table", { name: "Failed rows" }).getByRole("row", { name: /S9-1/ })).toContainText(
    /already registered for this model/,
  );
  await page.goto(page.url().replace(/\/devices\/new$/, ""));
  await expect(page.getByRole("table", { name: "Devices" }).getByRole("row")).toHaveCount(3);
});
