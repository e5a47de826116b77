import type { Metadata } from "next";
import { env } from "@/lib/env";
import { offeredCaFile } from "@/lib/hub/tls-config";
import { CA_DOWNLOAD_PATH } from "@/lib/devices/connect-snippets";
import Link from "next/link";
import { jsonified } from "@/lib/jsonified";
import { findAuditEvents } from "@/lib/server/data/audit/find-audit-events";
import { getDeviceConversation } from "@/lib/server/data/devices/get-device-conversation";
import { getDeviceOrThrow } from "@/lib/server/data/devices/get-device-or-throw";
import { findChildSummary, findParentDevice } from "@/lib/server/data/devices/find-child-devices";
import { findDeviceIncidents } from "@/lib/server/data/incidents/find-incidents";
import { findDeviceDumps } from "@/lib/server/data/dumps/dump-rows";
import { findLicensesForPage } from "@/lib/server/data/licenses/device-licenses";
import { findLicenseTypes } from "@/lib/server/data/licenses/license-types";
import { orNotFound } from "@/lib/server/not-found";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/server/auth/session";
import { AccessKeyProvider } from "@/components/devices/access-key-input";
import { deviceStatus } from "@/lib/devices/device-status";
import { DeviceStatusBadge } from "@/components/devices/device-status-badge";
import { ProtocolBadge } from "@/components/model-form/protocol-badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Detail } from "@/components/ui/detail";
import { PageHeader } from "@/components/ui/page-header";
import { AuditLog } from "./_components/audit-log";
import { ConnectSnippets } from "./_components/connect-snippets";
import { DeviceActions } from "./_components/device-actions";
import { DeviceConversationSections } from "./_components/device-conversation";
import { DumpsSection } from "./_components/dumps-section";
import { LicensesSection } from "./_components/licenses-section";
import { EditDeviceDialog } from "./_components/edit-device-dialog";
import { HttpCheckPanel } from "./_components/http-check-panel";
import { IncidentsSection } from "./_components/incidents-section";
import { LiveConnectionPanel } from "./_components/live-connection-panel";

type Props = { params: Promise<{ deviceId: string }> };

export const metadata: Metadata = { title: "Device" };

