// The GLM upstream simulator: `npm run sim` (default port 4010, key `sk-sim`).
// Point the app at it with GLM_BASE_URL=http://127.0.0.1:4010/compatible-mode/v1 GLM_API_KEY=sk-sim
import { parseArgs } from "node:util";
import { createSimulator } from "./simulator/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIM_PORT ?? "4010" },
    host: { type: "string", default: "127.0.0.1" },
    key: { type: "string", default: process.env.SIM_API_KEY ?? "sk-sim" },
  },
});

const { server } = createSimulator({ apiKey: values.key });
server.listen(Number(values.port), values.host, () => {
  console.log(`GLM simulator listening on http://${values.host}:${values.port}`);
  console.log(`  DashScope compatible mode: http://${values.host}:${values.port}/compatible-mode/v1`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
