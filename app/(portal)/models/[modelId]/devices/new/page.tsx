import type { Metadata } from "next";
import Link from "next/link";
import { findHardwareKeys } from "@/lib/server/data/hardware-keys/find-hardware-keys";
import { getModelOrThrow } from "@/lib/server/data/models/get-model-or-throw";
import { orNotFound } from "@/lib/server/not-found";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/server/auth/session";
import { ProtocolBadge } from "@/components/model-form/protocol-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { BulkRegisterDevices } from "./_components/bulk-register-devices";
import { RegisterDeviceForm } from "./_components/register-device-form";

type Props = { params: Promise<{ modelId: string }> };

export const metadata: Metadata = { title: "Register device" };

export default async function RegisterDevicePage({ params }: Props) {
  const { modelId } = await params;
  const viewer = await requireViewer();
  const model = await orNotFound(getModelOrThrow({ partnerId: viewer.partnerId, modelId }));
  const keys = (await findHardwareKeys({ partnerId: viewer.partnerId, modelId })).filter((key) => !key.revokedAt);
  const options = keys.map(({ id, label, keyPrefix }) => ({ id, label, keyPrefix }));
  return (
    <div className="max-w-2xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Models
        </Link>{" "}
        /{" "}
        <Link href={`/models/${model.id}`} className="hover:underline">
          {model.name}
        </Link>{" "}
        / <span className="text-slate-700">Register device</span>
      </nav>
      <PageHeader
        title="Register device"
        description={
          <span className="flex items-center gap-2">
            Through the Register Device API, as firmware does. <ProtocolBadge protocol={model.communicationProtocol} />
          </span>
        }
      />
      {!can(viewer.role, "device.register") ? (
        <EmptyState
          title="Your role cannot register devices"
          description="Registering devices takes the developer role or higher; an admin or owner can change your role."
        />
      ) : keys.length === 0 ? (
        <EmptyState
          title="No active hardware key"
          description="Devices register with one of the model's hardware keys. Create one on the model's page first."
          action={
            <Link href={`/models/${model.id}`} className="text-sm font-medium text-brand-700 hover:underline">
              Go to the model
            </Link>
          }
        />
      ) : (
        <>
          <RegisterDeviceForm modelId={model.id} keys={options} />
          <BulkRegisterDevices modelId={model.id} keys={options} />
        </>
      )}
    </div>
  );
}
