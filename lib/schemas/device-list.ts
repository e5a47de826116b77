import { z } from "zod";
import { DEVICE_STATUSES } from "@/lib/devices/device-status";

export const DEVICE_SORTS = ["created_desc", "created_asc", "last_seen_desc"] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

export const DEVICE_SORT_LABELS: Record<DeviceSort, string> = {
  created_desc: "Newest first",
  created_asc: "Oldest first",
  last_seen_desc: "Last seen",
};

export const DEVICE_PAGE_SIZE = 50;

const optionalText = (max: number, name: string) =>
  z
    .string()
    .trim()
    .max(max, `${name} is at most ${max} characters`)
    .transform((value) => value || undefined)
    .optional();

/**
 * The devices list's state, as it lives in the URL (page, export link and
 * change feed read the same thing). Empty values mean "no filter".
 */
export const deviceListQuerySchema = z.object({
  q: optionalText(100, "Search"),
  model: optionalText(64, "Model"),
  status: z.enum(DEVICE_STATUSES, { error: `status must be one of ${DEVICE_STATUSES.join(", ")}` }).optional(),
  firmware: optionalText(64, "Firmware"),
  /** "open": only devices with an open incident. */
  incident: z.enum(["open"], { error: "incident must be open" }).optional(),
  sort: z.enum(DEVICE_SORTS, { error: `sort must be one of ${DEVICE_SORTS.join(", ")}` }).default("created_desc"),
  cursor: optionalText(300, "cursor"),
});

export type DeviceListQuery = z.output<typeof deviceListQuerySchema>;

/** The URL's search params as the schema's input: one value per name, the first. */
export function searchParamsToObject(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [name, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && !(name in out)) out[name] = first;
  }
  // An empty status, sort or incident filter from a form means "any" / the default.
  for (const name of ["status", "sort", "incident"]) if (out[name] === "") delete out[name];
  return out;
}

/** The query as URL search params, without empty or default values (shareable, short). */
export function deviceListHref(path: string, query: Partial<DeviceListQuery>): string {
  const params = new URLSearchParams();
  for (const name of ["q", "model", "status", "firmware", "incident", "sort", "cursor"] as const) {
    const value = query[name];
    if (value && !(name === "sort" && value === "created_desc")) params.set(name, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const describeQueryError = (error: z.ZodError): string => error.issues.map((issue) => issue.message).join("; ");

/** Device ids sent as one comma-separated value (a query parameter or a form field). */
const deviceIdList = (required: string, ids: z.ZodArray<z.ZodUUID>) =>
  z
    .string({ error: required })
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(ids);

/** Change feed: the devices on screen and the time of the last answer. */
export const devicePresenceQuerySchema = z.object({
  ids: deviceIdList(
    "ids is required: the ids of the devices on screen, comma-separated",
    z.array(z.uuid({ error: "ids must be device ids" })).max(DEVICE_PAGE_SIZE, `at most ${DEVICE_PAGE_SIZE} ids`),
  ),
  since: z.coerce.number({ error: "since must be a time in ms" }).int().nonnegative().optional(),
});

/** Bulk actions on the devices selected in the list. */
export const bulkDeviceActionSchema = z.object({
  action: z.enum(["disable", "enable", "delete"], { error: "Choose disable, enable or delete" }),
  deviceIds: deviceIdList(
    "Select at least one device",
    z
      .array(z.uuid({ error: "Unknown device" }))
      .min(1, "Select at least one device")
      .max(DEVICE_PAGE_SIZE * 4, "Too many devices at once"),
  ),
});
