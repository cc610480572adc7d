/** The centred card the sign-in, sign-up and invite pages sit in. */
export function AuthCard({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-panel p-4">
      <div className="w-full max-w-sm rounded-xl border border-border bg-bg p-6 shadow-sm">{children}</div>
    </main>
  );
}
