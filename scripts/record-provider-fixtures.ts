import { mkdirSync, writeFileSync } from "node:fs";
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from "@ai-sdk/provider";
import { createDashScopeNative } from "../lib/providers/dashscope-native";
import { createRunware } from "../lib/providers/runware";
import { startSimulator } from "../test/simulator";

// Records the answers our own providers' tests replay (lib/providers/<provider>/__fixtures__/):
// each scenario is one call of the provider against the simulator, and the response body is
// saved as it came, a stream as `<name>.chunks.txt`, a whole answer as `<name>.json`. Run it
// after changing what the simulator sends, then check the tests' expectations:
//   npx tsx scripts/record-provider-fixtures.ts

const weather: LanguageModelV3FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Weather for a city",
  inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const user = (text: string): LanguageModelV3CallOptions["prompt"] => [
  { role: "user", content: [{ type: "text", text }] },
];

interface Scenario {
  name: string;
  stream: boolean;
  apiKey?: string;
  options: LanguageModelV3CallOptions;
}

const runware: Scenario[] = [
  {
    name: "runware-text",
    stream: true,
    options: { prompt: user("What is a tide?"), providerOptions: { runware: { thinkingLevel: "none" } } },
  },
  {
    name: "runware-reasoning",
    stream: true,
    options: { prompt: user("What is a tide?"), providerOptions: { runware: { thinkingLevel: "high" } } },
  },
  {
    name: "runware-tool-call",
    stream: true,
    options: {
      prompt: user('What is the weather in "Singapore"? [[sim:tool:get_weather]]'),
      tools: [weather],
      providerOptions: { runware: { thinkingLevel: "high" } },
    },
  },
  {
    name: "runware-two-results",
    stream: true,
    options: {
      prompt: user("What is a tide?"),
      providerOptions: { runware: { thinkingLevel: "none", numberResults: 2 } },
    },
  },
  {
    name: "runware-stream-error",
    stream: true,
    options: { prompt: user("go [[sim:drop:3]]"), providerOptions: { runware: { thinkingLevel: "none" } } },
  },
  {
    name: "runware-reasoning",
    stream: false,
    options: { prompt: user("What is a tide?"), providerOptions: { runware: { thinkingLevel: "high" } } },
  },
  {
    name: "runware-tool-call",
    stream: false,
    options: {
      prompt: user('What is the weather in "Singapore"? [[sim:tool:get_weather]]'),
      tools: [weather],
      providerOptions: { runware: { thinkingLevel: "none" } },
    },
  },
  { name: "runware-invalid-key", stream: false, apiKey: "sk-wrong", options: { prompt: user("Hi") } },
];

const dashscope: Scenario[] = [
  {
    name: "dashscope-native-text",
    stream: true,
    options: { prompt: user("Why is the sky blue?"), providerOptions: { dashscope: { enable_thinking: false } } },
  },
  {
    name: "dashscope-native-reasoning",
    stream: true,
    options: { prompt: user("Why is the sky blue?"), providerOptions: { dashscope: { enable_thinking: true } } },
  },
  {
    name: "dashscope-native-tool-call",
    stream: true,
    options: {
      prompt: user('What is the weather in "Singapore"? [[sim:tool:get_weather]]'),
      tools: [weather],
      providerOptions: { dashscope: { enable_thinking: false, tool_stream: true } },
    },
  },
  {
    name: "dashscope-native-stream-error",
    stream: true,
    options: { prompt: user("go [[sim:drop:4]]"), providerOptions: { dashscope: { enable_thinking: false } } },
  },
  {
    name: "dashscope-native-reasoning",
    stream: false,
    options: { prompt: user("Why is the sky blue?"), providerOptions: { dashscope: { enable_thinking: true } } },
  },
  {
    name: "dashscope-native-tool-call",
    stream: false,
    options: {
      prompt: user('What is the weather in "Singapore"? [[sim:tool:get_weather]]'),
      tools: [weather],
      providerOptions: { dashscope: { enable_thinking: false } },
    },
  },
  { name: "dashscope-native-invalid-key", stream: false, apiKey: "sk-wrong", options: { prompt: user("Hi") } },
];

/** A fetch that saves the response body in `dir` under the scenario's name. */
function recording(dir: string, scenario: Scenario): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.text();
    const isStream = response.headers.get("content-type")?.includes("text/event-stream");
    mkdirSync(dir, { recursive: true });
    // A whole answer indented, as the formatter keeps JSON; a stream byte for byte.
    const [file, content] = isStream
      ? [`${scenario.name}.chunks.txt`, text]
      : [`${scenario.name}.json`, `${JSON.stringify(JSON.parse(text), null, 2)}\n`];
    writeFileSync(`${dir}/${file}`, content);
    console.log(`${dir}/${file}`);
    return new Response(text, { status: response.status, headers: response.headers });
  };
}

async function record(model: (scenario: Scenario) => LanguageModelV3, scenarios: Scenario[]) {
  for (const scenario of scenarios) {
    try {
      if (!scenario.stream) await model(scenario).doGenerate(scenario.options);
      else {
        const reader = (await model(scenario).doStream(scenario.options)).stream.getReader();
        while (!(await reader.read()).done);
      }
    } catch {
      // An error answer is recorded all the same.
    }
  }
}

const sim = await startSimulator("sk-fixtures");
const root = sim.baseURL.replace("/compatible-mode/v1", "");
try {
  await record(
    (s) =>
      createRunware({
        baseURL: root,
        apiKey: s.apiKey ?? sim.apiKey,
        fetch: recording("lib/providers/runware/__fixtures__", s),
      }).chatModel("zai:glm@5.1"),
    runware,
  );
  await record(
    (s) =>
      createDashScopeNative({
        baseURL: root,
        apiKey: s.apiKey ?? sim.apiKey,
        fetch: recording("lib/providers/dashscope-native/__fixtures__", s),
      }).chatModel("glm-5.1"),
    dashscope,
  );
} finally {
  await sim.close();
}
