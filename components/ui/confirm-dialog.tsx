"use client";

import dynamic from "next/dynamic";

/**
 * The confirm dialog (alert-dialog.tsx), loaded the first time one is asked for: a modal's focus
 * trap and scroll lock are about 15 KB of the chat page's JavaScript that most visits never use.
 * Render it only while it is open.
 */
export const ConfirmDialog = dynamic(() => import("./alert-dialog").then((m) => m.ConfirmDialog), { ssr: false });
