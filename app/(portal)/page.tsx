import type { Metadata } from "next";
import Link from "next/link";
import { BoxesIcon } from "lucide-react";
import { getOverview } from "@/lib/server/data/overview/get-overview";
import { can } from "@/lib/auth/policy";
import { requireViewer } from "@/lib/server/auth/session";
import { AddModelDialog } from "@/components/model-form/add-model-dialog";
import { ActivityChart } from "@/components/overview/activity-chart";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Overview" };

/** The partner's home after sign-in: the fleet at a glance. */
export default async function OverviewPage() {
  const viewer = await requireViewer();
  const overview = await getOverview({ partnerId: viewer.partnerId });
  const { counts } = overview;
  return (
    <>
      <PageHeader title="Overview" description={`${viewer.partnerName}'s models and devices at a glance.`} />
      {counts.models === 0 ? (
        <EmptyState
          icon={<BoxesIcon aria-hidden className="size-5" />}
          title="Start with a device model"
          description="A model describes one kind of device and fixes its communication protocol (MQTT or HTTP). Then register devices for it and check them live."
          action={can(viewer.role, "model.manage") ? <AddModelDialog triggerLabel="Add Model" /> : null}
        />
      ) : (
        <div className="space-y-6">
          <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
            <Stat term="Models" value={counts.models} href="/models" />
            <Stat term="Devices" value={counts.devices} href="/devices" />
            <Stat term="Online now" value={counts.online} href="/devices?status=online" />
            <Stat term="Registered today" value={counts.registeredToday} href="/devices" />
            <Stat
              term="Open incidents"
              value={counts.openIncidents}
              href="/devices?incident=open"
              note={
                counts.openIncidents > 0
                  ? `on ${counts.devicesWithIncidents.toLocaleString("en-US")} device${counts.devicesWithIncidents === 1 ? "" : "s"}`
                  : undefined
              }
            />
          </dl>
          {counts.devices === 0 ? (
            <EmptyState
              title="No devices registered yet"
              description="Open a model, create a hardware key and register a device, through the portal or the Register Device API."
              action={
                <Button asChild>
                  <Link href="/models">Register device</Link>
                </Button>
              }
            />
          ) : (
            <>
              <section aria-labelledby="activity" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h2 id="activity" className="text-base font-semibold text-slate-900">
                  Last 30 days
                </h2>
                <ActivityChart perDay={overview.perDay} />
              </section>
              <div className="grid gap-6 md:grid-cols-2">
                <section aria-labelledby="latest" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                  <h2 id="latest" className="text-base font-semibold text-slate-900">
                    Recently registered
                  </h2>
                  <ul className="mt-2 divide-y divide-slate-100 text-sm">
                    {overview.latest.map((device) => (
                      <li key={device.id} className="flex items-center justify-between gap-2 py-2">
                        <span>
                          <Link href={`/devices/${device.id}`} className="font-medium text-brand-700 hover:underline">
                            {device.name ?? device.sn}
                          </Link>
                          <span className="block text-xs text-slate-500">{device.model.name}</span>
                        </span>
                        <span className="text-xs text-slate-500">
                          <DateTime value={device.createdAt} />
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
                <section
                  aria-labelledby="most-offline"
                  className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
                >
                  <h2 id="most-offline" className="text-base font-semibold text-slate-900">
                    Models with the most offline devices
                  </h2>
                  {overview.mostOffline.length === 0 ? (
                    <p className="mt-2 text-sm text-slate-600">No device that has connected is offline.</p>
                  ) : (
                    <ul className="mt-2 divide-y divide-slate-100 text-sm">
                      {overview.mostOffline.map((model) => (
                        <li key={model.modelId} className="flex items-center justify-between gap-2 py-2">
                          <Link
                            href={`/models/${model.modelId}?status=offline`}
                            className="font-medium text-brand-700 hover:underline"
                          >
                            {model.name}
                          </Link>
                          <span className="tabular-nums text-amber-800">
                            {model.offline.toLocaleString("en-US")} offline
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              </div>
            </>
          )}
        </div>
      )}
    </>
  );
}

function Stat({ term, value, href, note }: { term: string; value: number; href: string; note?: string }) {
  return (
    <div className="relative rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{term}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">
        {/* The whole card is the link's target area. */}
        <Link
          href={href}
          className="after:absolute after:inset-0"
          data-testid={`stat-${term.toLowerCase().replace(/ /g, "-")}`}
        >
          {value.toLocaleString("en-US")}
        </Link>
        {note ? <span className="ml-2 text-xs font-normal text-slate-500">{note}</span> : null}
      </dd>
    </div>
  );
}
