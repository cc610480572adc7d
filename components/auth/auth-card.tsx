import { Card } from "../ui/card";

/** The centred card the sign-in, sign-up and invite pages sit in. */
export function AuthCard({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-panel p-4">
      <Card padding="lg" className="w-full max-w-sm shadow-sm">
        {children}
      </Card>
    </main>
  );
}
