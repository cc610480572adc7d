"use client";

import { MenuIcon } from "lucide-react";
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useState } from "react";
import { useTranslations } from "use-intl/react";
import { IconButton } from "../ui/icon-button";

// Whether the sidebar is open on a phone-sized screen (on wider screens it is always shown).
const SidebarContext = createContext<{ open: boolean; setOpen: (open: boolean) => void }>({
  open: false,
  setOpen: () => {},
});

export function SidebarProvider({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the overlay whenever the page changes
  useEffect(() => setOpen(false), [pathname]);
  return <SidebarContext.Provider value={{ open, setOpen }}>{children}</SidebarContext.Provider>;
}

export function useSidebar() {
  return useContext(SidebarContext);
}

/** The button that opens the sidebar on a phone-sized screen. */
export function SidebarButton() {
  const t = useTranslations("sidebar");
  const { open, setOpen } = useSidebar();
  return (
    <IconButton
      label={t("conversations")}
      tooltip={false}
      size="icon"
      onClick={() => setOpen(!open)}
      aria-expanded={open}
      aria-controls="sidebar"
      className="-ml-2 md:hidden"
    >
      <MenuIcon aria-hidden />
    </IconButton>
  );
}
