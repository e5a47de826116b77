import { E2E_BUDGET } from "./fixtures/budget";
import { expect, test } from "./fixtures/test";
import { addMember } from "./fixtures/members";
import { signUp } from "./fixtures/partners";

test("[API TOKENS]: an admin creates a token shown once, scripts use it, its last use shows, and revoking it ends it", async ({
  page,
  browser,
  request,
}) => {
  test.slow(); // three accounts, two mail round trips
  await signUp(page);
  const admin = await addMember(page, browser, "admin", "Ada Admin");
  const developer = await addMember(page, browser, "developer", "Dev Eloper");

  await admin.goto("/api-tokens");
  await admin.getByRole("button", { name: "Create token" }).click();
  const form = admin.getByRole("dialog", { name: "Create API token" });
  await form.getByLabel("Name").fill("Inventory script");
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("Expires after (days, optional)").fill("30");
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = admin.getByRole("dialog", { name: "Token created" });
  const secret = (await shown.getByTestId("api-token-secret").textContent()) ?? "";
  expect(secret).toMatch(/^pht_/);
  await expect(shown.getByRole("status")).toContainText("won't be shown again");
  await shown.getByRole("button", { name: "Done" }).click();

  const row = admin.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /Inventory script/ });
  await expect(row).toContainText("viewer");
  await expect(row).toContainText("Active");
  // The secret is not on the page any more: only its prefix.
  await expect(admin.getByText(secret)).toHaveCount(0);
  const lastUsed = row.getByRole("cell").nth(5);
  await expect(lastUsed).toHaveText("Never");

  // A script calls the management API with it, and may do what a viewer may.
  const auth = { authorization: `Bearer ${secret}` };
  const models = await request.get("/api/v1/models", { headers: auth });
  expect(models.status()).toBe(200);
  expect(await models.json()).toMatchObject({ data: [], next_cursor: null });
  const create = await request.post("/api/v1/models", {
    headers: auth,
    data: { name: "Nope", device_type: "PHYSICAL", offline_threshold_minutes: 10, communication_protocol: "MQTT" },
  });
  expect(create.status()).toBe(403);

  await expect(async () => {
    await admin.reload();
    await expect(lastUsed).not.toHaveText("Never", { timeout: E2E_BUDGET.scaled(1_000) });
  }).toPass();

  await row.getByRole("button", { name: "Revoke Inventory script" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await request.get("/api/v1/models", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });

  // A developer sees the tokens but none of the page's controls.
  await developer.goto("/api-tokens");
  await expect(developer.getByRole("table", { name: "API tokens" })).toContainText("Inventory script");
  await expect(developer.getByRole("button", { name: "Create token" })).toHaveCount(0);
  await expect(developer.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
});
