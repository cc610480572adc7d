"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { revokeAnyApiKey } from "@/lib/keys/keys";
import { saveApiAccess } from "@/lib/team/settings";

// The API keys page's actions: whether the team may call the GLM API at all, and revoking anyone's
// key. A person's own switch is on the users page (../users/actions).

export const saveApiAccessAction = adminAction(
  z.object({ apiAccess: z.enum(["on", "off"]) }),
  async ({ apiAccess }, { t }) => {
    await saveApiAccess(apiAccess === "on");
    revalidatePath("/admin/keys");
    return { ok: true, message: t(`saved.${apiAccess}`) };
  },
  { messages: "admin.apiKeys", invalid: (_issues, t) => ({ message: t("invalid") }) },
);

export const revokeAnyKeyAction = adminAction(
  z.string().min(1).max(64),
  async (id, { t }) => {
    if (!(await revokeAnyApiKey(id))) return { ok: false, message: t("gone") };
    revalidatePath("/admin/keys");
    return { ok: true };
  },
  { messages: "admin.apiKeys", invalid: (_issues, t) => ({ message: t("gone") }) },
);
