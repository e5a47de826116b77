import { DownloadIcon, RocketIcon } from "lucide-react";
import Link from "next/link";
import {
  deviceListHref,
  deviceListQuerySchema,
  describeQueryError,
  searchParamsToObject,
  type DeviceListQuery,
} from "@/lib/schemas/device-list";
import { AppError } from "@/lib/server/errors";
import {
  countDevices,
  findFirmwareVersions,
  findModelRules,
  listDevices,
  readListCounts,
} from "@/lib/server/data/devices/list-devices";
import { can } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/server/auth/session";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DeviceFilters } from "./device-filters";
import { DeviceTable } from "./device-table";

type Props = {
  viewer: Viewer;
  searchParams: Record<string, string | string[] | undefined>;
  /** Where the list lives; its URL carries the filters. */
  basePath: string;
  /** On a model's page: the list is that model's, and the model filter is hidden. */
  modelId?: string;
};

/**
 * The partner's devices, searched, filtered, sorted and paged on the server
 * from the URL's state; statuses update live in the browser.
 */
export async function DeviceList({ viewer, searchParams, basePath, modelId }: Props) {
  const parsed = deviceListQuerySchema.safeParse({
    ...searchParamsToObject(searchParams),
    ...(modelId ? { model: modelId } : {}),
  });
  if (!parsed.success)
    return (
      <ListProblem
        basePath={basePath}
        message={`This link's filters are not valid: ${describeQueryError(parsed.error)}.`}
      />
    );
  const query = parsed.data;
  const models = await findModelRules(viewer.partnerId);
  const now = new Date();
  let page: Awaited<ReturnType<typeof listDevices>>;
  let total: number | null;
  let firmwareVersions: string[];
  try {
    // The kept counts are read once: they choose the models the page reads,
    // make its total and list the firmware versions.
    const counts = query.q
      ? null
      : await readListCounts({ partnerId: viewer.partnerId, query, models, now, forTotal: true });
    [page, total, firmwareVersions] = await Promise.all([
      listDevices({ partnerId: viewer.partnerId, query, models, now, counts }),
      // A substring search scans the fleet; counting its matches would scan it
      // again, so a search that spills past one page says "more than" instead.
      query.q ? Promise.resolve(null) : countDevices({ partnerId: viewer.partnerId, query, models, now, counts }),
      findFirmwareVersions(viewer.partnerId, modelId, counts?.groups),
    ]);
  } catch (error) {
    if (error instanceof AppError) return <ListProblem basePath={basePath} message={error.message} />;
    throw error;
  }
  if (total === null && !query.cursor && !page.nextCursor) total = page.rows.length;
  const isFiltered = Boolean(query.q || query.status || query.firmware || query.incident || (!modelId && query.model));
  // Links back to this list carry its filters; on a model's page the model is the path.
  const linkQuery: Partial<DeviceListQuery> = modelId ? { ...query, model: undefined } : query;
  return (
    <div className="space-y-4">
      <DeviceFilters
        basePath={basePath}
        query={query}
        models={modelId ? null : models.map(({ id, name }) => ({ id, name }))}
        firmwareVersions={firmwareVersions}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="text-slate-600" aria-live="polite">
          {total === null
            ? `More than ${page.rows.length} matching devices; refine the search, or export them all`
            : `${total.toLocaleString("en-US")}${isFiltered ? " matching" : ""} device${total === 1 ? "" : "s"}`}
          {query.cursor ? " · later page" : ""}
        </p>
        {total !== 0 ? (
          <div className="flex flex-wrap gap-2">
            {query.model && can(viewer.role, "rollout.manage") ? (
              // One model's devices, as filtered here, can be a rollout's target.
              <Button asChild variant="secondary" size="sm">
                <Link
                  href={deviceListHref(`/models/${query.model}/rollouts/new`, {
                    q: query.q,
                    status: query.status,
                    firmware: query.firmware,
                    incident: query.incident,
                  })}
                >
                  <RocketIcon aria-hidden /> Roll out firmware
                </Link>
              </Button>
            ) : null}
            <Button asChild variant="secondary" size="sm">
              <a href={deviceListHref("/api/devices/export", { ...query, cursor: undefined })} download>
                <DownloadIcon aria-hidden /> Export CSV
              </a>
            </Button>
          </div>
        ) : null}
      </div>
      {page.rows.length === 0 ? (
        isFiltered || query.cursor ? (
          <EmptyState title="No devices match" description="Try another search or clear the filters." />
        ) : (
          <EmptyState
            title="No devices yet"
            description="Register a device from its model's page; it appears here with its live status."
          />
        )
      ) : (
        <DeviceTable
          key={page.rows.map((row) => row.id).join()}
          rows={page.rows}
          isWriter={can(viewer.role, "device.disable") && can(viewer.role, "device.delete")}
          showModel={!modelId}
        />
      )}
      <nav aria-label="Pages" className="flex justify-between gap-2">
        {query.cursor ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={deviceListHref(basePath, { ...linkQuery, cursor: undefined })} scroll={false}>
              First page
            </Link>
          </Button>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={deviceListHref(basePath, { ...linkQuery, cursor: page.nextCursor })} scroll={false}>
              Next page
            </Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}

function ListProblem({ basePath, message }: { basePath: string; message: string }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
      {message}{" "}
      <Link href={basePath} className="font-medium underline">
        Show all devices
      </Link>
    </div>
  );
}
