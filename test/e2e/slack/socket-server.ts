import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

export const SOCKET_MODE_PATH = "/socket-mode";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

/** The Socket Mode side of the fake Slack: hello, envelopes out, acks back. */
export class SocketModeServer {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sockets = new Set<WebSocket>();
  readonly #pendingAcks = new Map<string, (payload: unknown) => void>();
  readonly #connectedWaiters: Array<() => void> = [];
  /** Envelope ids in the order the app acknowledged them. */
  readonly acks: string[] = [];
  connections = 0;

  constructor(server: Server) {
    server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!request.url?.startsWith(SOCKET_MODE_PATH)) {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
    });
  }

  #accept(ws: WebSocket): void {
    this.connections += 1;
    this.#sockets.add(ws);
    ws.on("close", () => this.#sockets.delete(ws));
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (!message.envelope_id) return;
      this.acks.push(message.envelope_id);
      this.#pendingAcks.get(message.envelope_id)?.(message.payload);
      this.#pendingAcks.delete(message.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.#sockets.size,
        debug_info: { host: "emulator", approximate_connection_time: 3600 },
        connection_info: { app_id: "AEMULATOR" },
      }),
    );
    for (const resolve of this.#connectedWaiters.splice(0)) resolve();
  }

  /** Resolves once an app holds an open socket. */
  waitForConnection(): Promise<void> {
    if (this.#sockets.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.#connectedWaiters.push(resolve));
  }

  /** Sends one envelope to the connected app and resolves with the payload of its ack. */
  async send(type: EnvelopeType, payload: unknown, ackTimeoutMs = 3000): Promise<unknown> {
    await this.waitForConnection();
    const [socket] = this.#sockets;
    const envelopeId = randomUUID();
    const acked = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ack for ${type} within ${ackTimeoutMs} ms`)),
        ackTimeoutMs,
      );
      this.#pendingAcks.set(envelopeId, (ackPayload) => {
        clearTimeout(timer);
        resolve(ackPayload);
      });
    });
    socket?.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        retry_attempt: 0,
        retry_reason: "",
      }),
    );
    return acked;
  }

  /** Closes every socket with a normal close frame, then forcibly after a short grace period. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.#sockets].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 500);
            ws.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(1000, "emulator stopping");
          }),
      ),
    );
    this.#wss.close();
  }
}