export default async function DevicePage({ params }: Props) {
  const { deviceId } = await params;
  const viewer = await requireViewer();
  const device = await orNotFound(getDeviceOrThrow({ partnerId: viewer.partnerId, deviceId }));
  const [events, conversation, incidents, dumps, licenses, licenseTypes, children, parent] = await Promise.all([
    findAuditEvents({ partnerId: viewer.partnerId, targetId: device.id }),
    getDeviceConversation({ partnerId: viewer.partnerId, deviceId: device.id, range: "hour" }),
    findDeviceIncidents({ partnerId: viewer.partnerId, deviceId: device.id }),
    findDeviceDumps(viewer.partnerId, device.id),
    findLicensesForPage(viewer.partnerId, device.id),
    findLicenseTypes(viewer.partnerId, device.model.id),
    findChildSummary({ partnerId: viewer.partnerId, deviceId: device.id }),
    device.parentId ? findParentDevice({ partnerId: viewer.partnerId, parentId: device.parentId }) : null,
  ]);
  const details = device.details ? JSON.stringify(JSON.parse(device.details), null, 2) : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Models
        </Link>{" "}
        /{" "}
        <Link href={`/models/${device.model.id}`} className="hover:underline">
          {device.model.name}
        </Link>{" "}
        / <span className="text-slate-700">{device.name ?? device.sn}</span>
      </nav>
      <PageHeader
        title={device.name ?? device.sn}
        description={
          <span className="flex items-center gap-1 font-mono text-xs">
            Device ID <span data-testid="device-id">{device.id}</span>
            <CopyButton value={device.id} label="Device ID" />
          </span>
        }
        actions={
          <div className="flex flex-col items-end gap-2">
            <DeviceStatusBadge status={deviceStatus(device, device.model, new Date())} />
            <div className="flex flex-wrap justify-end gap-2">
              {can(viewer.role, "device.edit") ? <EditDeviceDialog device={device} /> : null}
              <DeviceActions device={device} role={viewer.role} />
            </div>
          </div>
        }
      />
      <section aria-labelledby="device-details" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="device-details" className="sr-only">
          Details
        </h2>
        <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-3">
          <Detail term="Serial number">{device.sn}</Detail>
          <Detail term="Model">
            <span className="flex items-center gap-2">
              <Link href={`/models/${device.model.id}`} className="text-brand-700 hover:underline">
                {device.model.name}
              </Link>
              <ProtocolBadge protocol={device.model.communicationProtocol} />
            </span>
          </Detail>
          <Detail term="Firmware">{device.firmwareVersion}</Detail>
          {device.subModel ? <Detail term="Sub-model">{device.subModel}</Detail> : null}
          {device.hostAddress ? <Detail term="Host address">{device.hostAddress}</Detail> : null}
          {device.parentId ? (
            <Detail term="Parent device">
              {parent ? (
                <Link href={`/devices/${parent.id}`} className="text-brand-700 underline">
                  {parent.name ?? parent.sn}
                </Link>
              ) : (
                // Deleted since the device named it: the id it reported, without a link.
                <span className="font-mono text-xs text-slate-500">{device.parentId}</span>
              )}
            </Detail>
          ) : null}
          {children.count > 0 ? (
            <Detail term="Child devices">
              <span className="flex flex-wrap items-center gap-x-2">
                {children.first.map((child) => (
                  <Link key={child.id} href={`/devices/${child.id}`} className="text-brand-700 underline">
                    {child.name ?? child.sn}
                  </Link>
                ))}
                {children.count > children.first.length ? (
                  <span className="text-slate-500">and {children.count - children.first.length} more</span>
                ) : null}
              </span>
            </Detail>
          ) : null}
          {device.spaceVersion ? <Detail term="Space version">{device.spaceVersion}</Detail> : null}
          <Detail term="MAC">{device.mac ?? <span className="text-slate-500">None</span>}</Detail>
          <Detail term="Cloud ID">{device.cloudId ?? <span className="text-slate-500">None</span>}</Detail>
          <Detail term="Registered">
            <DateTime value={device.createdAt} />
          </Detail>
          <Detail term="Last seen">
            {device.lastSeenAt ? <DateTime value={device.lastSeenAt} /> : <span className="text-slate-500">Never</span>}
          </Detail>
          <Detail term="Last connect">
            {device.connectedAt ? (
              <DateTime value={device.connectedAt} />
            ) : (
              <span className="text-slate-500">Never</span>
            )}
          </Detail>
          <Detail term="Last disconnect">
            {device.disconnectedAt ? (
              <DateTime value={device.disconnectedAt} />
            ) : (
              <span className="text-slate-500">Never</span>
            )}
          </Detail>
        </dl>
        {details ? (
          <div className="mt-4">
            <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Details</h3>
            <pre
              tabIndex={0}
              aria-label="Device details"
              className="mt-1 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs"
            >
              {details}
            </pre>
          </div>
        ) : null}
      </section>
      <IncidentsSection {...incidents} canClose={can(viewer.role, "incident.manage")} />
      <nav aria-label="On this page" className="mt-6 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {[
          ["#checklist", "Checklist"],
          ["#connect", "Connect"],
          ["#history", "History"],
          ["#telemetry", "Telemetry"],
          ["#commands", "Commands"],
          ["#config", "Config"],
          ["#activity", "Firmware and rejected messages"],
          ["#dumps", "Dumps"],
          ["#device-licenses", "Licences"],
          ["#audit-log", "Audit log"],
        ].map(([href, label]) => (
          <a key={href} href={href} className="text-brand-700 hover:underline">
            {label}
          </a>
        ))}
      </nav>
      <DeviceConversationSections deviceId={device.id} initial={jsonified(conversation)} role={viewer.role}>
        <div id="connect" />
        <AccessKeyProvider>
          {!can(viewer.role, "device.liveCheck") ? null : device.model.communicationProtocol === "MQTT" ? (
            <LiveConnectionPanel deviceId={device.id} />
          ) : (
            <HttpCheckPanel deviceId={device.id} hubUrl={env().DEVICE_API_URL} />
          )}
          <ConnectSnippets
            deviceId={device.id}
            protocol={device.model.communicationProtocol}
            mqttUrl={env().MQTT_PUBLIC_URL}
            hubUrl={env().DEVICE_API_URL}
            caUrl={offeredCaFile(env()) ? `${env().PUBLIC_URL}${CA_DOWNLOAD_PATH}` : undefined}
          />
        </AccessKeyProvider>
      </DeviceConversationSections>
      <DumpsSection deviceId={device.id} dumps={dumps} canDelete={can(viewer.role, "dump.manage")} />
      <LicensesSection
        deviceId={device.id}
        modelId={device.model.id}
        licenses={licenses}
        types={licenseTypes}
        canManage={can(viewer.role, "license.manage")}
      />
      <AuditLog events={events} />
    </>
  );
}
