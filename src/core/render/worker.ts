// The code a render worker thread runs (loaded through worker-entry.mjs, which teaches it TypeScript).

import type { ReplyImage } from "../reply.ts";
import { RenderError, type RenderErrorCode } from "./errors.ts";
import { type RenderJob, runJob } from "./jobs.ts";
import { reclaimNativeMemory } from "./native-memory.ts";

/** What a worker sends back. Errors travel as data: structured clone would drop RenderError's class and code. */
export type WorkerReply =
  | { ok: true; image: ReplyImage }
  | { ok: false; error: { message: string; code: RenderErrorCode; stack?: string } };

/** Draws one job and reports the image or the error; never throws, so the worker stays up. */
export default async function handleJob(job: RenderJob): Promise<WorkerReply> {
  try {
    reclaimNativeMemory();
    return { ok: true, image: await runJob(job) };
  } catch (error) {
    const known = error instanceof RenderError;
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: {
        message,
        code: known ? error.code : "internal",
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      },
    };
  }
}
