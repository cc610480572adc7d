"use client";

import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl/react";
import { IconButton } from "./ui/icon-button";
import { Menu, MenuContent, MenuLabel, MenuRadioGroup, MenuRadioItem, MenuTrigger } from "./ui/menu";

const THEMES = [
  { value: "system", icon: MonitorIcon, label: "themeSystem" },
  { value: "light", icon: SunIcon, label: "themeLight" },
  { value: "dark", icon: MoonIcon, label: "themeDark" },
] as const;

/** Chooses light, dark or the system's look; remembered in this browser. */
export function ThemeSwitch() {
  const t = useTranslations("common");
  const { theme, setTheme } = useTheme();
  // The stored choice is known only in the browser: the server renders the system icon.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const current = THEMES.find((x) => x.value === (mounted ? theme : "system")) ?? THEMES[0];
  const Icon = current.icon;
  return (
    <Menu>
      <MenuTrigger asChild>
        <IconButton label={`${t("theme")}: ${t(current.label)}`}>
          <Icon aria-hidden />
        </IconButton>
      </MenuTrigger>
      <MenuContent align="start">
        <MenuLabel>{t("theme")}</MenuLabel>
        <MenuRadioGroup value={current.value} onValueChange={setTheme}>
          {THEMES.map(({ value, icon: ItemIcon, label }) => (
            <MenuRadioItem key={value} value={value}>
              <ItemIcon aria-hidden />
              {t(label)}
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
      </MenuContent>
    </Menu>
  );
}
