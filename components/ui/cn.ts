import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/** Class names joined, later Tailwind utilities winning over earlier ones (a variant's, then the caller's). */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
