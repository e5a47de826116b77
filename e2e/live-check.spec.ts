import { expect, test, type Page } from "@playwright/test";
import { addModel, signUp } from "./fixtures/partners";

async function registerDevice(page: Page, sn: string) {
  await page.getByRole("button", { name: "Create hardware key" }).click();
  await page.getByLabel("Label").fill("Line L");
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Register device" }).click();
  await page.getByLabel("Serial number").fill(sn);
  await page.getByLabel("Firmware version").fill("1.0.0");
  await page.getByRole("button", { name: "Register device" }).click();
  return (await page.getByTestId("credential-access_key").textContent()) ?? "";
}

test("[LIVE CHECK]: from registration to verified live, then a wrong key explained", async ({ page }) => {
  await signUp(page);
  await addModel(page, { name: "Live L1", protocol: "MQTT" });
  const accessKey = await registerDevice(page, "L1-1");
  await page.getByRole("link", { name: "Open the live connection check" }).click();

  await expect(page.getByLabel("Access key", { exact: true })).toHaveValue(accessKey);
  expect(page.url()).not.toContain("#key=");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText(/^Credentials verified live in \d+ ms$/)).toBeVisible();
  const steps = page.getByRole("list", { name: "Connection steps" }).locator("li");
  await expect(steps).toHaveCount(6);
  for (const step of await steps.all()) await expect(step).toHaveAttribute("data-status", "ok");
  await expect(page.locator('[data-step="connect"]')).toContainText("reason 0");
  await expect(page.locator('[data-step="subscribe"]')).toContainText("Granted QoS 1");

  await page.getByLabel("Access key", { exact: true }).fill(`${accessKey.slice(0, -4)}AAAA`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.locator('[data-step="connect"]')).toHaveAttribute("data-status", "failed");
  await expect(page.locator('[data-step="connect"]')).toContainText("reason 135");
  await expect(page.getByText("The access key does not match this device.")).toBeVisible();
});
