import type * as React from "react";
import { cn } from "./cn";

/**
 * A box that scrolls sideways (a wide table on a phone, a long line of code): focusable, so that a
 * keyboard can scroll it too (WCAG 2.1.1), and named, so that a screen reader says what it is.
 */
export function ScrollRegion({ label, className, ...props }: React.ComponentProps<"section"> & { label: string }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to be scrolled by keys
      tabIndex={0}
      className={cn("overflow-x-auto outline-none focus-visible:ring-2 focus-visible:ring-accent/60", className)}
      {...props}
    />
  );
}
