import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { apiGuild, apiUser, type EmulatedUser } from "./payloads.ts";
import { shardFor, snowflake } from "./snowflake.ts";

/** Gateway opcodes the emulator speaks (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
};
/** Long enough that no test waits on it; discord.js heartbeats on its own schedule anyway. */
const HEARTBEAT_INTERVAL_MS = 41_250;
/** WebSocket close code Discord uses for a bad token. */
const AUTHENTICATION_FAILED = 4004;

interface Session {
  socket: WebSocket;
  shard: number;
  shardCount: number;
  sequence: number;
}

export interface GatewayOptions {
  token: string;
  appId: string;
  bot: EmulatedUser;
  guilds: { id: string; channelId: string }[];
  /** Called with every op the bot sent, for the record. */
  onReceive: (op: number) => void;
}

/** The websocket half of the emulator: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, dispatches. */
export class Gateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();
  /** Dispatches sent per shard id (to show load spread over shard processes). */
  readonly dispatchesByShard = new Map<number, number>();

  constructor(private readonly options: GatewayOptions) {
    this.server.on("connection", (socket) => this.accept(socket));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit("connection", ws, request));
  }

  /** Number of shards that have identified and are still connected. */
  get readyShards(): number {
    return this.sessions.size;
  }

  /** Sends a dispatch to the shard that owns the guild; false when no shard is connected for it. */
  dispatch(event: string, data: unknown, guildId: string | null): boolean {
    for (const session of this.sessions) {
      if (shardFor(guildId, session.shardCount) !== session.shard) continue;
      // A bot being restarted may leave a closing socket behind for a moment.
      if (session.socket.readyState !== session.socket.OPEN) continue;
      this.send(session, { op: Op.Dispatch, t: event, s: ++session.sequence, d: data });
      this.dispatchesByShard.set(session.shard, (this.dispatchesByShard.get(session.shard) ?? 0) + 1);
      return true;
    }
    return false;
  }

  /** Drops every connection, as when the emulator stops. */
  close(): void {
    for (const session of this.sessions) session.socket.terminate();
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private accept(socket: WebSocket): void {
    socket.send(
      JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null }),
    );
    let session: Session | undefined;
    socket.on("message", (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: Record<string, unknown> | null };
      this.options.onReceive(payload.op);
      if (payload.op === Op.Heartbeat) socket.send(JSON.stringify({ op: Op.HeartbeatAck }));
      else if (payload.op === Op.Identify) session = this.identify(socket, payload.d ?? {});
      // Sessions don't survive here: make the client identify afresh.
      else if (payload.op === Op.Resume) socket.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
    });
    socket.on("close", () => {
      if (session) this.sessions.delete(session);
    });
  }

  private identify(socket: WebSocket, data: Record<string, unknown>): Session | undefined {
    if (data.token !== this.options.token && data.token !== `Bot ${this.options.token}`) {
      socket.close(AUTHENTICATION_FAILED, "Authentication failed.");
      return undefined;
    }
    const [shard, shardCount] = (data.shard as [number, number] | undefined) ?? [0, 1];
    const session: Session = { socket, shard, shardCount, sequence: 0 };
    this.sessions.add(session);
    const guilds = this.options.guilds.filter((guild) => shardFor(guild.id, shardCount) === shard);
    this.send(session, {
      op: Op.Dispatch,
      t: "READY",
      s: ++session.sequence,
      d: {
        v: 10,
        user: apiUser(this.options.bot, true),
        guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
        session_id: snowflake(),
        resume_gateway_url: "ws://127.0.0.1:0/unused",
        shard: [shard, shardCount],
        application: { id: this.options.appId, flags: 0 },
        private_channels: [],
        presences: [],
      },
    });
    // Without a GUILD_CREATE for each unavailable guild, discord.js waits 15 s before "ready".
    for (const guild of guilds) {
      this.send(session, {
        op: Op.Dispatch,
        t: "GUILD_CREATE",
        s: ++session.sequence,
        d: apiGuild(guild.id, guild.channelId),
      });
    }
    return session;
  }

  private send(session: Session, payload: unknown): void {
    session.socket.send(JSON.stringify(payload));
  }
}
