import { expect, test } from "./fixtures/test";
import { newPartner, signUp, signUpInForm } from "./fixtures/partners";
import { mailTo } from "./fixtures/mail";

test("[AUTH]: sign up creates the partner, sign out ends the session, sign in resumes it", async ({ page }) => {
  const partner = await signUpInForm(page);
  await expect(page.getByText(partner.company, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Start with a device model" })).toBeVisible();

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("session_token"));
  expect(session?.httpOnly).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/models");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill(partner.email);
  await page.getByLabel("Password").fill("wrong-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/email or password is incorrect/i)).toBeVisible();

  await page.getByLabel("Password").fill(partner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
});

test("[AUTH]: sign-up validates its fields and answers a taken email as any other, telling its owner by mail", async ({
  page,
}) => {
  const partner = await signUp(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  // Sign-out's redirect lands first: arriving after the next navigation, it would replace it.
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Your name is required")).toBeVisible();
  await expect(page.getByText("Company name is required")).toBeVisible();

  const again = { ...newPartner(), email: partner.email };
  await page.getByLabel("Your name").fill(again.name);
  await page.getByLabel("Company name").fill(again.company);
  await page.getByLabel("Work email").fill(again.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/at least 10 characters/i).first()).toBeVisible();

  await page.getByLabel("Password").fill(again.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `We emailed ${partner.email} a link to finish signing up. If the address has an account already, the email says so instead.`,
  );
  const mail = await mailTo(partner.email, "You already have a Partner Hub account");
  expect(mail.text).toContain("Nothing was changed.");
});

test("[AUTH]: after 10 wrong passwords the sign-in form says when to try again, even for the right one", async ({
  page,
}) => {
  const partner = await signUp(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email").fill(partner.email);
  // Each attempt's answer (the server action's POST) arrives before the next is made.
  const attempt = async (password: string) => {
    await page.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/sign-in"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
  };
  const message = page.getByRole("main").getByRole("alert");
  for (let i = 0; i < 10; i++) {
    await attempt(`wrong-password-${i}`);
    await expect(message).toHaveText("Email or password is incorrect.");
  }
  await attempt(partner.password);
  await expect(message).toHaveText("Too many attempts; try again in 15 minutes.");
  await expect(page).toHaveURL(/\/sign-in/);
});
