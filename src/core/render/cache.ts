import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../logger.ts";
import type { ReplyImage } from "../reply.ts";

/** Bump when any drawing changes, so old cached images are not served. */
export const RENDERER_VERSION = "4";
/** Recently served images kept in memory, by total size. */
const MEMORY_BUDGET_BYTES = 32 * 1024 * 1024;

/** How a cache lookup was answered. */
export interface CacheStats {
  rendered: number;
  memoryHits: number;
  diskHits: number;
  /** Requests that joined a render already in flight for the same key. */
  joined: number;
}

type ImageMeta = Omit<ReplyImage, "bytes">;

/** The content address of an image: its kind, its inputs and the renderer version. */
export function cacheKey(kind: string, input: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify({ version: RENDERER_VERSION, kind, input }))
    .digest("hex")
    .slice(0, 32);
}

async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/**
 * Content-addressed image cache: memory, then disk (`<dir>/<key>.<ext>` plus `<key>.json` with the
 * alt text and size), then render. Concurrent requests for one key share a single render.
 */
export class ImageCache {
  readonly stats: CacheStats = { rendered: 0, memoryHits: 0, diskHits: 0, joined: 0 };
  private readonly inFlight = new Map<string, Promise<ReplyImage>>();
  private readonly memory = new Map<string, ReplyImage>();
  private memoryBytes = 0;
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.ready = mkdir(dir, { recursive: true });
  }

  /** The cached image for `key`, else the result of `render` (stored for next time). */
  get(
    key: string,
    extension: "png" | "gif",
    render: () => ReplyImage | Promise<ReplyImage>,
  ): Promise<ReplyImage> {
    const remembered = this.memory.get(key);
    if (remembered) {
      this.stats.memoryHits++;
      return Promise.resolve(remembered);
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.stats.joined++;
      return pending;
    }
    const task = this.load(key, extension, render).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, task);
    return task;
  }

  private async load(
    key: string,
    extension: "png" | "gif",
    render: () => ReplyImage | Promise<ReplyImage>,
  ): Promise<ReplyImage> {
    await this.ready;
    const imagePath = join(this.dir, `${key}.${extension}`);
    const metaPath = join(this.dir, `${key}.json`);
    const stored = await this.readStored(imagePath, metaPath);
    if (stored) {
      this.stats.diskHits++;
      this.remember(key, stored);
      return stored;
    }
    const started = performance.now();
    const image = await render();
    this.stats.rendered++;
    this.logger.debug(
      { key, fileName: image.fileName, ms: Math.round(performance.now() - started) },
      "rendered image",
    );
    // The metadata goes last: its presence means the image file is complete.
    try {
      await writeAtomically(imagePath, image.bytes);
      const { bytes: _bytes, ...meta } = image;
      await writeAtomically(metaPath, JSON.stringify(meta));
    } catch (error) {
      this.logger.warn({ err: error, dir: this.dir }, "could not write the image cache; serving uncached");
    }
    this.remember(key, image);
    return image;
  }

  private async readStored(imagePath: string, metaPath: string): Promise<ReplyImage | undefined> {
    try {
      const meta = JSON.parse(await readFile(metaPath, "utf8")) as ImageMeta;
      return { ...meta, bytes: await readFile(imagePath) };
    } catch {
      return undefined;
    }
  }

  private remember(key: string, image: ReplyImage): void {
    this.memory.set(key, image);
    this.memoryBytes += image.bytes.length;
    for (const [oldKey, old] of this.memory) {
      if (this.memoryBytes <= MEMORY_BUDGET_BYTES) break;
      this.memory.delete(oldKey);
      this.memoryBytes -= old.bytes.length;
    }
  }
}
