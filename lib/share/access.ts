import "server-only";
import type { SharingMode } from "../shared/team-policy";
import { teamPolicy } from "../team/settings";
import { type OpenedShare, openShare } from "./shares";

// Who may read a share link, by the team's sharing setting (an admin's, Admin → Users):
// off: nobody (every link answers 404; none can be made); signed-in: people signed in to this
// site; public: anyone with the link. Links are not revoked by "off": they work again if sharing
// is switched back on.

export type ShareAccess = { kind: "open"; shared: OpenedShare } | { kind: "sign-in" } | { kind: "not-found" };

export async function sharingMode(): Promise<SharingMode> {
  return (await teamPolicy()).sharing;
}

/**
 * What `viewer` (null: signed out) gets for a link. A signed-out reader of a team that shares with
 * members only is sent to sign in before anything is looked up: they learn nothing about the link.
 */
export async function readShare(token: string, viewer: { id: string } | null): Promise<ShareAccess> {
  const mode = await sharingMode();
  if (mode === "off") return { kind: "not-found" };
  if (mode === "signed-in" && !viewer) return { kind: "sign-in" };
  const shared = await openShare(token);
  return shared ? { kind: "open", shared } : { kind: "not-found" };
}
