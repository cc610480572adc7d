"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "../auth/session";
import { copyShare } from "./shares";

// "Continue this chat" on a share page: a copy of what the link shows becomes the signed-in
// viewer's own conversation. A link that stopped working meanwhile leads to its 404 again.

export async function continueSharedChatAction(token: string): Promise<void> {
  const viewer = await requireUser();
  const parsed = z.string().max(64).safeParse(token);
  const id = parsed.success ? await copyShare(viewer.id, parsed.data) : null;
  redirect(id ? `/chat/${id}` : `/share/${encodeURIComponent(token)}`);
}
