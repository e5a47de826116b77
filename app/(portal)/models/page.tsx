import { BoxesIcon } from "lucide-react";
import type { Metadata } from "next";
import { findModels } from "@/lib/server/data/models/find-models";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/server/auth/session";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AddModelDialog } from "@/components/model-form/add-model-dialog";
import { ModelsTable } from "./_components/models-table";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const viewer = await requireViewer();
  const models = await findModels({ partnerId: viewer.partnerId });
  const isWriter = can(viewer.role, "model.manage");
  return (
    <>
      <PageHeader
        title="Models"
        description="Each device model fixes how its devices talk to Partner Hub: MQTT or HTTP."
        actions={isWriter && models.length > 0 ? <AddModelDialog /> : null}
      />
      {models.length === 0 ? (
        <EmptyState
          icon={<BoxesIcon aria-hidden className="size-5" />}
          title="No models yet"
          description="Add your first device model, choose its communication protocol, then create a hardware key for your firmware to register devices with."
          action={isWriter ? <AddModelDialog triggerLabel="Add your first model" /> : null}
        />
      ) : (
        <ModelsTable models={models} />
      )}
    </>
  );
}
