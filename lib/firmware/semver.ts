// SemVer ordering for firmware files, kept as a string the database can sort
// and index: "which file is the model's newest" is then one index lookup on
// every telemetry answer, not a scan of the model's files compared in code.

const PARTS = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

// A number as its length (two digits) and then its digits: SemVer numbers
// have no leading zeros, so this sorts as the number does, at any length.
const pad = (digits: string) => `${digits.length.toString().padStart(2, "0")}${digits}`;

/**
 * A key that sorts (as bytes) like SemVer 2.0.0's precedence: by major, minor
 * and patch, a pre-release before its release ("~" sorts after every
 * pre-release character), pre-release fields compared one by one (numeric
 * ones as numbers, below alphanumeric ones). Build metadata is ignored, as
 * SemVer says. Throws on a string that is not a version: callers validate first.
 */
export function versionKey(version: string): string {
  const match = PARTS.exec(version);
  if (!match) throw new Error(`not a SemVer version: ${version}`);
  const [, major, minor, patch, prerelease] = match as unknown as [string, string, string, string, string?];
  const core = `${pad(major)}.${pad(minor)}.${pad(patch)}`;
  if (prerelease === undefined) return `${core}~`;
  // "0" before a numeric field and "1" before an alphanumeric one: numeric
  // identifiers have lower precedence. Fields are joined by "!", below every
  // identifier character, so a field sorts before any longer one it begins.
  const fields = prerelease.split(".").map((field) => (/^\d+$/.test(field) ? `0${pad(field)}` : `1${field}`));
  return `${core}-${fields.join("!")}`;
}

/** A pre-release (1.2.0-beta.1) is never offered to a fleet as its newest firmware; only a rollout sends it. */
export const isPrerelease = (version: string): boolean => PARTS.exec(version)?.[4] !== undefined;

const COMPARATOR = /^(>=|<=|>|<|=)?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/**
 * A version range as comparators that must all hold, separated by spaces
 * (">=1.2.0 <2.0.0", "<1.5.0", "1.4.2" for exactly that one): a predicate,
 * or the message of what is wrong with it.
 */
export function parseVersionRange(range: string): ((version: string) => boolean) | string {
  const parts = range.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "must name at least one version, like >=1.2.0 <2.0.0";
  const tests: Array<(key: string) => boolean> = [];
  for (const part of parts) {
    const match = COMPARATOR.exec(part);
    if (!match) return `"${part}" is not a comparator like >=1.2.0`;
    const [, operator = "=", version] = match as unknown as [string, string | undefined, string];
    const bound = versionKey(version);
    tests.push(
      {
        ">=": (key: string) => key >= bound,
        "<=": (key: string) => key <= bound,
        ">": (key: string) => key > bound,
        "<": (key: string) => key < bound,
        "=": (key: string) => key === bound,
      }[operator]!,
    );
  }
  return (version) => {
    if (!PARTS.test(version)) return false;
    const key = versionKey(version);
    return tests.every((test) => test(key));
  };
}
