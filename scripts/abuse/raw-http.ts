// Requests whose framing a fetch client would not send: a body streamed chunked, a declared
// length that is a lie, a body the server may refuse half-way. Written on a plain socket; the
// status is whatever the server answered before it closed the connection.
import { connect } from "node:net";
import { PORT } from "./instance";

export interface RawRequest {
  method?: string;
  path: string;
  headers: Record<string, string>;
  /** Body bytes in all, sent in 64 KiB pieces of `fill`, after `prefix` and before `suffix`. */
  body: { prefix: string; fill: string; bytes: number; suffix: string };
  /** "length": a true Content-Length; "chunked": Transfer-Encoding; a number: that Content-Length (a lie). */
  framing: "length" | "chunked" | number;
}

export interface RawResponse {
  /** 0 when the server closed the connection without answering. */
  status: number;
  /** Bytes of the body written before the server answered or closed. */
  sent: number;
  head: string;
}

export function sendRaw(request: RawRequest): Promise<RawResponse> {
  const { prefix, fill, bytes, suffix } = request.body;
  const piece = Buffer.from(fill.repeat(Math.ceil(65_536 / fill.length)).slice(0, 65_536));
  const total = Buffer.byteLength(prefix) + bytes + Buffer.byteLength(suffix);
  const lines = [
    `${request.method ?? "POST"} ${request.path} HTTP/1.1`,
    `Host: 127.0.0.1:${PORT}`,
    "Connection: close",
    ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`),
    request.framing === "chunked"
      ? "Transfer-Encoding: chunked"
      : `Content-Length: ${request.framing === "length" ? total : request.framing}`,
  ];
  return new Promise((resolve) => {
    const socket = connect(PORT, "127.0.0.1");
    let answer = "";
    let sent = 0;
    let answered = false;
    const done = () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0),
        sent,
        head: answer.split("\r\n\r\n")[0],
      });
    socket.setTimeout(120_000, () => socket.destroy());
    socket.on("data", (data) => {
      answered = true;
      if (answer.length < 65_536) answer += data.toString("latin1");
    });
    // A write waiting for the socket to drain goes on when it drains or closes.
    let waiting: (() => void) | undefined;
    const wake = () => {
      waiting?.();
      waiting = undefined;
    };
    socket.on("drain", wake);
    socket.on("close", wake);
    socket.on("close", done);
    socket.on("error", () => {});
    const frame = (chunk: Buffer) =>
      request.framing === "chunked"
        ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")])
        : chunk;
    socket.on("connect", async () => {
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      // Each piece waits for a turn of the event loop, so that an answer that arrived is read
      // before the next write: a write into a connection the server reset destroys the socket,
      // and the answer waiting in it would be lost.
      const write = (chunk: Buffer) =>
        new Promise<void>((ok) => {
          sent += chunk.length;
          if (socket.write(frame(chunk))) setImmediate(ok);
          else if (socket.destroyed) ok();
          else waiting = ok;
        });
      try {
        await write(Buffer.from(prefix));
        for (let left = bytes; left > 0 && !answered && !socket.destroyed; left -= piece.length) {
          await write(left >= piece.length ? piece : piece.subarray(0, left));
        }
        if (!answered && !socket.destroyed) {
          await write(Buffer.from(suffix));
          if (request.framing === "chunked") socket.write("0\r\n\r\n");
        }
      } catch {
        // The server closed the connection while the body was being written: its answer counts.
      }
    });
  });
}
