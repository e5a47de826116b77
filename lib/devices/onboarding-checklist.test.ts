import { describe, expect, it } from "vitest";
import { conformanceMarkdown } from "./onboarding-checklist";

describe("[SECURITY] the Markdown conformance report", () => {
  const report = (text: string) =>
    conformanceMarkdown({
      device: { id: "d-1", sn: text, model: "Model", protocol: "MQTT", firmware: "1.0.0" },
      generatedAt: "2026-12-06T00:00:00.000Z",
      steps: [{ key: "telemetry", title: "Sent telemetry", status: "done", detail: `Keys seen: ${text}` }],
    });

  it("shows device-chosen text as text: no HTML, no links or images, no broken table", () => {
    const markdown = report("<img src=x onerror=alert(1)> | [a](javascript:x) ![i](http://x/y.png)\n# h");
    expect(markdown).not.toMatch(/<img/);
    expect(markdown).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
    expect(markdown).not.toMatch(/\]\(javascript:/);
    expect(markdown).not.toMatch(/!\[i\]\(/);
    // Every table row still has exactly its three cells.
    const rows = markdown.split("\n").filter((line) => line.startsWith("| Sent telemetry"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.split(/(?<!\\)\|/).length).toBe(5);
  });

  it("leaves ordinary text as it was written", () => {
    expect(report("T1-0001")).toContain("- Device: T1-0001 (`d-1`)");
  });
});
