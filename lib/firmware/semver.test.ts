import { describe, expect, it } from "vitest";
import { compareVersions, isPrerelease, versionKey } from "./semver";

describe("versionKey", () => {
  it("sorts as SemVer 2.0.0 orders precedence, from any order", () => {
    const ordered = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      // The field "alpha-x" is after "alpha" (a longer identifier it begins).
      "1.0.0-alpha-x",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.0.1",
      "1.2.0",
      "1.10.0",
      "2.0.0",
      "10.0.0",
      "123456789012345.0.0",
    ];
    const shuffled = [...ordered].sort(() => 0.5 - Math.random());
    expect(shuffled.sort((a, b) => (versionKey(a) < versionKey(b) ? -1 : 1))).toEqual(ordered);
  });

  it("ignores build metadata", () => {
    expect(compareVersions("1.2.3+build.7", "1.2.3")).toBe(0);
    expect(compareVersions("1.2.3", "1.2.4+x")).toBeLessThan(0);
  });

  it("refuses what is not a version", () => {
    expect(() => versionKey("1.2")).toThrow(/SemVer/);
  });

  it("tells pre-releases", () => {
    expect(isPrerelease("1.2.0-beta.1")).toBe(true);
    expect(isPrerelease("1.2.0+build")).toBe(false);
  });
});
