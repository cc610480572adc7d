import { cva, type VariantProps } from "class-variance-authority";
import type * as React from "react";
import { cn } from "./cn";

export const labelVariants = cva("", {
  variants: {
    // xs: above the small fields of a dense panel (the chat's parameters and system prompt).
    size: { xs: "text-xs", sm: "text-sm" },
    variant: {
      default: "font-medium",
      /** A compact row's caption (a table-like form): quiet. */
      muted: "text-fg-muted",
    },
  },
  defaultVariants: { size: "sm", variant: "default" },
});

/** The label above a form control; pair it with the control's id through `htmlFor`. */
export function Label({
  className,
  size,
  variant,
  ...props
}: React.ComponentProps<"label"> & VariantProps<typeof labelVariants>) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor or wrap the control.
  return <label data-slot="label" className={cn(labelVariants({ size, variant }), className)} {...props} />;
}
