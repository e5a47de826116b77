import type { Metadata } from "next";
import { requireViewer } from "@/lib/server/auth/session";
import { DeviceList } from "@/components/devices/list/device-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Devices" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevicesPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  return (
    <>
      <PageHeader title="Devices" description="Every device of every model, with its live status." />
      <DeviceList viewer={viewer} searchParams={await searchParams} basePath="/devices" />
    </>
  );
}
