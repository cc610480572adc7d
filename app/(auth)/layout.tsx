import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  if (await getSessionUser()) redirect("/");
  return (
    <main className="flex min-h-full items-center justify-center bg-panel p-4">
      <div className="w-full max-w-sm rounded-xl border border-border bg-bg p-6 shadow-sm">{children}</div>
    </main>
  );
}
