"use client";

import { AlertTriangleIcon, CheckCircle2Icon, InfoIcon, XCircleIcon } from "lucide-react";
import { useState } from "react";
import { describeHistoryEvent, type HistoryTone } from "@/lib/device-history/history-events";
import { Button } from "@/components/ui/button";
import type { Conversation } from "./use-device-conversation";

type HistoryEvent = Conversation["history"][number];

const ICONS: Record<HistoryTone, React.ReactNode> = {
  ok: <CheckCircle2Icon aria-hidden className="size-4 text-emerald-600" />,
  info: <InfoIcon aria-hidden className="size-4 text-slate-500" />,
  warning: <AlertTriangleIcon aria-hidden className="size-4 text-amber-600" />,
  error: <XCircleIcon aria-hidden className="size-4 text-red-600" />,
};

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;

/**
 * What the hub saw of the real device, newest first and live: each connect
 * (and each refusal, with its cause and the fix), subscription, refused
 * publish, disconnect and its reason, HTTP call, and message the portal could
 * not accept. Older events load a page at a time.
 */
export function ConnectionHistory({ deviceId, latest }: { deviceId: string; latest: HistoryEvent[] }) {
  const [older, setOlder] = useState<HistoryEvent[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const [isAtEnd, setIsAtEnd] = useState(false);
  // The live first page, then the older pages loaded below it.
  const oldestLatest = latest.at(-1)?.id ?? Infinity;
  const events = [...latest, ...older.filter((event) => event.id < oldestLatest)];

  async function loadOlder() {
    const before = events.at(-1)?.id;
    if (!before) return;
    setIsLoading(true);
    try {
      const response = await fetch(`/api/devices/${deviceId}/history?before=${before}`, { cache: "no-store" });
      const { events: page } = (await response.json()) as { events: HistoryEvent[] };
      setOlder((current) => [...current, ...page]);
      if (page.length < 30) setIsAtEnd(true);
    } finally {
      setIsLoading(false);
    }
  }

  return (
    <section
      id="history"
      aria-labelledby="history-title"
      className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="history-title" className="text-lg font-semibold text-slate-900">
        Connection history
      </h2>
      <p className="text-sm text-slate-600">
        What the hub saw of this device id, live: connects and refusals (with why), subscriptions, refused publishes,
        disconnects, HTTP calls and messages the portal could not accept.
      </p>
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Nothing yet: the device has not connected or called the API.</p>
      ) : (
        <ol aria-label="Connection history" className="mt-3 divide-y divide-slate-100">
          {events.map((event) => {
            const described = describeHistoryEvent(event.kind, event.detail);
            return (
              <li key={event.id} data-kind={event.kind} data-tone={described.tone} className="flex gap-3 py-2 text-sm">
                <span className="mt-0.5">{ICONS[described.tone]}</span>
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words text-slate-900">{described.title}</p>
                  {described.detail ? <p className="text-xs break-words text-slate-600">{described.detail}</p> : null}
                  {described.fix ? <p className="mt-0.5 text-xs text-slate-800">Fix: {described.fix}</p> : null}
                </div>
                <time dateTime={event.at} className="shrink-0 font-mono text-xs text-slate-600">
                  {when(event.at)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {events.length >= 30 && !isAtEnd ? (
        <Button
          type="button"
          variant="secondary"
          size="sm"
          className="mt-3"
          disabled={isLoading}
          onClick={() => void loadOlder()}
        >
          {isLoading ? "Loading…" : "Older events"}
        </Button>
      ) : null}
    </section>
  );
}
