import "server-only";
import { db } from "../../database/db";

/** One round trip to the database (`SELECT 1`): it answers, and the client's connection and engine are loaded. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
