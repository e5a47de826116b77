"use client";

import type { Conversation } from "./use-device-conversation";

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** The device's firmware history and the messages the portal could not accept, with why. */
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
