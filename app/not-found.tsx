import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-fg-muted">This page or conversation does not exist, or it is not yours.</p>
      <Link href="/" className="text-accent underline">
        Start a new chat
      </Link>
    </main>
  );
}
