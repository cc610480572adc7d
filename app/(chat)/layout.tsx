import { Sidebar } from "@/components/sidebar/sidebar";
import { SidebarProvider } from "@/components/sidebar/sidebar-state";
import { requireUser } from "@/lib/auth/session";
import { listConversations } from "@/lib/chat/queries/conversations";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const conversations = await listConversations(user.id);
  return (
    <SidebarProvider>
      <div className="flex h-dvh">
        <Sidebar initialConversations={conversations} user={user} />
        <main className="flex min-w-0 flex-1 flex-col">{children}</main>
      </div>
    </SidebarProvider>
  );
}
