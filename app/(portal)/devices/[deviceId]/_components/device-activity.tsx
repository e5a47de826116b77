"use client";

import Link from "next/link";
import { ROLLOUT_DEVICE_STATE_LABELS, type RolloutDeviceState } from "@/lib/schemas/rollout";
import { Badge } from "@/components/ui/badge";
import type { Conversation } from "./use-device-conversation";

const TONE: Partial<Record<RolloutDeviceState, "green" | "red" | "blue">> = {
  succeeded: "green",
  failed: "red",
  timed_out: "red",
  verifying: "blue",
};

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** The device's firmware history and rollout updates, and the messages the portal could not accept, with why. */
export function DeviceActivity({
  firmware,
  rejected,
}: {
  firmware: Conversation["firmware"];
  rejected: Conversation["rejected"];
}) {
  return (
    <section id="activity" aria-labelledby="activity-title" className="mt-8 grid gap-6 lg:grid-cols-2">
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="activity-title" className="text-lg font-semibold text-slate-900">
          Firmware
        </h2>
        <p className="text-sm text-slate-700">
          Running <strong className="font-mono">{firmware.current}</strong>
        </p>
        {firmware.changes.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No firmware change reported since registration.</p>
        ) : (
          <ol aria-label="Firmware history" className="mt-2 space-y-1 text-sm">
            {firmware.changes.map((change) => (
              <li key={change.id}>
                <span className="font-mono">{change.summary}</span>{" "}
                <span className="text-xs text-slate-600">{when(change.createdAt)}</span>
              </li>
            ))}
          </ol>
        )}
        {firmware.updates.length > 0 ? (
          <>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Rollout updates</h3>
            <ol aria-label="Rollout updates" className="mt-1 space-y-1 text-sm">
              {firmware.updates.map((update) => (
                <li key={update.rolloutId} className="flex flex-wrap items-center gap-2">
                  <Link href={`/rollouts/${update.rolloutId}`} className="font-mono text-brand-700 hover:underline">
                    {update.version}
                  </Link>
                  <Badge tone={TONE[update.state as RolloutDeviceState] ?? "neutral"}>
                    {ROLLOUT_DEVICE_STATE_LABELS[update.state as RolloutDeviceState] ?? update.state}
                  </Badge>
                  {update.failure ? <span className="text-xs text-slate-700">{update.failure}</span> : null}
                  <span className="text-xs text-slate-600">{when(update.updatedAt)}</span>
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">Rejected messages</h2>
        {rejected.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Every message from the device was accepted.</p>
        ) : (
          <ol aria-label="Rejected messages" className="mt-2 space-y-2">
            {rejected.map((event) => (
              <li key={event.id} className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-900">
                <p>
                  <span className="font-mono">{String(event.detail.topic)}</span> · {when(event.at)}
                </p>
                <p className="font-medium">{String(event.detail.reason)}</p>
                {typeof event.detail.payload === "string" ? (
                  <code className="mt-1 block break-all text-red-800">{event.detail.payload}</code>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
