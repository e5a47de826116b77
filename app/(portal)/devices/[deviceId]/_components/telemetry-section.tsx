"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { CHART_RANGES, type ChartRange } from "@/lib/schemas/telemetry";
import { TelemetryChart } from "./telemetry-chart";
import type { Conversation } from "./use-device-conversation";

const STATUS_TONE = { online: "green", offline: "neutral", error: "red" } as const;

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** Latest value of every key, a chart per numeric key, and the last messages, all live. */
export function TelemetrySection({
  telemetry,
  range,
  onRange,
  deviceId,
}: {
  telemetry: Conversation["telemetry"];
  range: ChartRange;
  onRange: (range: ChartRange) => void;
  deviceId: string;
}) {
  const keys = Object.keys(telemetry.state).sort();
  const to = Math.floor(Date.now() / 60_000) * 60_000;
  const from = to - CHART_RANGES[range].minutes * 60_000;
  return (
    <section
      id="telemetry"
      aria-labelledby="telemetry-title"
      className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="telemetry-title" className="text-lg font-semibold text-slate-900">
          Telemetry
        </h2>
        <div role="group" aria-label="Chart range" className="flex gap-1">
          {(Object.keys(CHART_RANGES) as ChartRange[]).map((option) => (
            <Button
              key={option}
              type="button"
              size="sm"
              variant={option === range ? "primary" : "secondary"}
              aria-pressed={option === range}
              onClick={() => onRange(option)}
            >
              Last {option}
            </Button>
          ))}
        </div>
      </div>
      {telemetry.at === null ? (
        <p className="mt-2 text-sm text-slate-600">
          No telemetry yet. The device sends it with{" "}
          <code className="text-xs">POST /v1/devices/{deviceId}/telemetry</code> or on the MQTT topic{" "}
          <code className="text-xs">v1/device/{deviceId}/telemetry</code>, as{" "}
          <code className="text-xs">{'{"status": "online", "telemetries": {"temperature": 21.5}}'}</code>.
        </p>
      ) : (
        <>
          <p role="status" className="mt-1 flex items-center gap-2 text-sm text-slate-600">
            Reported status
            <Badge tone={STATUS_TONE[telemetry.status as keyof typeof STATUS_TONE] ?? "neutral"}>
              {telemetry.status}
            </Badge>
            <span>last message {when(telemetry.at)}</span>
          </p>
          {telemetry.charts.length > 0 ? (
            <div className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {telemetry.charts.map((series) => (
                <TelemetryChart key={series.key} name={series.key} points={series.points} from={from} to={to} />
              ))}
            </div>
          ) : null}
          <div className="mt-4 grid gap-6 lg:grid-cols-2">
            <div>
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Latest values</h3>
              {keys.length === 0 ? (
                <p className="text-sm text-slate-600">The device has sent no keys yet.</p>
              ) : (
                <Table aria-label="Latest telemetry values">
                  <thead>
                    <tr>
                      <Th>Key</Th>
                      <Th>Value</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {keys.map((key) => (
                      <tr key={key}>
                        <Td className="font-mono text-xs">{key}</Td>
                        <Td className="font-mono text-xs break-all">{JSON.stringify(telemetry.state[key])}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </div>
            <div>
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Last messages</h3>
              <ol aria-label="Last telemetry messages" className="space-y-1.5">
                {telemetry.messages.map((message) => (
                  <li key={message.id} className="rounded-md bg-slate-50 px-3 py-2 text-xs">
                    <span className="text-slate-600">
                      {when(message.receivedAt)} · {message.via.toUpperCase()} · {message.status}
                      {message.sentAt && Math.abs(Date.parse(message.sentAt) - Date.parse(message.receivedAt)) > 1_000
                        ? ` · sent ${when(message.sentAt)}`
                        : null}
                    </span>
                    <code className="mt-0.5 block break-all text-slate-800">{JSON.stringify(message.values)}</code>
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
