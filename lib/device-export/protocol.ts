import type { ExportDevicesCsvOptions } from "@/lib/server/data/devices/export-devices-csv";
import { peekProcessState, setProcessState } from "../runtime/process-state";

// The portal's export thread: server.ts starts it (thread-host.ts), the
// export route reads from it (export-in-thread.ts), and thread-main.ts runs
// inside it. One pull is outstanding per export at a time (a ReadableStream
// calls pull serially), so every reply names the export it answers.

export type ExportRequest =
  | ({ kind: "open"; id: number } & ExportDevicesCsvOptions)
  | { kind: "pull"; id: number }
  | { kind: "cancel"; id: number };

export type ExportReply =
  | { kind: "chunk"; id: number; bytes: Uint8Array }
  | { kind: "end"; id: number }
  | { kind: "error"; id: number; message: string };

/** What server.ts's thread host offers the route: exports by id. */
export type ExportThreadHost = {
  open(options: ExportDevicesCsvOptions): number;
  pull(id: number): Promise<ExportReply>;
  cancel(id: number): void;
};

// One per process: server.ts starts the host apart from Next.js's bundles,
// and the route (bundled) must find the same one.
const SLOT = "export-thread";

export function exportThreadHost(): ExportThreadHost | undefined {
  return peekProcessState<ExportThreadHost>(SLOT);
}

export function setExportThreadHost(host: ExportThreadHost | undefined): void {
  setProcessState(SLOT, host);
}
