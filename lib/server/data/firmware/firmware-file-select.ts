import "server-only";

/** What lists and the device API show of a firmware file. */
export const FIRMWARE_FILE_SELECT = {
  id: true,
  modelId: true,
  name: true,
  fileType: true,
  version: true,
  versionKey: true,
  isPrerelease: true,
  sha256: true,
  size: true,
  notes: true,
  publicNotes: true,
  createdBy: true,
  createdAt: true,
} as const;

export type FirmwareFileRow = {
  id: string;
  modelId: string;
  name: string;
  fileType: string;
  version: string;
  versionKey: string;
  isPrerelease: boolean;
  sha256: string;
  size: number;
  notes: string | null;
  publicNotes: string | null;
  createdBy: string;
  createdAt: Date;
};

/** Newest version first (SemVer order; the keys compare byte by byte), then newest upload. */
export const byNewestVersion = (a: FirmwareFileRow, b: FirmwareFileRow): number =>
  a.versionKey < b.versionKey ? 1 : a.versionKey > b.versionKey ? -1 : b.createdAt.getTime() - a.createdAt.getTime();
