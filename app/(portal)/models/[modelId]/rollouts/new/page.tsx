import "server-only";
import type { Metadata } from "next";
import Link from "next/link";
import { findModelFirmware } from "@/lib/server/data/firmware/find-model-firmware";
import { getModelOrThrow } from "@/lib/server/data/models/get-model-or-throw";
import { orNotFound } from "@/lib/server/not-found";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/server/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { deviceListQuerySchema, searchParamsToObject } from "@/lib/schemas/device-list";
import type { RolloutFilters } from "@/lib/schemas/rollout";
import { NewRolloutForm } from "./_components/new-rollout-form";

type Props = {
  params: Promise<{ modelId: string }>;
  /** file: the file to preselect; q, status, firmware, incident: the device list's filters it was opened with. */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "New rollout" };

export default async function NewRolloutPage({ params, searchParams }: Props) {
  const { modelId } = await params;
  const viewer = await requireViewer();
  const model = await orNotFound(getModelOrThrow({ partnerId: viewer.partnerId, modelId }));
  const files = await findModelFirmware({ partnerId: viewer.partnerId, modelId });
  const query = searchParamsToObject(await searchParams);
  const file = query.file;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Models
        </Link>{" "}
        /{" "}
        <Link href={`/models/${model.id}`} className="hover:underline">
          {model.name}
        </Link>{" "}
        / <span className="text-slate-700">New rollout</span>
      </nav>
      <PageHeader
        title="Roll out firmware"
        description="Devices are updated stage by stage at the pace you set; the rollout pauses itself when failures pass your rule."
      />
      {!can(viewer.role, "rollout.manage") ? (
        <p className="rounded-xl border border-slate-200 bg-white px-6 py-8 text-center text-sm text-slate-600">
          Your role ({viewer.role}) cannot start rollouts: that takes the developer role or higher.
        </p>
      ) : files.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">
          Upload a firmware file on the{" "}
          <Link href={`/models/${model.id}`} className="text-brand-700 hover:underline">
            model&apos;s page
          </Link>{" "}
          first.
        </p>
      ) : (
        <NewRolloutForm
          modelId={model.id}
          files={files.map((f) => ({ id: f.id, label: `${f.version} (${f.fileType}, ${f.name})` }))}
          fileId={files.some((f) => f.id === file) ? file! : files[0]!.id}
          filters={listFilters(query)}
        />
      )}
    </>
  );
}

/** The device list's filters in the URL, if it sets any; a link with an invalid one opens the form on every device. */
function listFilters(query: Record<string, string>): RolloutFilters | null {
  const parsed = deviceListQuerySchema.safeParse(query);
  if (!parsed.success) return null;
  const { q, status, firmware, incident } = parsed.data;
  if (!q && !status && !firmware && !incident) return null;
  return { q, status, firmware, hasOpenIncident: incident === "open" };
}
