import { describe, expect, it } from "vitest";
import { diffJson } from "./json-diff";

describe("diffJson", () => {
  it("shows changed, added and removed keys, ignoring key order", () => {
    const lines = diffJson({ b: 1, a: 2, gone: true }, { a: 2, b: 3, c: "new" });
    const changed = lines.filter((l) => l.kind !== "same").map((l) => `${l.kind} ${l.text.trim()}`);
    expect(changed).toEqual(['removed "b": 1,', 'removed "gone": true', 'added "b": 3,', 'added "c": "new"']);
    expect(diffJson({ x: 1 }, { x: 1 }).every((l) => l.kind === "same")).toBe(true);
  });
});
