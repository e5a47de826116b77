"use client";

import { TriangleAlertIcon } from "lucide-react";
import type { RegisteredDevice } from "@/lib/schemas/device-registration";
import { CopyButton } from "@/components/ui/copy-button";

const ROWS: Array<{ key: keyof RegisteredDevice; label: string }> = [
  { key: "id", label: "Device ID" },
  { key: "access_key", label: "Access key" },
  { key: "mqtt_hub_url", label: "MQTT hub URL" },
  { key: "hub_url", label: "HTTP hub URL" },
  { key: "hub_url_static_cert", label: "HTTP hub URL (static certificate)" },
];

/** A freshly registered device's credentials: the access key exists only here. */
export function DeviceCredentialsCard({ device }: { device: RegisteredDevice }) {
  return (
    <section
      aria-labelledby="credentials-title"
      className="rounded-xl border border-emerald-200 bg-white p-5 shadow-sm"
    >
      <h2 id="credentials-title" className="text-base font-semibold text-slate-900">
        Device registered
      </h2>
      <p role="status" className="mt-3 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <TriangleAlertIcon aria-hidden className="mt-0.5 size-4 shrink-0" />
        The access key is shown once and won&apos;t be shown again: copy it to the device now. If it is lost, rotate the
        key.
      </p>
      <dl className="mt-4 space-y-2 text-sm">
        {ROWS.map(({ key, label }) => (
          <div key={key} className="grid items-center gap-1 sm:grid-cols-[14rem_1fr]">
            <dt className="text-slate-600">{label}</dt>
            <dd className="flex items-center gap-1">
              <code data-testid={`credential-${key}`} className="font-mono text-xs break-all text-slate-900">
                {device[key]}
              </code>
              <CopyButton value={device[key]} label={label} />
            </dd>
          </div>
        ))}
      </dl>
      <a
        href={`/devices/${device.id}#key=${encodeURIComponent(device.access_key)}`}
        className="mt-4 inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
      >
        Open the live connection check
      </a>
    </section>
  );
}
