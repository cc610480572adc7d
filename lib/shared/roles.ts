import { z } from "zod";

export const ROLES = ["admin", "member"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export function parseRole(value: unknown): Role {
  return roleSchema.safeParse(value).data ?? "member";
}
