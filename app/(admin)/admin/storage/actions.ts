"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { formReading } from "@/lib/api/form-fields";
import { upsertStorageQuotas } from "@/lib/storage/queries";
import { readQuotaCount, readQuotaMegabytes } from "@/lib/storage/quota-input";

// The storage page's action: the team's quotas per person (an admin action, lib/api/action).

/** A quota as typed (its first 100 characters: no figure is longer), read by `read`. */
const quota = <T>(read: (text: string) => T | "invalid", message: string) =>
  formReading((text) => read(text.slice(0, 100)), message);

export const saveStorageQuotasAction = adminAction(
  (t) =>
    z.object({
      bytes: quota(readQuotaMegabytes, t("errors.megabytes")),
      conversations: quota(readQuotaCount, t("errors.count")),
      shares: quota(readQuotaCount, t("errors.count")),
      presets: quota(readQuotaCount, t("errors.count")),
    }),
  async (quotas, { t }) => {
    await upsertStorageQuotas({
      userBytes: quotas.bytes,
      userConversations: quotas.conversations,
      userShares: quotas.shares,
      userPresets: quotas.presets,
    });
    revalidatePath("/admin/storage");
    return { ok: true, message: t("saved") };
  },
  { messages: "admin.storage" },
);
