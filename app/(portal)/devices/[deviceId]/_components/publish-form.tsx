"use client";

import { useState, type FormEvent } from "react";
import type { MqttClient, Packet } from "mqtt";
import { parseUserProperties, type UserProperties } from "@/lib/mqtt/message-log";
import { reasonName } from "@/lib/mqtt/reason-codes";
import { Button } from "@/components/ui/button";
import { QosSelect, type Qos } from "./qos-select";
import { Input, Textarea } from "@/components/ui/input";

export type PublishedMessage = {
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
  userProperties: UserProperties;
};

/**
 * Publishes as the device under its prefix. "Outside the device's prefix" lifts the restriction
 * so a partner can see the hub's own refusal (PUBACK 135) for a topic the
 * device may not use.
 */
export function PublishForm({
  client,
  prefix,
  onPublished,
}: {
  client: MqttClient;
  prefix: string;
  onPublished: (message: PublishedMessage) => void;
}) {
  const [suffix, setSuffix] = useState("telemetry");
  const [isAnyTopic, setIsAnyTopic] = useState(false);
  const [topic, setTopic] = useState(`${prefix}/telemetry`);
  const [payload, setPayload] = useState('{"temperature": 21.5}');
  const [qos, setQos] = useState<Qos>(1);
  const [isRetained, setIsRetained] = useState(false);
  const [properties, setProperties] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function publish(event: FormEvent) {
    event.preventDefault();
    const userProperties = parseUserProperties(properties);
    if (!userProperties.ok) return setResult({ ok: false, text: userProperties.message });
    const target = isAnyTopic ? topic.trim() : `${prefix}/${suffix.trim().replace(/^\/+/, "")}`;
    if (!target || target.endsWith("/") || /[+#]/.test(target)) {
      return setResult({
        ok: false,
        text: "A topic to publish to is a full topic, without wildcards and not ending in /.",
      });
    }
    const t0 = performance.now();
    let ack: number | undefined;
    const onPacket = (packet: Packet) => {
      if (packet.cmd === "puback" || packet.cmd === "pubrec") ack = packet.reasonCode ?? 0;
    };
    client.on("packetreceive", onPacket);
    const hasProperties = Object.keys(userProperties.value).length > 0;
    try {
      await client.publishAsync(target, payload, {
        qos,
        retain: isRetained,
        ...(hasProperties ? { properties: { userProperties: userProperties.value } } : {}),
      });
    } catch {
      // MQTT.js rejects on a failure reason code; the code itself is what is shown.
    }
    client.off("packetreceive", onPacket);
    onPublished({ topic: target, payload, qos, retain: isRetained, userProperties: userProperties.value });
    const ms = Math.round(performance.now() - t0);
    if (qos === 0)
      setResult({
        ok: true,
        text: `Sent at QoS 0 in ${ms} ms (QoS 0 gets no acknowledgement; a refused one is dropped silently)`,
      });
    else
      setResult({
        ok: (ack ?? 0) < 128,
        text: `${qos === 1 ? "PUBACK" : "PUBREC"} ${ack ?? 0} ${reasonName(ack ?? 0)} in ${ms} ms`,
      });
  }

  return (
    <form
      onSubmit={(event) => void publish(event)}
      aria-label="Publish as the device"
      className="mt-4 space-y-2 rounded-lg border border-slate-200 p-3"
    >
      <h3 className="text-sm font-semibold text-slate-900">Publish as the device</h3>
      <div className="flex flex-wrap gap-2">
        {isAnyTopic ? (
          <label className="min-w-72 flex-1 text-xs text-slate-600">
            Topic
            <Input value={topic} onChange={(event) => setTopic(event.target.value)} className="mt-1 font-mono" />
          </label>
        ) : (
          <label className="min-w-72 flex-1 text-xs text-slate-600">
            Topic
            <span className="mt-1 flex items-center">
              <span className="rounded-l-md border border-r-0 border-slate-300 bg-slate-50 px-2 py-2 font-mono text-xs text-slate-500">
                {prefix}/
              </span>
              <Input
                value={suffix}
                onChange={(event) => setSuffix(event.target.value)}
                className="rounded-l-none font-mono"
              />
            </span>
          </label>
        )}
        <QosSelect label="QoS" value={qos} onChange={setQos} />
        <label className="flex items-end gap-1 pb-2 text-xs text-slate-600">
          <input type="checkbox" checked={isRetained} onChange={(event) => setIsRetained(event.target.checked)} />{" "}
          Retain
        </label>
      </div>
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input
          type="checkbox"
          checked={isAnyTopic}
          onChange={(event) => {
            setIsAnyTopic(event.target.checked);
            setTopic(`${prefix}/${suffix}`);
          }}
        />
        Outside the device&apos;s prefix (to see the hub refuse it)
      </label>
      <div className="grid gap-2 sm:grid-cols-2">
        <label className="block text-xs text-slate-600">
          Payload
          <Textarea value={payload} onChange={(event) => setPayload(event.target.value)} rows={3} className="mt-1" />
        </label>
        <label className="block text-xs text-slate-600">
          User properties (one &quot;name: value&quot; per line)
          <Textarea
            value={properties}
            onChange={(event) => setProperties(event.target.value)}
            rows={3}
            placeholder="trace-id: 42"
            className="mt-1 font-mono"
          />
        </label>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm">
          Publish
        </Button>
        {result ? (
          <p role="status" className={`text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
            {result.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
