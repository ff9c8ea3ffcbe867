import type { Worker } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Logger } from "../logger.ts";
import type { ReplyImage } from "../reply.ts";
import { RenderError } from "./errors.ts";
import type { RenderJob } from "./jobs.ts";
import type { WorkerReply } from "./worker.ts";

/** The worker thread's entry: a small .mjs that loads the TypeScript worker through tsx. */
const WORKER_ENTRY = new URL("./worker-entry.mjs", import.meta.url).href;
/** A render still unanswered after this long (queue included) is abandoned and its worker replaced. */
export const RENDER_TIMEOUT_MS = 60_000;
/**
 * A worker left idle this long exits. Each worker carries its own canvas, Chart.js, MathJax and tsx
 * (about 75 MB resident), which a bot serving cached images never needs; the next render starts one
 * again (about a second, once).
 */
export const RENDER_WORKER_IDLE_MS = 30_000;
/**
 * Draws render jobs on up to `size` worker threads, so a race (a few hundred ms) never blocks the event loop.
 * Workers start on the first render (not at start-up) and exit after RENDER_WORKER_IDLE_MS without
 * work. Jobs queue in order when every worker is busy; a worker that dies is replaced by Piscina and
 * its callers get a RenderError instead of waiting forever.
 */
export class RenderPool {
  private readonly piscina: Piscina<RenderJob, WorkerReply>;
  private readonly logger: Logger;

  constructor(options: { size: number; logger: Logger; idleTimeoutMs?: number }) {
    const { size, logger, idleTimeoutMs = RENDER_WORKER_IDLE_MS } = options;
    this.logger = logger;
    this.piscina = new Piscina<RenderJob, WorkerReply>({
      filename: WORKER_ENTRY,
      // No worker until something needs drawing, and none kept once drawing stops.
      minThreads: 0,
      maxThreads: size,
      idleTimeout: idleTimeoutMs,
      // Don't inherit the parent's flags (tsx's own loader, vitest's): the entry brings tsx itself.
      execArgv: [],
      // Piscina's default ("sync") parks an idle worker in Atomics.wait, so its event loop never turns
      // between jobs. Node frees a collected canvas object's native memory (the pixels getImageData
      // read back, ~5 MB a race) in a finalizer queued for that loop: it never ran, and every race's
      // pixels stayed until the thread exited. Waiting on the event loop costs far less than a render.
      atomics: "disabled",
    });
    // Piscina reports a worker dying between tasks as an 'error' event; unhandled, it would end the process.
    this.piscina.on("error", (error: unknown) =>
      logger.error({ err: error }, "a render worker failed; it is being replaced"),
    );
  }

  /** Draws the job on a worker; rejects with a RenderError (user-facing message and code kept). */
  async run(job: RenderJob, { timeoutMs = RENDER_TIMEOUT_MS } = {}): Promise<ReplyImage> {
    let reply: WorkerReply;
    try {
      reply = await this.piscina.run(job, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      this.logger.error({ err: error, job: job.kind }, "render worker stopped before answering");
      if (error instanceof Error && error.name === "AbortError") {
        throw new RenderError(
          `Drawing took longer than ${timeoutMs / 1000} s (the renderer is busy); please try again in a minute.`,
          "internal",
          { cause: error },
        );
      }
      throw new RenderError(
        "The image renderer stopped unexpectedly; please try again (the bot's log says why).",
        "internal",
        { cause: error },
      );
    }
    if (!reply.ok) {
      const error = new RenderError(reply.error.message, reply.error.code);
      // Keep the worker's stack: it says where the drawing failed.
      if (reply.error.stack) error.stack = reply.error.stack;
      throw error;
    }
    // Structured clone turns a Buffer into a plain Uint8Array; wrap it again without copying.
    const { bytes } = reply.image;
    return { ...reply.image, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  /** The live worker threads (for diagnostics and tests). */
  get threads(): readonly Worker[] {
    return this.piscina.threads;
  }

  /** Stops every worker now; renders still running are rejected. */
  close(): Promise<void> {
    return this.piscina.destroy();
  }
}
