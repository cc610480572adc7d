"use client";

import { useTranslations } from "use-intl/react";

/**
 * An image in model output, as a link: an image would be fetched as soon as it renders, and its
 * URL can carry the conversation to a third party (prompt injection).
 */
export function ImageLink({ src, alt }: { src: string; alt?: string }) {
  const t = useTranslations("chat.markdown");
  return (
    <a href={src} target="_blank" rel="noopener noreferrer nofollow">
      {alt ? t("imageWithAlt", { alt }) : t("image")}
    </a>
  );
}
