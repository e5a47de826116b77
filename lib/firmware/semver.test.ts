import { describe, expect, it } from "vitest";
import { isPrerelease, parseVersionRange, versionKey } from "./semver";

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
    expect(versionKey("1.2.3+build.7")).toBe(versionKey("1.2.3"));
    expect(versionKey("1.2.3") < versionKey("1.2.4+x")).toBe(true);
  });

  it("refuses what is not a version", () => {
    expect(() => versionKey("1.2")).toThrow(/SemVer/);
  });

  it("tells pre-releases", () => {
    expect(isPrerelease("1.2.0-beta.1")).toBe(true);
    expect(isPrerelease("1.2.0+build")).toBe(false);
  });
});

describe("parseVersionRange", () => {
  it("keeps the versions every comparator allows", () => {
    const inRange = parseVersionRange(">=1.2.0 <2.0.0");
    if (typeof inRange === "string") throw new Error(inRange);
    expect(["1.1.9", "1.2.0", "1.10.3", "2.0.0-rc.1", "2.0.0"].filter(inRange)).toEqual([
      "1.2.0",
      "1.10.3",
      "2.0.0-rc.1",
    ]);
    const exact = parseVersionRange("1.4.2");
    expect(typeof exact === "function" && exact("1.4.2") && !exact("1.4.3")).toBe(true);
  });

  it("says what is wrong with a range it cannot read", () => {
    expect(parseVersionRange("")).toBe("must name at least one version, like >=1.2.0 <2.0.0");
    expect(parseVersionRange(">=1.2 <2")).toBe('">=1.2" is not a comparator like >=1.2.0');
  });
});
