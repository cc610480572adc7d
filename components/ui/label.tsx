import { cva, type VariantProps } from "class-variance-authority";
import type * as React from "react";
import { cn } from "./cn";

export const labelVariants = cva("", {
  variants: {
    variant: {
      default: "text-sm font-medium",
      /** A compact row's caption (a table-like form): small and quiet. */
      muted: "text-xs text-fg-muted",
    },
  },
  defaultVariants: { variant: "default" },
});

/** The label above a form control; pair it with the control's id through `htmlFor`. */
export function Label({
  className,
  variant,
  ...props
}: React.ComponentProps<"label"> & VariantProps<typeof labelVariants>) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor or wrap the control.
  return <label data-slot="label" className={cn(labelVariants({ variant }), className)} {...props} />;
}
