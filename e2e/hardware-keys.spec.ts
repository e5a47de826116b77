import { expect, test } from "./fixtures/test";
import { openModel, signUp } from "./fixtures/partners";

test("[HARDWARE KEYS]: the secret is shown once, then only its masked prefix", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  await openModel(page, { name: "Camera C1", protocol: "MQTT" });
  await page.getByRole("button", { name: "Create hardware key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create hardware key" });
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Label is required")).toBeVisible();
  await dialog.getByLabel("Label").fill("Batch 2026-11");
  await dialog.getByLabel("Expected device count (optional)").fill("500");
  await dialog.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByRole("dialog", { name: "Hardware key created" });
  const secret = (await shown.getByTestId("hardware-key-secret").textContent()) ?? "";
  expect(secret).toMatch(/^phk_[A-Za-z0-9_-]{40,}$/);
  await expect(shown.getByText("won't be shown again")).toBeVisible();
  await expect(shown.getByRole("button", { name: "Copy hardware key" })).toBeVisible();
  await shown.getByRole("button", { name: "Done" }).click();

  const row = page.getByRole("table", { name: "Hardware keys" }).getByRole("row", { name: /Batch 2026-11/ });
  await expect(row).toContainText(`${secret.slice(0, 10)}••••`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("0 / 500");
  await page.reload();
  await expect(page.getByRole("table", { name: "Hardware keys" })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
});

test("[HARDWARE KEYS]: revoking asks for confirmation and marks the key revoked", async ({ page }) => {
  await signUp(page, undefined, { land: false });
  await openModel(page, { name: "Lock L7", protocol: "HTTP" });
  await page.getByRole("button", { name: "Create hardware key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create hardware key" });
  await dialog.getByLabel("Label").fill("Pilot run");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog", { name: "Hardware key created" }).getByRole("button", { name: "Done" }).click();

  const row = page.getByRole("row", { name: /Pilot run/ });
  await row.getByRole("button", { name: "Revoke Pilot run" }).click();
  const confirm = page.getByRole("alertdialog", { name: 'Revoke "Pilot run"?' });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: "Revoke Pilot run" }).click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
});
