"use client";

import { UploadIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ChangeEvent, type FormEvent } from "react";
import { checkBulkCsv, credentialsCsv, type CheckedBulkRow } from "@/lib/schemas/bulk-registration-csv";
import { BULK_CREATE_LIMIT, BULK_CSV_COLUMNS, type RegisteredDevice } from "@/lib/schemas/device-registration";
import { bulkRegisterDevicesAction } from "@/lib/server/actions/devices/bulk-register-devices-action";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { HardwareKeySelect, type KeyOption } from "./hardware-key-select";

type Outcome = {
  created: Array<RegisteredDevice & { sn: string }>;
  failed: Array<{ line: number; sn: string; error: string }>;
};

export function BulkRegisterDevices({ modelId, keys }: { modelId: string; keys: KeyOption[] }) {
  const router = useRouter();
  const [checked, setChecked] = useState<{ rows: CheckedBulkRow[]; error?: string; fileName: string } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const valid = useMemo(() => checked?.rows.filter((r) => r.row) ?? [], [checked]);
  const invalid = useMemo(() => checked?.rows.filter((r) => r.error) ?? [], [checked]);
  const isRunning = progress !== null && progress.done < progress.total;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setOutcome(null);
    setProgress(null);
    if (!file) return setChecked(null);
    setChecked({ ...checkBulkCsv(await file.text()), fileName: file.name });
  }

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const selected = new FormData(event.currentTarget).get("hardwareKeyId");
    const hardwareKeyId = typeof selected === "string" ? selected : "";
    const result: Outcome = { created: [], failed: [] };
    setProgress({ done: 0, total: valid.length });
    for (let start = 0; start < valid.length; start += BULK_CREATE_LIMIT) {
      const batch = valid.slice(start, start + BULK_CREATE_LIMIT);
      const formData = new FormData();
      formData.set("modelId", modelId);
      formData.set("hardwareKeyId", hardwareKeyId);
      formData.set("rows", JSON.stringify(batch.map((item) => item.row)));
      const response = await bulkRegisterDevicesAction(formData);
      batch.forEach((item, i) => {
        const itemResult = response.ok ? response.data[i] : undefined;
        if (itemResult?.status === 201 && itemResult.device) result.created.push({ ...itemResult.device, sn: item.sn });
        else
          result.failed.push({
            line: item.line,
            sn: item.sn,
            error: itemResult?.error ?? (response.ok ? "no result" : response.message),
          });
      });
      setProgress({ done: Math.min(start + batch.length, valid.length), total: valid.length });
    }
    setOutcome(result);
    router.refresh();
  }

  const download = useMemo(() => {
    if (!outcome?.created.length) return null;
    return URL.createObjectURL(new Blob([credentialsCsv(outcome.created)], { type: "text/csv" }));
  }, [outcome]);

  return (
    <section aria-labelledby="bulk-title" className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="bulk-title" className="text-base font-semibold text-slate-900">
        Bulk registration from CSV
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Columns: <code className="text-xs">{BULK_CSV_COLUMNS.join(",")}</code> (mac and name optional). Rows are checked
        here first; valid rows are registered {BULK_CREATE_LIMIT} at a time. Uploading the same file again registers
        nothing twice.
      </p>
      <form onSubmit={(event) => void register(event)} className="mt-4 space-y-4">
        <HardwareKeySelect id="bulk-hardware-key" keys={keys} />
        <label className="flex w-fit cursor-pointer items-center gap-2 rounded-md border border-dashed border-slate-400 px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">
          <UploadIcon aria-hidden className="size-4" />
          <span>{checked ? checked.fileName : "Choose a CSV file"}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            aria-label="CSV file"
            onChange={(event) => void onFile(event)}
            disabled={isRunning}
          />
        </label>
        {checked?.error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {checked.error}
          </p>
        ) : null}
        {checked && !checked.error ? (
          <p className="text-sm text-slate-700" role="status">
            {valid.length} valid {valid.length === 1 ? "row" : "rows"}, {invalid.length} invalid.
          </p>
        ) : null}
        {invalid.length > 0 ? (
          <RowErrors
            title="Invalid rows (not sent)"
            rows={invalid.map((r) => ({ line: r.line, sn: r.sn, error: r.error ?? "" }))}
          />
        ) : null}
        {progress ? (
          <div>
            <div
              role="progressbar"
              aria-label="Registration progress"
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
              className="h-2 overflow-hidden rounded-full bg-slate-200"
            >
              <div
                className="h-full bg-brand-600 transition-all"
                style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }}
              />
            </div>
            <p className="mt-1 text-xs text-slate-600">
              {progress.done} of {progress.total} sent
            </p>
          </div>
        ) : null}
        <Button type="submit" disabled={valid.length === 0 || isRunning || Boolean(outcome)}>
          {isRunning ? "Registering…" : `Register ${valid.length} ${valid.length === 1 ? "device" : "devices"}`}
        </Button>
      </form>
      {outcome ? (
        <div className="mt-4 space-y-3" role="status">
          <p className="text-sm font-medium text-slate-900">
            {outcome.created.length} registered, {outcome.failed.length} failed.
          </p>
          {download ? (
            <a
              href={download}
              download="device-credentials.csv"
              className="inline-block text-sm font-medium text-brand-700 hover:underline"
            >
              Download the credentials (CSV, shown once)
            </a>
          ) : null}
          {outcome.failed.length > 0 ? <RowErrors title="Failed rows" rows={outcome.failed} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function RowErrors({ title, rows }: { title: string; rows: Array<{ line: number; sn: string; error: string }> }) {
  return (
    <Table aria-label={title}>
      <thead>
        <tr>
          <Th>Line</Th>
          <Th>Serial number</Th>
          <Th>Problem</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.line}>
            <Td className="tabular-nums">{row.line}</Td>
            <Td>{row.sn}</Td>
            <Td className="text-red-700">{row.error}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
