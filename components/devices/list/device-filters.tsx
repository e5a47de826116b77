"use client";

import { SearchIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { DEVICE_STATUS_LABELS, DEVICE_STATUSES } from "@/lib/devices/device-status";
import { DEVICE_SORT_LABELS, DEVICE_SORTS, deviceListHref, type DeviceListQuery } from "@/lib/schemas/device-list";
import { Input, NativeSelect } from "@/components/ui/input";
import { Button } from "@/components/ui/button";

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
  const isFiltered = Boolean(query.q || (models && query.model) || query.status || query.firmware);

  return (
    <form ref={formRef} role="search" aria-label="Find devices" onSubmit={submit} className="flex flex-wrap items-end gap-2">
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
        <label className="text-xs font-medium text-slate-600">
          Model
          <NativeSelect name="model" defaultValue={query.model ?? ""} key={`model-${query.model ?? ""}`} onChange={applyNow} className="mt-1 max-w-48">
            <option value="">All models</option>
            {models.map((model) => (
              <option key={model.id} value={model.id}>
                {model.name}
              </option>
            ))}
          </NativeSelect>
        </label>
      ) : null}
      <label className="text-xs font-medium text-slate-600">
        Status
        <NativeSelect name="status" defaultValue={query.status ?? ""} key={`status-${query.status ?? ""}`} onChange={applyNow} className="mt-1">
          <option value="">Any status</option>
          {DEVICE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {DEVICE_STATUS_LABELS[status]}
            </option>
          ))}
        </NativeSelect>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Firmware
        <NativeSelect name="firmware" defaultValue={query.firmware ?? ""} key={`firmware-${query.firmware ?? ""}`} onChange={applyNow} className="mt-1 max-w-40">
          <option value="">Any firmware</option>
          {firmwareVersions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
          {query.firmware && !firmwareVersions.includes(query.firmware) ? <option value={query.firmware}>{query.firmware}</option> : null}
        </NativeSelect>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Sort
        <NativeSelect name="sort" defaultValue={query.sort} key={`sort-${query.sort}`} onChange={applyNow} className="mt-1">
          {DEVICE_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {DEVICE_SORT_LABELS[sort]}
            </option>
          ))}
        </NativeSelect>
      </label>
      <Button type="submit" variant="secondary" className="mb-0.5">
        Search
      </Button>
      {isFiltered ? (
        <Button type="button" variant="ghost" className="mb-0.5" onClick={() => router.push(deviceListHref(basePath, { sort: query.sort }), { scroll: false })}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
