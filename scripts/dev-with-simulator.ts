// `npm run dev:sim`: try GLM Chat without an API key. Starts the upstream simulator on port
// 4010 and the dev server pointed at it, the same way a real platform is configured.
import { spawn } from "node:child_process";
import path from "node:path";
import { createSimulator } from "./simulator/server";

const port = Number(process.env.SIM_PORT ?? 4010);
const apiKey = "sk-sim";
const root = path.resolve(import.meta.dirname, "..");

const { server } = createSimulator({ apiKey });
server.listen(port, "127.0.0.1", () => {
  console.log(`dev:sim: GLM simulator on http://127.0.0.1:${port}`);
  const next = spawn(path.join(root, "node_modules/.bin/next"), ["dev", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      GLM_BASE_URL: `http://127.0.0.1:${port}/compatible-mode/v1`,
      GLM_API_KEY: apiKey,
    },
  });
  next.on("exit", (code) => {
    server.close();
    process.exit(code ?? 0);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
});
