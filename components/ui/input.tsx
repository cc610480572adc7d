import { cva, type VariantProps } from "class-variance-authority";
import type * as React from "react";
import { cn } from "./cn";

// One look for every text box, text area and drop-down, so that borders, focus rings, invalid and
// disabled states agree across the chat, the settings and the admin forms.

export const fieldControlVariants = cva(
  "w-full min-w-0 rounded-md border border-border bg-bg text-fg outline-none transition-colors placeholder:text-fg-muted focus-visible:border-accent focus-visible:ring-2 focus-visible:ring-accent/30 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-danger aria-invalid:ring-danger/20",
  {
    variants: {
      size: {
        // Compact, for a control in a row of small text (the language switch, a copied link).
        xs: "px-1.5 py-0.5 text-xs",
        sm: "px-2 py-1 text-sm",
        md: "px-3 py-1.5 text-sm",
        lg: "px-3 py-2",
      },
      mono: { true: "font-mono", false: "" },
    },
    defaultVariants: { size: "md", mono: false },
  },
);

type ControlVariants = VariantProps<typeof fieldControlVariants>;

export type InputProps = Omit<React.ComponentProps<"input">, "size"> & ControlVariants;

export function Input({ className, size, mono, ...props }: InputProps) {
  return <input data-slot="input" className={cn(fieldControlVariants({ size, mono }), className)} {...props} />;
}

export type TextareaProps = React.ComponentProps<"textarea"> & ControlVariants;

export function Textarea({ className, size, mono, ...props }: TextareaProps) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(fieldControlVariants({ size, mono }), "resize-y", className)}
      {...props}
    />
  );
}
