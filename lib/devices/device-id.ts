// A device id as the portal makes it: a lowercase UUID (crypto.randomUUID).
// The device API, the hub's auth hooks and the history check ids with it
// before any lookup, so text that cannot be a device never costs a query.
const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `value` has the shape of a device id. */
export const isDeviceId = (value: string | null | undefined): value is string =>
  typeof value === "string" && DEVICE_ID.test(value);
