"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The admin sections as tabs, the current one marked; one scrolling row on a phone. */
export function AdminNav({ label, sections }: { label: string; sections: { href: string; title: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex gap-1 overflow-x-auto px-2 text-sm">
      {sections.map(({ href, title }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`shrink-0 border-b-2 px-2.5 py-2 outline-none focus-visible:ring-2 focus-visible:ring-accent/60 ${
              current ? "border-accent font-medium text-fg" : "border-transparent text-fg-muted hover:text-fg"
            }`}
          >
            {title}
          </Link>
        );
      })}
    </nav>
  );
}
