"use client";

import { useState } from "react";
import { CA_FILE_NAME, connectSnippets } from "@/lib/devices/connect-snippets";
import { useAccessKey } from "@/components/devices/access-key-input";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/utils";

/**
 * Copy-paste ways to talk as this device (MQTT for an MQTT model, HTTP for an
 * HTTP model), filled with its id and the hub's URLs, and with the key
 * entered in the check above (a placeholder otherwise). Over mqtts:// with
 * the hub's own CA, they read the CA certificate linked here.
 */
export function ConnectSnippets({
  deviceId,
  protocol,
  mqttUrl,
  hubUrl,
  caUrl,
}: {
  deviceId: string;
  protocol: "MQTT" | "HTTP";
  mqttUrl: string;
  hubUrl: string;
  /** The hub's CA certificate, when its TLS listener uses the portal's own CA (or MQTT_TLS_CA_FILE). */
  caUrl?: string | undefined;
}) {
  const [accessKey] = useAccessKey();
  const snippets = connectSnippets({ deviceId, protocol, mqttUrl, hubUrl, accessKey, caUrl });
  const [selected, setSelected] = useState(snippets[0]!.id);
  const snippet = snippets.find((s) => s.id === selected) ?? snippets[0]!;
  return (
    <section aria-labelledby="snippets" className="mt-8">
      <h2 id="snippets" className="text-lg font-semibold text-slate-900">
        Connect snippets
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        {accessKey
          ? "Filled with the access key entered above; it stays in this page."
          : "The access key is a placeholder: enter it above to fill it in."}
      </p>
      {protocol === "MQTT" && caUrl && mqttUrl.startsWith("mqtts:") ? (
        <p className="mb-3 text-sm text-slate-600">
          The hub speaks TLS at <code>{mqttUrl}</code>; devices check it against its CA certificate:{" "}
          <a href={caUrl} download={CA_FILE_NAME} className="text-brand-700 underline">
            download {CA_FILE_NAME}
          </a>{" "}
          (pin it in firmware, or pass it as shown below).
        </p>
      ) : null}
      <div role="tablist" aria-label="Snippet language" className="flex flex-wrap gap-1">
        {snippets.map((s) => (
          <button
            key={s.id}
            role="tab"
            type="button"
            aria-selected={s.id === selected}
            onClick={() => setSelected(s.id)}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm",
              s.id === selected ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="relative mt-2 rounded-lg bg-slate-900 p-4">
        <div className="absolute top-2 right-2 rounded bg-white/90">
          <CopyButton value={snippet.code} label={`${snippet.label} snippet`} />
        </div>
        <pre
          tabIndex={0}
          aria-label={`${snippet.label} snippet`}
          className="overflow-x-auto pr-10 text-xs text-slate-100"
        >
          {snippet.code}
        </pre>
      </div>
    </section>
  );
}
