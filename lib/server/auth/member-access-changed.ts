import "server-only";
import { recordMemberEvent } from "../data/members/record-member-event";
import { forgetApiTokensOf } from "../data/api-tokens/api-token-cache";
import { forgetViewer } from "../viewer-cache";

/**
 * After better-auth changed a member's role or membership: what the portal
 * cached of the user's access (their sessions' viewer, their API tokens'
 * grants) is dropped at once, and the change is audited.
 */
export async function memberAccessChanged(
  userId: string,
  event: Parameters<typeof recordMemberEvent>[0],
): Promise<void> {
  forgetViewer(userId);
  forgetApiTokensOf(userId);
  await recordMemberEvent(event);
}
