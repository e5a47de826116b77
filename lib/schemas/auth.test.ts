import { describe, expect, it } from "vitest";
import { signInSchema, toSameSitePath } from "./auth";

const next = (value: string) => signInSchema.parse({ email: "a@example.test", password: "x", next: value }).next;

describe("[SECURITY] the sign-in's `next` target", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(next("/devices?q=F1#top")).toBe("/devices?q=F1#top");
    expect(next("/models/mdl_1")).toBe("/models/mdl_1");
  });

  it.each([
    ["a tab before a second slash (browsers drop it)", "/\t/evil.invalid/phish"],
    ["a newline before a second slash", "/\n/evil.invalid"],
    ["a protocol-relative URL", "//evil.invalid"],
    ["a backslash, read as a slash", "/\\evil.invalid"],
    ["a backslash after a tab", "/\t\\evil.invalid"],
    ["an absolute URL", "https://evil.invalid/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["no leading slash", "evil.invalid"],
  ])("refuses %s", (_label, target) => {
    expect(toSameSitePath(target)).toBeUndefined();
    expect(next(target)).toBeUndefined();
  });

  it("normalises what it keeps to the path a browser would open", () => {
    expect(next("/a/../devices")).toBe("/devices");
  });
});
