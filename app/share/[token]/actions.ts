"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { localized, requestLocale } from "@/lib/i18n/app-error";
import { readShare } from "@/lib/share/access";
import { copyShare } from "@/lib/share/shares";

// "Continue this chat" on a share page: a copy of what the link shows becomes the signed-in
// viewer's own conversation. A link that stopped working meanwhile (revoked, or sharing switched
// off) leads to its 404 again; a copy that does not fit the viewer's storage quota is refused
// with the reason.

export interface ContinueState {
  /** Why no copy was made (a storage quota), in the viewer's language. */
  error?: string;
}

export async function continueSharedChatAction(token: string, _prev: ContinueState): Promise<ContinueState> {
  const viewer = await requireUser();
  const parsed = z.string().max(64).safeParse(token);
  const access = parsed.success ? await readShare(parsed.data, viewer) : null;
  let id: string | null = null;
  if (access?.kind === "open") {
    try {
      id = await copyShare(viewer.id, access.shared);
    } catch (error) {
      if (error instanceof AppError) return { error: localized(error, await requestLocale()).message };
      throw error;
    }
  }
  redirect(id ? `/chat/${id}` : `/share/${encodeURIComponent(token)}`);
}
