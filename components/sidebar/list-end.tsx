"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl/react";
import { Button } from "../ui/button";

// The end of the conversation list while older conversations exist: it asks for them once it
// comes within a few hundred pixels of the list's view (the reader scrolling down), or when
// clicked. While they load it waits; if it is still in view once they are in, it asks again.

export function ListEnd({ loading, onMore }: { loading: boolean; onMore: () => void }) {
  const t = useTranslations("sidebar");
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || loading) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore(), {
      root: element.closest("nav"),
      rootMargin: "400px 0px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [loading, onMore]);
  return (
    <li>
      <Button ref={ref} variant="ghost" size="xs" className="w-full" aria-busy={loading} onClick={onMore}>
        {loading ? t("loadingMore") : t("more")}
      </Button>
    </li>
  );
}
