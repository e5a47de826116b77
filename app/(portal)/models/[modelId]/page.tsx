import type { Metadata } from "next";
import Link from "next/link";
import { findModelFirmware } from "@/lib/server/data/firmware/find-model-firmware";
import { findModelRollouts } from "@/lib/server/data/rollouts/find-rollout";
import { findHardwareKeys } from "@/lib/server/data/hardware-keys/find-hardware-keys";
import { getModelOrThrow } from "@/lib/server/data/models/get-model-or-throw";
import { orNotFound } from "@/lib/server/not-found";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/server/auth/session";
import { DEVICE_TYPE_LABELS } from "@/lib/schemas/model";
import { DeviceList } from "@/components/devices/list/device-list";
import { ProtocolBadge } from "@/components/model-form/protocol-badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Detail } from "@/components/ui/detail";
import { PageHeader } from "@/components/ui/page-header";
import { DefaultConfigSection } from "./_components/default-config-section";
import { DevicesSection } from "./_components/devices-section";
import { EditModelDialog } from "./_components/edit-model-dialog";
import { FirmwareSection } from "./_components/firmware-section";
import { RolloutsSection } from "./_components/rollouts-section";
import { LicenseTypesSection } from "./_components/license-types-section";
import { findLicenseTypes } from "@/lib/server/data/licenses/license-types";
import { licensePublicKey } from "@/lib/server/data/licenses/signing-key";
import { HardwareKeysSection } from "./_components/hardware-keys-section";

type Props = {
  params: Promise<{ modelId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Model" };

export default async function ModelPage({ params, searchParams }: Props) {
  const { modelId } = await params;
  const viewer = await requireViewer();
  const model = await orNotFound(getModelOrThrow({ partnerId: viewer.partnerId, modelId }));
  const [keys, firmware, rollouts, licenseTypes] = await Promise.all([
    findHardwareKeys({ partnerId: viewer.partnerId, modelId }),
    findModelFirmware({ partnerId: viewer.partnerId, modelId }),
    findModelRollouts({ partnerId: viewer.partnerId, modelId }),
    findLicenseTypes(viewer.partnerId, modelId),
  ]);
  // The signing key is made on first use: only once the partner licenses something.
  const publicKeyPem = licenseTypes.length > 0 ? await licensePublicKey(viewer.partnerId) : null;
  const isWriter = can(viewer.role, "model.manage");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Models
        </Link>{" "}
        / <span className="text-slate-700">{model.name}</span>
      </nav>
      <PageHeader
        title={model.name}
        description={
          <span className="flex items-center gap-1 font-mono text-xs">
            Model ID <span data-testid="model-id">{model.id}</span>
            <CopyButton value={model.id} label="Model ID" />
          </span>
        }
        actions={isWriter ? <EditModelDialog model={model} /> : null}
      />
      <section aria-labelledby="model-details" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="model-details" className="sr-only">
          Details
        </h2>
        <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-3">
          <Detail term="Communication protocol">
            <span className="flex items-center gap-2">
              <ProtocolBadge protocol={model.communicationProtocol} isLocked />
              <span className="text-xs text-slate-500">Fixed at creation</span>
            </span>
          </Detail>
          <Detail term="Device type">{DEVICE_TYPE_LABELS[model.deviceType]}</Detail>
          <Detail term="SKU">{model.sku ?? <span className="text-slate-500">None</span>}</Detail>
          <Detail term="Offline threshold">{model.offlineThresholdMinutes} min</Detail>
          <Detail term="Devices">{model._count.devices.toLocaleString("en-US")}</Detail>
          <Detail term="Created">
            <DateTime value={model.createdAt} />
          </Detail>
        </dl>
      </section>
      <DevicesSection modelId={model.id} total={model._count.devices} isWriter={can(viewer.role, "device.register")}>
        <DeviceList
          viewer={viewer}
          searchParams={await searchParams}
          basePath={`/models/${model.id}`}
          modelId={model.id}
        />
      </DevicesSection>
      <HardwareKeysSection modelId={model.id} keys={keys} isWriter={can(viewer.role, "hardwareKey.manage")} />
      <FirmwareSection
        modelId={model.id}
        files={firmware}
        isWriter={can(viewer.role, "firmware.manage")}
        canRollOut={can(viewer.role, "rollout.manage")}
      />
      <RolloutsSection rollouts={rollouts} />
      <LicenseTypesSection
        modelId={model.id}
        types={licenseTypes}
        publicKeyPem={publicKeyPem}
        isWriter={can(viewer.role, "license.manage")}
      />
      <DefaultConfigSection
        modelId={model.id}
        defaultConfig={model.defaultConfig ? (JSON.parse(model.defaultConfig) as Record<string, unknown>) : null}
        isWriter={isWriter}
      />
    </>
  );
}
