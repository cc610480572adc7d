/** Only same-site paths, so a crafted link cannot send a user elsewhere after signing in (else "/"). */
export function safeRedirect(value: unknown): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}
