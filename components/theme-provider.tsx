"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type * as React from "react";

// Light, dark, or the system's: the user's choice is kept in this browser (localStorage), and a
// script next-themes puts before the page paints sets the `dark` class on <html>, so a dark page
// never flashes light on load.

export function ThemeProvider({ children }: { children: React.ReactNode }) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      {children}
    </NextThemesProvider>
  );
}
