"use client";

import { KeyboardIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl/react";
import { useSidebar } from "../sidebar/sidebar-state";
import { IconButton } from "../ui/icon-button";
import { isTyping } from "./shortcut-list";

/** Loaded when first opened: a modal's focus trap is not needed to show the page. */
const ShortcutsSheet = dynamic(() => import("./shortcuts-sheet").then((m) => m.ShortcutsSheet), { ssr: false });

/**
 * The chat's page-wide shortcuts: `?` lists them all, Shift+Esc goes to the message box, Ctrl/⌘+K
 * to the conversation search (opening the sidebar on a phone). Also a button that shows the list.
 */
export function KeyboardShortcuts() {
  const t = useTranslations("common");
  const { setOpen: setSidebarOpen } = useSidebar();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === "Escape" && e.shiftKey) {
        e.preventDefault();
        document.getElementById("composer-input")?.focus();
      } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setSidebarOpen(true);
        // The sidebar may have just been shown (a phone): focus once it is there.
        requestAnimationFrame(() => document.getElementById("conversation-search")?.focus());
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [setSidebarOpen]);
  return (
    <>
      <IconButton label={t("shortcuts.show")} onClick={() => setOpen(true)} className="max-md:hidden">
        <KeyboardIcon aria-hidden />
      </IconButton>
      {open && <ShortcutsSheet open onOpenChange={setOpen} />}
    </>
  );
}
