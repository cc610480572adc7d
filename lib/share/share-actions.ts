"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "../auth/session";
import { readShare } from "./access";
import { copyShare } from "./shares";

// "Continue this chat" on a share page: a copy of what the link shows becomes the signed-in
// viewer's own conversation. A link that stopped working meanwhile (revoked, or sharing switched
// off) leads to its 404 again.

export async function continueSharedChatAction(token: string): Promise<void> {
  const viewer = await requireUser();
  const parsed = z.string().max(64).safeParse(token);
  const access = parsed.success ? await readShare(parsed.data, viewer) : null;
  const id = access?.kind === "open" ? await copyShare(viewer.id, access.shared) : null;
  redirect(id ? `/chat/${id}` : `/share/${encodeURIComponent(token)}`);
}
