import { type ClassValue, clsx } from "clsx";

/**
 * Class names joined. Not merged (tailwind-merge cost 9 KB of the chat page's JavaScript): a
 * caller's classes add to a variant's and never set the same property; a look that differs is a
 * variant of its own.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
