"use client";

import { SearchIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { DEVICE_STATUS_LABELS, DEVICE_STATUSES } from "@/lib/devices/device-status";
import { DEVICE_SORT_LABELS, DEVICE_SORTS, deviceListHref, type DeviceListQuery } from "@/lib/schemas/device-list";
import { Input, NativeSelect } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

type Props = {
  basePath: string;
  query: DeviceListQuery;
  models: { id: string; name: string }[] | null;
  firmwareVersions: string[];
};

/**
 * The list's search, filters and sort. Every change becomes a new URL (pushed,
 * so the back button returns to the previous view and a link reproduces it);
 * the search runs as the partner pauses typing.
 */
export function DeviceFilters({ basePath, query, models, firmwareVersions }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [search, setSearch] = useState(query.q ?? "");
  const debounce = useRef<ReturnType<typeof setTimeout>>(undefined);

  // The URL is the state: when it changes (back button), the box follows.
  useEffect(() => setSearch(query.q ?? ""), [query.q]);
  useEffect(() => () => clearTimeout(debounce.current), []);

  function apply(form: HTMLFormElement) {
    clearTimeout(debounce.current);
    const data = new FormData(form);
    const value = (name: string) => {
      const raw = data.get(name);
      return typeof raw === "string" ? raw.trim() || undefined : undefined;
    };
    const href = deviceListHref(basePath, {
      q: value("q"),
      model: models ? value("model") : undefined,
      status: value("status") as DeviceListQuery["status"],
      firmware: value("firmware"),
      sort: (value("sort") as DeviceListQuery["sort"] | undefined) ?? "created_desc",
    });
    router.push(href, { scroll: false });
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(event.currentTarget);
  };
  const applySoon = () => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => formRef.current && apply(formRef.current), 350);
  };
  const applyNow = () => formRef.current && apply(formRef.current);
  const isFiltered = Boolean(query.q || (models && query.model) || query.status || query.firmware || query.incident);

  return (
    <form
      ref={formRef}
      role="search"
      aria-label="Find devices"
      onSubmit={submit}
      className="flex flex-wrap items-end gap-2"
    >
      <label className="min-w-64 flex-1 text-xs font-medium text-slate-600">
        Search
        <span className="relative mt-1 block">
          <SearchIcon aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" />
          <Input
            type="search"
            name="q"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              applySoon();
            }}
            placeholder="Serial number, name, ID, MAC or Cloud ID"
            maxLength={100}
            className="pl-8"
          />
        </span>
      </label>
      {models ? (
        <FilterSelect
          name="model"
          label="Model"
          value={query.model}
          anyLabel="All models"
          options={models.map((m) => [m.id, m.name])}
          onChange={applyNow}
          className="max-w-48"
        />
      ) : null}
      <FilterSelect
        name="status"
        label="Status"
        value={query.status}
        anyLabel="Any status"
        options={DEVICE_STATUSES.map((s) => [s, DEVICE_STATUS_LABELS[s]])}
        onChange={applyNow}
      />
      <FilterSelect
        name="firmware"
        label="Firmware"
        value={query.firmware}
        anyLabel="Any firmware"
        // A version from a shared link stays selectable even if no device has it any more.
        options={[...new Set([...firmwareVersions, ...(query.firmware ? [query.firmware] : [])])].map((v) => [v, v])}
        onChange={applyNow}
        className="max-w-40"
      />
      <FilterSelect
        name="incident"
        label="Incidents"
        value={query.incident}
        anyLabel="Any"
        options={[["open", "Has an open incident"]]}
        onChange={applyNow}
      />
      <FilterSelect
        name="sort"
        label="Sort"
        value={query.sort}
        options={DEVICE_SORTS.map((s) => [s, DEVICE_SORT_LABELS[s]])}
        onChange={applyNow}
      />
      <Button type="submit" variant="secondary" className="mb-0.5">
        Search
      </Button>
      {isFiltered ? (
        <Button
          type="button"
          variant="ghost"
          className="mb-0.5"
          onClick={() => router.push(deviceListHref(basePath, { sort: query.sort }), { scroll: false })}
        >
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}

/**
 * One labelled filter. Uncontrolled, and keyed by the URL's value, so a
 * back-button navigation resets it to what the URL says.
 */
function FilterSelect(props: {
  name: string;
  label: string;
  value: string | undefined;
  /** The "no filter" choice; omitted for a setting that always has a value (sort). */
  anyLabel?: string;
  options: [value: string, label: string][];
  onChange: () => void;
  className?: string;
}) {
  return (
    <label className="text-xs font-medium text-slate-600">
      {props.label}
      <NativeSelect
        name={props.name}
        defaultValue={props.value ?? ""}
        key={props.value ?? ""}
        onChange={props.onChange}
        className={cn("mt-1", props.className)}
      >
        {props.anyLabel ? <option value="">{props.anyLabel}</option> : null}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}
