"use client";

import { XIcon } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import type * as React from "react";
import { useRef } from "react";
import { cn } from "./cn";

// Modal dialogs (Radix): focus moves in and is trapped, Escape and the close button leave, focus
// returns to what opened it. AlertDialog is for a choice that cannot be undone.

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

const overlay = "fixed inset-0 z-40 bg-black/40";
const panel =
  "fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 gap-3 overflow-y-auto rounded-lg border border-border bg-bg p-5 text-fg shadow-xl outline-none";

export function DialogContent({
  className,
  children,
  closeLabel,
  ...props
}: React.ComponentProps<typeof DialogPrimitive.Content> & {
  /** The close button's accessible name (in the user's language). */
  closeLabel: string;
}) {
  const returnFocus = useFocusReturn();
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={overlay} />
      <DialogPrimitive.Content className={cn(panel, className)} onCloseAutoFocus={returnFocus} {...props}>
        {children}
        <DialogPrimitive.Close
          aria-label={closeLabel}
          className="absolute top-3 right-3 rounded-md p-1 text-fg-muted hover:bg-muted hover:text-fg focus-visible:ring-2 focus-visible:ring-accent/60 outline-none"
        >
          <XIcon className="size-4" aria-hidden />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogTitle({ className, ...props }: React.ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={cn("pr-6 text-base font-semibold", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: React.ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={cn("text-sm text-fg-muted", className)} {...props} />;
}

export function DialogFooter({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("mt-2 flex flex-wrap justify-end gap-2", className)} {...props} />;
}

/**
 * Where the focus goes when a dialog closes: back to what had it when the dialog opened (Radix
 * returns it to a Dialog.Trigger only; ours are often opened by a shortcut or a lazy load).
 */
export function useFocusReturn(): (event: Event) => void {
  // Read on the first render, before the dialog moves the focus in.
  const opener = useRef(typeof document === "undefined" ? null : document.activeElement);
  return (event) => {
    const element = opener.current;
    if (element instanceof HTMLElement && element.isConnected) {
      event.preventDefault();
      element.focus();
    }
  };
}
