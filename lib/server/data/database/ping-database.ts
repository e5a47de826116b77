import "server-only";
import { db, pingConnection } from "../../database/db";

/** One round trip to the database through Prisma (`SELECT 1`): it answers, and the client's connection and engine are loaded. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}

/** One round trip on the database's connection, without Prisma's engine: cheap enough for liveness polled many times a second. */
export async function pingDatabaseConnection(): Promise<void> {
  await pingConnection();
}
