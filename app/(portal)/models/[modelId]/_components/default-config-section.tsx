"use client";

import { useRouter } from "next/navigation";
import { stableJson } from "@/lib/json-diff";
import { setModelDefaultConfigAction } from "@/lib/server/actions/models/set-model-default-config-action";
import { ConfigEditor } from "@/components/devices/config-editor";

/** The config new devices of this model start from (version 1 of each device's own config). */
export function DefaultConfigSection({
  modelId,
  defaultConfig,
  isWriter,
}: {
  modelId: string;
  defaultConfig: Record<string, unknown> | null;
  isWriter: boolean;
}) {
  const router = useRouter();
  const text = defaultConfig ? stableJson(defaultConfig) : "";
  return (
    <section
      aria-labelledby="default-config"
      className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="default-config" className="text-lg font-semibold text-slate-900">
        Default config
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Every device registered from now on starts with this config as its version 1; devices already registered keep
        their own.
      </p>
      {isWriter ? (
        <ConfigEditor
          key={text}
          id="model-default-config"
          label="Default config (JSON object; empty for none)"
          hint="New devices read it with GET /v1/devices/{id}/config, and over MQTT on their config topic."
          initial={text}
          fields={{ modelId }}
          action={setModelDefaultConfigAction}
          submitLabel="Save default config"
          isEmptyAllowed
          onSaved={() => router.refresh()}
        />
      ) : (
        <pre tabIndex={0} aria-label="Default config" className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs">
          {text || "None: new devices start with an empty config (version 0)."}
        </pre>
      )}
    </section>
  );
}
