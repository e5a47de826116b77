"use client";

import { useState, type FormEvent } from "react";
import type { FieldErrors } from "@/lib/action-result";
import { newCommandSchema, type STANDARD_COMMANDS } from "@/lib/schemas/device-command";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import type { Conversation } from "./use-device-conversation";
import { SendCommandError, useSendCommand } from "./use-send-command";

const STATUS_TONE = {
  pending: "amber",
  in_progress: "blue",
  done: "green",
  failed: "red",
  expired: "neutral",
} as const;
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

type Template = (typeof STANDARD_COMMANDS)[number] | "custom";

/** Send a command (a standard one or the partner's own) and follow each one's status, live. */
export function CommandsSection({
  deviceId,
  commands,
  canSend,
}: {
  deviceId: string;
  commands: Conversation["commands"];
  canSend: boolean;
}) {
  return (
    <section
      id="commands"
      aria-labelledby="commands-title"
      className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="commands-title" className="text-lg font-semibold text-slate-900">
        Commands
      </h2>
      <p className="text-sm text-slate-600">
        Queued for the device: pushed over MQTT to a device subscribed to its command topic, fetched over HTTP with{" "}
        <code className="text-xs">GET /v1/devices/{deviceId}/command</code> otherwise.
      </p>
      {canSend ? <SendCommandForm deviceId={deviceId} /> : null}
      {commands.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No commands sent yet.</p>
      ) : (
        <ol aria-label="Command history" className="mt-4 space-y-2">
          {commands.map((command) => (
            <li
              key={command.id}
              className="rounded-lg border border-slate-200 px-3 py-2 text-sm"
              data-status={command.status}
              data-command-id={command.id}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono font-medium text-slate-900">{command.name}</span>
                <Badge tone={STATUS_TONE[command.status as keyof typeof STATUS_TONE] ?? "neutral"}>
                  {command.status}
                </Badge>
                <span className="text-xs text-slate-600">
                  by {command.actorLabel} · {when(command.createdAt)}
                </span>
              </div>
              {Object.keys(command.parameters).length > 0 ? (
                <code className="mt-1 block text-xs break-all text-slate-700">
                  {JSON.stringify(command.parameters)}
                </code>
              ) : null}
              {command.message ? <p className="mt-1 text-xs text-slate-700">“{command.message}”</p> : null}
              <ol
                aria-label={`Status changes of ${command.name}`}
                className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600"
              >
                {command.updates.map((update, i) => (
                  <li key={i}>
                    {update.status} via {update.via} at {update.at.slice(11, 19)}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function SendCommandForm({ deviceId }: { deviceId: string }) {
  const [template, setTemplate] = useState<Template>("reboot");
  const [firmware, setFirmware] = useState({ url: "", version: "", checksum: "", signature: "" });
  const [custom, setCustom] = useState({ name: "", parameters: "{}" });
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const send = useSendCommand(deviceId);
  const isHydrated = useHydrated();
  const serverErrors = send.error instanceof SendCommandError ? send.error.fieldErrors : {};
  const errors = clientErrors ?? serverErrors;
  const formMessage = clientErrors ? null : send.error?.message;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The form's own values: a change just made may not have re-rendered yet.
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    const chosen = (field("template") || template) as Template;
    const parameters =
      chosen === "update_firmware"
        ? Object.fromEntries(
            (["url", "version", "checksum", "signature"] as const)
              .map((key) => [key, field(`firmware-${key}`)] as const)
              .filter(([key, value]) => value || key !== "signature"),
          )
        : chosen === "custom"
          ? parseParameters(field("parameters"))
          : {};
    if (parameters === null) return setClientErrors({ parameters: ['must be valid JSON, e.g. {"level": 3}'] });
    const parsed = newCommandSchema.safeParse({ name: chosen === "custom" ? field("name") : chosen, parameters });
    if (!parsed.success) {
      const found: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (found[String(issue.path[0] ?? "name")] ??= []).push(issue.message);
      return setClientErrors(found);
    }
    setClientErrors(null);
    send.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Send a command" className="mt-4 rounded-lg bg-slate-50 p-4">
      <fieldset disabled={!isHydrated} className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <FormField id="command-template" label="Command" className="w-56">
            {(control) => (
              <NativeSelect
                {...control}
                value={template}
                onChange={(event) => setTemplate(event.target.value as Template)}
              >
                <option value="reboot">reboot</option>
                <option value="dump">dump</option>
                <option value="update_firmware">update_firmware</option>
                <option value="custom">A command of your own…</option>
              </NativeSelect>
            )}
          </FormField>
          {template === "custom" ? (
            <FormField id="command-name" label="Name" errors={errors.name} className="w-56">
              {(control) => (
                <Input
                  {...control}
                  name="name"
                  value={custom.name}
                  onChange={(event) => setCustom({ ...custom, name: event.target.value })}
                  placeholder="set_volume"
                />
              )}
            </FormField>
          ) : null}
        </div>
        {template === "update_firmware" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            {FIRMWARE_FIELDS.map(([field, label]) => (
              <FormField key={field} id={`firmware-${field}`} label={label}>
                {(control) => (
                  <Input
                    {...control}
                    name={`firmware-${field}`}
                    value={firmware[field]}
                    onChange={(event) => setFirmware({ ...firmware, [field]: event.target.value })}
                  />
                )}
              </FormField>
            ))}
          </div>
        ) : null}
        {template === "custom" ? (
          <FormField id="command-parameters" label="Parameters (JSON object)">
            {(control) => (
              <Textarea
                {...control}
                name="parameters"
                rows={3}
                value={custom.parameters}
                onChange={(event) => setCustom({ ...custom, parameters: event.target.value })}
              />
            )}
          </FormField>
        ) : null}
        {errors.parameters ? (
          <p role="alert" className="text-xs font-medium text-red-600">
            {errors.parameters.join(" ")}
          </p>
        ) : null}
        {formMessage && !errors.parameters && !errors.name ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {formMessage}
          </p>
        ) : null}
        <Button type="submit" disabled={send.isPending || (template === "custom" && !custom.name)}>
          {send.isPending ? "Sending…" : "Send command"}
        </Button>
      </fieldset>
    </form>
  );
}

const FIRMWARE_FIELDS = [
  ["url", "File URL"],
  ["version", "Version"],
  ["checksum", "Checksum"],
  ["signature", "Signature (optional)"],
] as const;

function parseParameters(text: string): Record<string, unknown> | null {
  if (text.trim() === "") return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
