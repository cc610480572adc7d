import { cva, type VariantProps } from "class-variance-authority";
import { Slot } from "radix-ui";
import type * as React from "react";
import { cn } from "./cn";

// The one button of the interface: every clickable control is one of these variants, so that
// focus rings, disabled states and sizes agree everywhere (the scheme shadcn/ui's button uses).

export const buttonVariants = cva(
  "inline-flex shrink-0 items-center justify-center gap-1.5 whitespace-nowrap font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-accent/60 focus-visible:ring-offset-1 focus-visible:ring-offset-bg disabled:pointer-events-none disabled:opacity-40 [&_svg]:pointer-events-none [&_svg]:shrink-0",
  {
    variants: {
      variant: {
        primary: "bg-accent text-accent-fg hover:bg-accent/90",
        secondary: "border border-border bg-bg text-fg hover:bg-muted",
        // Translucent, so that it shows on any background (a panel, a selected row, a code header).
        ghost: "text-fg-muted hover:bg-fg/10 hover:text-fg",
        danger: "bg-danger text-white hover:bg-danger/90",
        "danger-ghost": "text-danger hover:bg-danger/10",
        link: "text-accent underline-offset-2 hover:underline",
      },
      size: {
        xs: "h-6 px-1.5 text-xs [&_svg]:size-3.5",
        sm: "h-7 px-2 text-xs [&_svg]:size-3.5",
        md: "h-9 px-3 text-sm [&_svg]:size-4",
        lg: "h-10 px-4 text-sm [&_svg]:size-4",
        icon: "size-9 [&_svg]:size-4",
        "icon-sm": "size-7 [&_svg]:size-3.5",
        "icon-xs": "size-6 [&_svg]:size-3.5",
      },
      shape: {
        default: "rounded-md",
        round: "rounded-full",
      },
    },
    defaultVariants: { variant: "secondary", size: "md", shape: "default" },
  },
);

export type ButtonProps = React.ComponentProps<"button"> &
  VariantProps<typeof buttonVariants> & {
    /** Renders the child (a link, say) with the button's look instead of a <button>. */
    asChild?: boolean;
  };

export function Button({ className, variant, size, shape, asChild = false, type, ...props }: ButtonProps) {
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      data-slot="button"
      // A plain <button> defaults to submit inside a form; ours submit only when asked.
      type={asChild ? undefined : (type ?? "button")}
      className={cn(buttonVariants({ variant, size, shape }), className)}
      {...props}
    />
  );
}
