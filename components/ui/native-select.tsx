import type { VariantProps } from "class-variance-authority";
import { ChevronDown } from "lucide-react";
import type * as React from "react";
import { cn } from "./cn";
import { fieldControlVariants } from "./input";

// A styled native <select>: the platform's own list on phones and screen readers, our look on the
// closed control. Choices that need more than a label (the model picker) use a Popover + cmdk.

export type NativeSelectProps = Omit<React.ComponentProps<"select">, "size"> &
  Omit<VariantProps<typeof fieldControlVariants>, "mono"> & {
    /** Classes for the wrapper, which sizes the control (e.g. "w-40"); `className` styles the select. */
    wrapperClassName?: string;
  };

export function NativeSelect({ className, wrapperClassName, size, ...props }: NativeSelectProps) {
  return (
    <div data-slot="native-select" className={cn("relative inline-flex", wrapperClassName)}>
      <select
        className={cn(fieldControlVariants({ size }), "cursor-pointer appearance-none pr-7", className)}
        {...props}
      />
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2 size-3.5 -translate-y-1/2 text-fg-muted"
      />
    </div>
  );
}
