"use client";

import { XIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { MqttClient, Packet } from "mqtt";
import { filterUnderPrefix } from "@/lib/mqtt/message-log";
import { reasonName } from "@/lib/mqtt/reason-codes";
import { Button } from "@/components/ui/button";
import { QosSelect, type Qos } from "./qos-select";
import { Input } from "@/components/ui/input";

type Subscription = { filter: string; qos: 0 | 1 | 2; code: number };

/**
 * Extra subscriptions under the device's prefix, each with the SUBACK reason
 * read from the packet (MQTT.js's `granted` repeats the requested QoS).
 */
export function SubscribeForm({ client, prefix }: { client: MqttClient; prefix: string }) {
  const [suffix, setSuffix] = useState("command/#");
  const [qos, setQos] = useState<Qos>(1);
  const [subscriptions, setSubscriptions] = useState<Subscription[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function subscribe(event: FormEvent) {
    event.preventDefault();
    const built = filterUnderPrefix(prefix, suffix);
    if (!built.ok) return setError(built.message);
    setError(null);
    let code: number | undefined;
    const onPacket = (packet: Packet) => {
      if (packet.cmd === "suback") code = (packet as { granted?: number[] }).granted?.[0];
    };
    client.on("packetreceive", onPacket);
    try {
      await client.subscribeAsync(built.filter, { qos });
    } catch {
      // A refusal arrives as a SUBACK reason code, shown below.
    }
    client.off("packetreceive", onPacket);
    const subscription = { filter: built.filter, qos, code: code ?? 128 };
    setSubscriptions((current) => [...current.filter((s) => s.filter !== built.filter), subscription]);
  }

  async function unsubscribe(filter: string) {
    await client.unsubscribeAsync(filter).catch(() => undefined);
    setSubscriptions((current) => current.filter((s) => s.filter !== filter));
  }

  return (
    <form
      onSubmit={(event) => void subscribe(event)}
      aria-label="Subscribe as the device"
      className="mt-4 space-y-2 rounded-lg border border-slate-200 p-3"
    >
      <h3 className="text-sm font-semibold text-slate-900">Subscribe to more topics</h3>
      <p className="text-xs text-slate-600">
        The check already subscribed to <code>{prefix}/#</code>. Add filters to see their own SUBACK and QoS.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="min-w-72 flex-1 text-xs text-slate-600">
          Topic filter
          <span className="mt-1 flex items-center">
            <span className="rounded-l-md border border-r-0 border-slate-300 bg-slate-50 px-2 py-2 font-mono text-xs text-slate-500">
              {prefix}/
            </span>
            <Input
              value={suffix}
              onChange={(event) => setSuffix(event.target.value)}
              className="rounded-l-none font-mono"
              aria-invalid={Boolean(error)}
            />
          </span>
        </label>
        <QosSelect label="Max QoS" value={qos} onChange={setQos} />
        <Button type="submit" size="sm" className="mb-0.5">
          Subscribe
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {subscriptions.length > 0 ? (
        <ul aria-label="Subscriptions" className="space-y-1 font-mono text-xs">
          {subscriptions.map((s) => (
            <li key={s.filter} className="flex items-center gap-2">
              <span className="text-slate-900">{s.filter}</span>
              <span className={s.code < 128 ? "text-emerald-700" : "text-red-700"}>
                SUBACK {s.code} {reasonName(s.code)}
              </span>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Unsubscribe from ${s.filter}`}
                onClick={() => void unsubscribe(s.filter)}
              >
                <XIcon />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
