import type * as React from "react";
import { cn } from "./cn";

/** The label above a form control; pair it with the control's id through `htmlFor`. */
export function Label({ className, ...props }: React.ComponentProps<"label">) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor or wrap the control.
  return <label data-slot="label" className={cn("text-sm font-medium", className)} {...props} />;
}
