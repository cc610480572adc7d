import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import type { ChatMessage } from "@/lib/shared/chat/message";
import { ContextMeter, NotSentMarker } from "./context-window";

// The marker and the meter say whether the messages left out were summarized (lib/chat/context/summary.ts).

const render = (node: React.ReactNode, locale: "en" | "zh-CN" = "en") =>
  renderToStaticMarkup(
    <IntlProvider locale={locale} messages={messagesFor(locale)} timeZone="UTC">
      {node}
    </IntlProvider>,
  );

const answer = (context: NonNullable<ChatMessage["metadata"]>["context"]): ChatMessage => ({
  id: "a",
  role: "assistant",
  parts: [],
  metadata: { context },
});

describe("the context window's marker and meter", () => {
  it("say earlier messages were not sent, or that they are summarized", () => {
    expect(render(<NotSentMarker omitted={4} />)).toContain("Earlier messages were not sent to the model");
    const summarized = render(<NotSentMarker omitted={4} summarized />);
    expect(summarized).toContain("Earlier messages are summarized");
    expect(summarized).toContain("a summary of the earlier conversation was sent instead");
    expect(render(<NotSentMarker omitted={4} summarized />, "zh-CN")).toContain("更早的消息已摘要");
  });

  it("mention the summary in the meter's title", () => {
    const figures = { omitted: 4, firstId: "u3", tokens: 170_000, window: 200_000 };
    expect(render(<ContextMeter messages={[answer(figures)]} />)).not.toContain("summary");
    const html = render(<ContextMeter messages={[answer({ ...figures, summarized: true, summaryTokens: 1_200 })]} />);
    expect(html).toMatch(
      /4 earlier messages were left out to fit it\. A summary of the earlier messages was sent with it \(about 1\.2K tokens\)\./,
    );
  });
});
