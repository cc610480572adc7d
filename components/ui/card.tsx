import { cva, type VariantProps } from "class-variance-authority";
import type * as React from "react";
import { cn } from "./cn";

// A bordered panel that groups one thing on a page (an admin form, a usage table, a settings block).

export const cardVariants = cva("rounded-xl border border-border bg-bg", {
  variants: {
    padding: { none: "", sm: "p-3", md: "p-4", lg: "p-6" },
  },
  defaultVariants: { padding: "md" },
});

export type CardProps = React.ComponentProps<"section"> & VariantProps<typeof cardVariants>;

export function Card({ className, padding, ...props }: CardProps) {
  return <section data-slot="card" className={cn(cardVariants({ padding }), className)} {...props} />;
}
