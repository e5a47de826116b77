"use client";

import { useState } from "react";
import { diffJson, stableJson } from "@/lib/json-diff";
import { setDeviceConfigAction } from "@/lib/server/actions/config/set-device-config-action";
import { ConfigEditor } from "@/components/devices/config-editor";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Conversation } from "./use-device-conversation";

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** The desired config against what the device reports applying, an editor, and every version with its diff. */
export function ConfigSection({
  deviceId,
  config,
  canEdit,
  onSaved,
}: {
  deviceId: string;
  config: Conversation["config"];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [diffOf, setDiffOf] = useState<number | null>(null);
  const isApplied = config.desiredVersion > 0 && config.reportedVersion === config.desiredVersion;
  return (
    <section
      id="config"
      aria-labelledby="config-title"
      className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="config-title" className="text-lg font-semibold text-slate-900">
        Config
      </h2>
      <p role="status" className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>
          Desired version <strong data-testid="desired-config-version">{config.desiredVersion}</strong>
        </span>
        <span>·</span>
        <span>
          reported by the device{" "}
          <strong data-testid="reported-config-version">{config.reportedVersion ?? "none yet"}</strong>
        </span>
        {config.desiredVersion > 0 ? (
          <Badge tone={isApplied ? "green" : "amber"}>{isApplied ? "applied" : "waiting for the device"}</Badge>
        ) : null}
      </p>
      {canEdit ? (
        <div className="mt-4">
          <ConfigEditor
            key={config.desiredVersion}
            id="device-config"
            label="Desired config (JSON object)"
            hint="Saving makes a new version: pushed over MQTT to a device subscribed to its config topic, and announced in the telemetry answer's config_version."
            initial={stableJson(config.desired)}
            fields={{ deviceId }}
            action={setDeviceConfigAction}
            submitLabel="Save as a new version"
            onSaved={onSaved}
          />
        </div>
      ) : (
        <pre
          tabIndex={0}
          aria-label="Desired config"
          className="mt-3 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs"
        >
          {stableJson(config.desired)}
        </pre>
      )}
      {config.history.length > 0 ? (
        <>
          <h3 className="mt-5 text-sm font-semibold text-slate-900">Versions</h3>
          <ol aria-label="Config versions" className="mt-2 space-y-1.5">
            {config.history.map((version, i) => {
              const previous = config.history[i + 1];
              return (
                <li key={version.version} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">Version {version.version}</span>
                    <span className="text-xs text-slate-600">
                      {version.source} · {when(version.createdAt)}
                    </span>
                    {previous ? (
                      <Button
                        type="button"
                        variant="ghost"
                        size="sm"
                        aria-expanded={diffOf === version.version}
                        onClick={() => setDiffOf(diffOf === version.version ? null : version.version)}
                      >
                        {diffOf === version.version ? "Hide changes" : `Changes from version ${previous.version}`}
                      </Button>
                    ) : null}
                  </div>
                  {previous && diffOf === version.version ? (
                    <pre
                      tabIndex={0}
                      aria-label={`Changes from version ${previous.version} to ${version.version}`}
                      className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs"
                    >
                      {diffJson(previous.config, version.config).map((line, n) => (
                        <span
                          key={n}
                          className={
                            line.kind === "added"
                              ? "block bg-emerald-50 text-emerald-900"
                              : line.kind === "removed"
                                ? "block bg-red-50 text-red-900"
                                : "block text-slate-700"
                          }
                        >
                          {line.kind === "added" ? "+ " : line.kind === "removed" ? "- " : "  "}
                          {line.text}
                        </span>
                      ))}
                    </pre>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </section>
  );
}
