"use client";

import { useState, type FormEvent } from "react";
import { AccessKeyInput, useAccessKey } from "@/components/devices/access-key-input";
import { Button } from "@/components/ui/button";

type Outcome = { status: number; body: string; ms: number } | { error: string };

/** For HTTP models: sends test telemetry exactly as the device would, from this browser. */
export function HttpCheckPanel({ deviceId, hubUrl }: { deviceId: string; hubUrl: string }) {
  const [accessKey] = useAccessKey();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const url = `${hubUrl}/v1/devices/${deviceId}/telemetry`;

  async function send(event: FormEvent) {
    event.preventDefault();
    setIsRunning(true);
    const t0 = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: accessKey, "content-type": "application/json" },
        // Valid Xyte telemetry with no keys: it proves the key and updates last seen, and adds nothing to the device's state.
        body: JSON.stringify({ status: "online", telemetries: {} }),
      });
      setOutcome({ status: response.status, body: await response.text(), ms: Math.round(performance.now() - t0) });
    } catch (error) {
      setOutcome({ error: `The device API could not be reached at ${url}: ${(error as Error).message}` });
    }
    setIsRunning(false);
  }

  const isOk = outcome && "status" in outcome && outcome.status < 300;
  return (
    <section aria-labelledby="http-check" className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="http-check" className="text-lg font-semibold text-slate-900">
        HTTP connection check
      </h2>
      <p className="text-sm text-slate-600">
        Sends test telemetry to <code className="text-xs">POST {url}</code> with{" "}
        <code className="text-xs">Authorization: &lt;access key&gt;</code>, as the device would.
      </p>
      <form onSubmit={(event) => void send(event)} className="mt-4 flex flex-wrap items-end gap-2">
        <AccessKeyInput />
        <Button type="submit" disabled={!accessKey || isRunning}>
          {isRunning ? "Sending…" : "Send test telemetry"}
        </Button>
      </form>
      <div role="status" aria-live="polite" className="mt-4">
        {outcome && "error" in outcome ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{outcome.error}</p>
        ) : null}
        {outcome && "status" in outcome ? (
          <div
            className={`rounded-md px-3 py-2 text-sm ${isOk ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
          >
            <p className="font-medium">
              HTTP {outcome.status} in {outcome.ms} ms{isOk ? ": accepted, last seen updated" : ": refused"}
            </p>
            <pre className="mt-1 text-xs whitespace-pre-wrap">{outcome.body}</pre>
          </div>
        ) : null}
      </div>
    </section>
  );
}
