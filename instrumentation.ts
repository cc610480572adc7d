// Runs once when the server starts (next start, the standalone server, Vercel). The check reads
// NEXT_RUNTIME as Next.js documents it, so that the Edge build leaves lib/startup (and its
// process.exit) out instead of warning about it on every compile.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startUp } = await import("./lib/startup");
    await startUp();
  }
}
