/** Get Device Info (GET /v1/devices/{id}): the device as the portal knows it, in Xyte's field names. */
export type DeviceInfoAnswer = {
  id: string;
  device_id: string;
  name: string | null;
  sn: string;
  mac: string | null;
  cloud_id: string | null;
  model: { id: string; name: string; sub_model: string | null };
  firmware: { version: string };
  firmware_version: string;
  details: Record<string, unknown> | null;
  host_address: string | null;
  parent_id: string | null;
  space_version: string | null;
  /** Compare with the telemetry answer's info_version: when that is higher, read this again. */
  info_version: number;
  config_version: number;
  created_at: string;
  last_seen_at: string | null;
};
