import type { AddressInfo } from "node:net";
import { createSimulator, type RecordedRequest } from "../scripts/simulator/server";

/** The GLM simulator on a random loopback port, for tests. */
export async function startSimulator(apiKey = "sk-test"): Promise<{
  baseURL: string;
  apiKey: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}> {
  const { server, requests } = createSimulator({ apiKey });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/compatible-mode/v1`,
    apiKey,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
