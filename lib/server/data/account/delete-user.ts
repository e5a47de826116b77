import "server-only";
import { db } from "../../database/db";

/** Deletes a user and, by cascade, their sessions and accounts (a sign-up that could not finish). */
export async function deleteUser(userId: string): Promise<void> {
  await db.user.delete({ where: { id: userId } });
}
