import "server-only";
import { createPartner } from "../partners/create-partner";
import { deleteUser } from "./delete-user";

/**
 * A new account's own partner, with it as owner. No account lives without
 * one: when the partner cannot be made, the user goes too (its sessions and
 * accounts by cascade) and the error is thrown on.
 */
export async function giveNewUserAPartner(userId: string, partnerName: string): Promise<void> {
  try {
    await createPartner({ name: partnerName, ownerUserId: userId });
  } catch (error) {
    await deleteUser(userId);
    throw error;
  }
}
