import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { getSessionUser } from "@/lib/auth/session";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  if (await getSessionUser()) redirect("/");
  return <AuthCard>{children}</AuthCard>;
}
