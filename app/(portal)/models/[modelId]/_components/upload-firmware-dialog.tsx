"use client";

import { UploadIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { firmwareUploadSchema } from "@/lib/schemas/firmware";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFormFooter, DialogTrigger } from "@/components/ui/dialog";
import { FormField, FormMessage } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { formatBytes } from "@/lib/format-bytes";

type Failure = { error?: string; fieldErrors?: Record<string, string[]> };
type Progress = { sent: number; total: number };

/**
 * Uploads one firmware file: the metadata in the query string and the file
 * itself as the request body, sent by XMLHttpRequest because fetch cannot
 * report an upload's progress, and a large file takes a while.
 */
export function UploadFirmwareDialog({ modelId }: { modelId: string }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button>
          <UploadIcon aria-hidden />
          Upload firmware
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Upload firmware"
        description="The file is checked (SHA-256) and offered to this model's devices."
      >
        <UploadForm modelId={modelId} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function UploadForm({ modelId, onDone }: { modelId: string; onDone: () => void }) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure>({});
  const [progress, setProgress] = useState<Progress | null>(null);
  const request = useRef<XMLHttpRequest | null>(null);
  // Closing the dialog (Cancel, Escape) stops an upload still under way; the server keeps nothing of it.
  useEffect(() => () => request.current?.abort(), []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    // An empty field is left out, as from the query string, so the server's defaults apply.
    const fields: Record<string, string> = {};
    for (const name of ["name", "version", "fileType", "notes", "publicNotes"]) {
      const value = data.get(name);
      if (typeof value === "string" && value.trim() !== "") fields[name] = value;
    }
    if (!fields.name && file instanceof File) fields.name = file.name;
    const parsed = firmwareUploadSchema.safeParse(fields);
    const fieldErrors: Record<string, string[]> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    }
    if (!(file instanceof File) || file.size === 0) fieldErrors.file = ["Choose a file that is not empty"];
    if (Object.keys(fieldErrors).length > 0 || !(file instanceof File)) {
      setFailure({ error: "Check the highlighted fields.", fieldErrors });
      return;
    }
    const query = new URLSearchParams(fields);
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", `/api/models/${encodeURIComponent(modelId)}/firmware?${query}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => setProgress({ sent: e.loaded, total: e.total || file.size });
    xhr.onload = () => {
      setProgress(null);
      const answer = (() => {
        try {
          return JSON.parse(xhr.responseText) as Failure & { version?: string };
        } catch {
          return { error: `Upload failed (${xhr.status})` };
        }
      })();
      if (xhr.status === 201) {
        toast.success(`Firmware ${answer.version} uploaded`);
        router.refresh();
        onDone();
      } else setFailure({ error: answer.error ?? `Upload failed (${xhr.status})`, fieldErrors: answer.fieldErrors });
    };
    xhr.onerror = () => {
      setProgress(null);
      setFailure({ error: "The upload was cut off: check the connection and upload again." });
    };
    setFailure({});
    setProgress({ sent: 0, total: file.size });
    xhr.send(file);
  }

  const errors = failure.fieldErrors ?? {};
  const isPending = progress !== null;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isPending}>
      <FormField id="firmware-file" label="File" errors={errors.file}>
        {(control) => <Input {...control} name="file" type="file" required disabled={isPending} />}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="firmware-version" label="Version" hint="SemVer, like 1.4.0" errors={errors.version}>
          {(control) => <Input {...control} name="version" required autoComplete="off" disabled={isPending} />}
        </FormField>
        <FormField id="firmware-type" label="File type" hint="Default: firmware" errors={errors.fileType}>
          {(control) => <Input {...control} name="fileType" placeholder="firmware" disabled={isPending} />}
        </FormField>
      </div>
      <FormField id="firmware-name" label="Name" hint="Default: the file's name" errors={errors.name}>
        {(control) => <Input {...control} name="name" maxLength={120} autoComplete="off" disabled={isPending} />}
      </FormField>
      <FormField id="firmware-notes" label="Notes (your team's)" errors={errors.notes}>
        {(control) => <Textarea {...control} name="notes" rows={2} maxLength={2000} disabled={isPending} />}
      </FormField>
      <FormField id="firmware-public-notes" label="Public notes (sent to devices)" errors={errors.publicNotes}>
        {(control) => <Textarea {...control} name="publicNotes" rows={2} maxLength={2000} disabled={isPending} />}
      </FormField>
      {progress ? (
        <div className="space-y-1">
          <progress
            className="h-2 w-full"
            aria-label="Upload progress"
            value={progress.sent}
            max={Math.max(progress.total, 1)}
          />
          <p className="text-xs text-slate-600" aria-live="polite">
            {formatBytes(progress.sent)} of {formatBytes(progress.total)} sent
          </p>
        </div>
      ) : null}
      <FormMessage message={failure.error} />
      <DialogFormFooter isPending={isPending} submitLabel="Upload" pendingLabel="Uploading…" />
    </form>
  );
}
