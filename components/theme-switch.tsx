"use client";

import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl/react";
import { Tooltip } from "./ui/tooltip";

const THEMES = [
  { value: "system", icon: MonitorIcon, label: "themeSystem" },
  { value: "light", icon: SunIcon, label: "themeLight" },
  { value: "dark", icon: MoonIcon, label: "themeDark" },
] as const;

/**
 * Light, dark or the system's look, remembered in this browser: three icons of which one is
 * chosen. Native radio buttons (arrow keys, one tab stop, announced as a group) drawn as a
 * segmented control.
 */
export function ThemeSwitch() {
  const t = useTranslations("common");
  const { theme, setTheme } = useTheme();
  // The stored choice is known only in the browser: the server renders "system".
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const chosen = mounted ? (theme ?? "system") : "system";
  return (
    <fieldset className="m-0 flex items-center rounded-md border border-border bg-bg p-0.5">
      <legend className="sr-only">{t("theme")}</legend>
      {THEMES.map(({ value, icon: Icon, label }) => (
        <Tooltip key={value} content={t(label)}>
          <label className="flex size-6 cursor-pointer items-center justify-center rounded text-fg-muted hover:text-fg has-checked:bg-muted has-checked:text-fg has-focus-visible:ring-2 has-focus-visible:ring-accent/60">
            <input
              type="radio"
              name="theme"
              value={value}
              checked={chosen === value}
              onChange={() => setTheme(value)}
              aria-label={t(label)}
              className="sr-only"
            />
            <Icon aria-hidden className="size-3.5" />
          </label>
        </Tooltip>
      ))}
    </fieldset>
  );
}
