import { expect, test } from "./fixtures/test";
import { mailTo } from "./fixtures/mail";
import { signUp } from "./fixtures/partners";

test("[ACCOUNT]: a forgotten password is reset through an emailed single-use link that ends every session", async ({
  page,
  browser,
}) => {
  test.slow(); // an account, a real SMTP round trip and three sign-ins
  const partner = await signUp(page);

  // Another browser, signed out, asks for the link from sign-in.
  const other = await (await browser.newContext()).newPage();
  await other.goto("/sign-in");
  await other.getByRole("link", { name: "Forgot password?" }).click();
  await expect(other.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await other.getByLabel("Email").fill(partner.email);
  await other.getByRole("button", { name: "Email me a link" }).click();
  await expect(other.getByRole("status")).toContainText(`If an account uses ${partner.email}, we emailed it a link`);

  const mail = await mailTo(partner.email, "Set a new Partner Hub password");
  const link = /https?:\/\/\S+\/reset-password\/\S+/.exec(mail.text)?.[0];
  expect(link).toBeDefined();
  await other.goto(link!);
  await expect(other.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await other.getByLabel("New password").fill("short");
  await other.getByRole("button", { name: "Set password" }).click();
  await expect(other.getByText("Use at least 10 characters")).toBeVisible();
  await other.getByLabel("New password").fill("a-brand-new-password");
  await other.getByRole("button", { name: "Set password" }).click();
  await expect(other.getByRole("status")).toContainText("Your password was changed and every session ended");

  // The first browser's session ended with the reset.
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);

  await other.getByLabel("Email").fill(partner.email);
  await other.getByLabel("Password").fill(partner.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await other.getByLabel("Password").fill("a-brand-new-password");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();

  // The link worked once.
  await other.goto(link!);
  await expect(other.getByRole("heading", { name: "This reset link is no longer valid" })).toBeVisible();
});
