import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { newPartner, openModel, seedHardwareKeyWithId, seedModel, signUp } from "./fixtures/partners";

async function partnerPage(browser: Browser, label: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, newPartner(label));
  return page;
}

test("[TENANCY]: a partner cannot open, edit or revoke another partner's model and keys", async ({ browser }) => {
  const alice = await partnerPage(browser, "Alice");
  const aliceModelId = await seedModel(alice, { name: "Alice Secret Model", protocol: "MQTT" });
  const { id: aliceKeyId } = await seedHardwareKeyWithId(alice, aliceModelId, "Alice batch");
  expect(aliceKeyId).toMatch(/^hk_/);

  const bob = await partnerPage(browser, "Bob");
  await expect(bob.getByText("Alice Secret Model")).toHaveCount(0);
  const response = await bob.goto(`/models/${aliceModelId}`);
  expect(response?.status()).toBe(404);
  await expect(bob.getByText("Alice Secret Model")).toHaveCount(0);

  // Bob's own forms, with Alice's ids forged into them.
  await openModel(bob, { name: "Bob Model", protocol: "HTTP" });
  await bob.getByRole("button", { name: "Edit" }).click();
  const edit = bob.getByRole("dialog", { name: "Edit model" });
  await edit
    .locator('input[name="modelId"]')
    .evaluate((input, id) => ((input as HTMLInputElement).value = id), aliceModelId);
  await edit.getByLabel("Name").fill("Hijacked");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert")).toContainText("Model not found");
  await bob.keyboard.press("Escape");

  await bob.getByRole("button", { name: "Create hardware key" }).click();
  const create = bob.getByRole("dialog", { name: "Create hardware key" });
  await create
    .locator('input[name="modelId"]')
    .evaluate((input, id) => ((input as HTMLInputElement).value = id), aliceModelId);
  await create.getByLabel("Label").fill("Injected key");
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(create.getByRole("alert")).toContainText("Model not found");
  await bob.keyboard.press("Escape");

  await bob.getByRole("button", { name: "Create hardware key" }).click();
  await bob.getByLabel("Label").fill("Bob batch");
  await bob.getByRole("button", { name: "Create key" }).click();
  await bob.getByRole("button", { name: "Done" }).click();
  await bob
    .getByRole("row", { name: /Bob batch/ })
    .getByRole("button", { name: "Revoke Bob batch" })
    .click();
  const confirm = bob.getByRole("alertdialog");
  await confirm
    .locator('input[name="keyId"]')
    .evaluate((input, id) => ((input as HTMLInputElement).value = id ?? ""), aliceKeyId);
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm.getByRole("alert")).toContainText("Hardware key not found");

  await alice.goto(`/models/${aliceModelId}`);
  await expect(alice.getByRole("heading", { name: "Alice Secret Model", level: 1 })).toBeVisible();
  await expect(alice.getByRole("row", { name: /Alice batch/ })).toContainText("Active");
  await expect(alice.getByRole("row", { name: /Injected key/ })).toHaveCount(0);
});
