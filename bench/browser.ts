// The benchmarks that time the portal in a browser: Debian's Chromium, signed in.
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../test/support/chromium";

/** Debian's Chromium with a page signed in to the portal as `email`, on the overview. */
export async function signedInPage(baseUrl: string, email: string, password: string) {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
  return { browser, page };
}
