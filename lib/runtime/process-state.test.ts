import { describe, expect, it, vi } from "vitest";

// Each import after vi.resetModules() is a fresh copy of the module, as each
// Next.js layer (and server.ts) has its own: the slots must still be one.
const freshCopy = async () => {
  vi.resetModules();
  return import("./process-state");
};

describe("processState", () => {
  it("makes a slot once per process, whichever copy of the module asks", async () => {
    const first = await freshCopy();
    const second = await freshCopy();
    expect(first).not.toBe(second);
    let made = 0;
    const a = first.processState("test-slot-once", () => ({ made: ++made }));
    const b = second.processState("test-slot-once", () => ({ made: ++made }));
    expect(b).toBe(a);
    expect(made).toBe(1);
  });

  it("hands a part set by one copy to the others, and forgets it when set to undefined", async () => {
    const first = await freshCopy();
    const second = await freshCopy();
    const hub = { name: "hub" };
    first.setProcessState("test-slot-set", hub);
    expect(second.peekProcessState("test-slot-set")).toBe(hub);
    second.setProcessState("test-slot-set", undefined);
    expect(first.peekProcessState("test-slot-set")).toBeUndefined();
  });
});
