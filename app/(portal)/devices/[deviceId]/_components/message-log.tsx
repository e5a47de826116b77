"use client";

import { ArrowDownLeftIcon, ArrowUpRightIcon } from "lucide-react";
import { useState } from "react";
import {
  formatPayload,
  formatSize,
  matchesFilter,
  type LoggedMessage,
  type MessageFilter,
} from "@/lib/mqtt/message-log";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";

/** Every message sent and received since the check, newest first, with filter and clear. */
export function MessageLog({ messages, onClear }: { messages: LoggedMessage[]; onClear: () => void }) {
  const [filter, setFilter] = useState<MessageFilter>({ text: "", direction: "all" });
  const shown = messages.filter((message) => matchesFilter(message, filter));
  return (
    <div>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="min-w-56 flex-1 text-xs text-slate-600">
          Filter messages
          <Input
            type="search"
            value={filter.text}
            onChange={(event) => setFilter({ ...filter, text: event.target.value })}
            placeholder="Topic, payload or user property"
            className="mt-1"
          />
        </label>
        <label className="text-xs text-slate-600">
          Direction
          <NativeSelect
            value={filter.direction}
            onChange={(event) => setFilter({ ...filter, direction: event.target.value as MessageFilter["direction"] })}
            className="mt-1"
          >
            <option value="all">All</option>
            <option value="in">Received</option>
            <option value="out">Sent</option>
          </NativeSelect>
        </label>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={onClear}
          disabled={messages.length === 0}
          className="mb-0.5"
        >
          Clear log
        </Button>
      </div>
      <p className="mt-1 text-xs text-slate-500" aria-live="polite">
        {messages.length === 0
          ? "Nothing sent or received since the check."
          : shown.length === messages.length
            ? `${messages.length} message${messages.length === 1 ? "" : "s"}`
            : `${shown.length} of ${messages.length} messages match`}
      </p>
      {shown.length > 0 ? (
        <ul aria-label="Message log" className="mt-1 max-h-96 space-y-1 overflow-y-auto font-mono text-xs">
          {shown.map((message) => (
            <MessageRow key={message.id} message={message} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function MessageRow({ message }: { message: LoggedMessage }) {
  const payload = formatPayload(message.payload);
  const properties = Object.entries(message.userProperties);
  const isIn = message.direction === "in";
  return (
    <li data-direction={message.direction} className={`rounded px-2 py-1 ${isIn ? "bg-slate-50" : "bg-brand-50"}`}>
      <div className="flex flex-wrap items-center gap-x-2 text-slate-500">
        {isIn ? (
          <ArrowDownLeftIcon aria-hidden className="size-3.5 text-emerald-700" />
        ) : (
          <ArrowUpRightIcon aria-hidden className="size-3.5 text-brand-700" />
        )}
        <span className="sr-only">{isIn ? "Received" : "Sent"}</span>
        <span>{message.at}</span>
        <span className="text-slate-900">{message.topic}</span>
        <span>QoS {message.qos}</span>
        {message.retain ? <span className="rounded bg-amber-100 px-1 text-amber-800">retained</span> : null}
        <span>{formatSize(message.size)}</span>
        {payload.kind !== "text" ? <span>{payload.kind}</span> : null}
      </div>
      {properties.length > 0 ? (
        <dl aria-label="User properties" className="mt-0.5 flex flex-wrap gap-x-3 text-slate-600">
          {properties.map(([name, value]) => (
            <div key={name} className="flex gap-1">
              <dt className="text-slate-500">{name}:</dt>
              <dd>{Array.isArray(value) ? value.join(", ") : value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <pre className="whitespace-pre-wrap break-all text-slate-700">{payload.text}</pre>
    </li>
  );
}
