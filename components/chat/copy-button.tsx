"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl/react";
import { Button, type ButtonProps } from "../ui/button";
import { IconButton } from "../ui/icon-button";

/** Copies a text to the clipboard and says so for a moment; an icon alone, or an icon and its label. */
export function CopyButton({
  text,
  label,
  iconOnly = false,
  variant = "ghost",
  size,
  className,
}: {
  text: string;
  label?: string;
  iconOnly?: boolean;
} & Pick<ButtonProps, "variant" | "size" | "className">) {
  const t = useTranslations("chat.actions");
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  const name = copied ? t("copied") : (label ?? t("copy"));
  const icon = copied ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />;
  if (iconOnly) {
    return (
      <IconButton label={name} variant={variant} size={size ?? "icon-sm"} className={className} onClick={copy}>
        {icon}
      </IconButton>
    );
  }
  return (
    <Button variant={variant} size={size ?? "sm"} className={className} onClick={copy}>
      {icon}
      {name}
    </Button>
  );
}
