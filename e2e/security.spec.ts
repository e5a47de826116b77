import { expect, test } from "./fixtures/test";
import { newPartner, signUp } from "./fixtures/partners";

test("[SECURITY]: sign-in's next never leaves the site, however it is spelled", async ({ browser }) => {
  const partner = newPartner("Redirect");
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, partner);
  await owner.context().close();

  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in?next=%2F%09%2Fevil.invalid%2Fphish");
  await page.getByLabel("Email").fill(partner.email);
  await page.getByLabel("Password").fill(partner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
});

test("[SECURITY]: a cross-site server action is refused with 403, not a server error", async ({ request }) => {
  for (const origin of ["https://evil.example", "null"]) {
    const response = await request.post("/sign-in", {
      headers: { "next-action": "0123456789abcdef", origin },
      multipart: { email: "someone@example.test", password: "x" },
    });
    expect(response.status(), origin).toBe(403);
  }
});
