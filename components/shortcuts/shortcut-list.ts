// The keyboard shortcuts of the chat, for the sheet that lists them (`?`). Each handler lives
// where its action does: sending and new lines in the composer, Esc in the chat view, new chat
// in the sidebar, the rest in keyboard-shortcuts.tsx.

export const SHORTCUTS = [
  { keys: ["Enter"], action: "send" },
  { keys: ["Shift", "Enter"], action: "newLine" },
  { keys: ["Esc"], action: "stop" },
  { keys: ["Shift", "Esc"], action: "focusMessage" },
  { keys: ["Ctrl", "K"], action: "search" },
  { keys: ["Ctrl", "Shift", "O"], action: "newChat" },
  { keys: ["?"], action: "help" },
] as const;

/** True when a key typed there is text (a field, an editor), not a command. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
