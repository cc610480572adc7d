"use client";

import { Popover as PopoverPrimitive } from "radix-ui";
import type * as React from "react";
import { cn } from "./cn";

// A panel anchored to its button (Radix: Escape and outside clicks close it, focus returns).

export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;

export function PopoverContent({
  className,
  align = "start",
  sideOffset = 6,
  ...props
}: React.ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        align={align}
        sideOffset={sideOffset}
        className={cn(
          "z-50 rounded-lg border border-border bg-bg text-fg shadow-lg outline-none",
          "max-h-(--radix-popover-content-available-height)",
          className,
        )}
        {...props}
      />
    </PopoverPrimitive.Portal>
  );
}
