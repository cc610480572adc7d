"use client";

import type * as React from "react";
import { Button, type ButtonProps } from "./button";
import { Tooltip } from "./tooltip";

// A button that shows only an icon: its label is required, is its accessible name, and appears as
// a tooltip, so that nobody has to guess what a symbol means.

export function IconButton({
  label,
  tooltip = true,
  size = "icon-sm",
  variant = "ghost",
  children,
  ...props
}: Omit<ButtonProps, "aria-label" | "asChild"> & {
  label: string;
  /** The tooltip: the label (true), a shorter text, or none where the label is visible next to it. */
  tooltip?: boolean | string;
  children: React.ReactNode;
}) {
  const button = (
    <Button aria-label={label} size={size} variant={variant} {...props}>
      {children}
    </Button>
  );
  if (tooltip === false) return button;
  return <Tooltip content={tooltip === true ? label : tooltip}>{button}</Tooltip>;
}
