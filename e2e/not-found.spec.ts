import { expect, test } from "./fixtures/test";
import { signUp } from "./fixtures/partners";

test("[PAGES]: an unknown address shows the not-found page with status 404 and a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Partner Hub");
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Go to the overview" }).click();
  // Signed out, the overview sends you on to sign in.
  await expect(page).toHaveURL(/\/sign-in/);
});

test("[PAGES]: another partner's or an unknown model is the same 404; the way back leads to the overview", async ({
  page,
}) => {
  await signUp(page, undefined, { land: false });
  const response = await page.goto("/models/mdl_doesnotexist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Go to the overview" }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
});

test("[PAGES]: the portal's icon is its blue P mark", async ({ page, request }) => {
  await page.goto("/sign-in");
  const href = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain('fill="#1364ce"');
});
