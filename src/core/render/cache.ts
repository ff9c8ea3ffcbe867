import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, statfs, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LRUCache } from "lru-cache";
import type { Logger } from "../logger.ts";
import type { ReplyImage } from "../reply.ts";

/** Bump when any drawing changes, so old cached images are not served. */
export const RENDERER_VERSION = "5";
/** Recently served images kept in memory, by total size (least recently served go first). */
const MEMORY_BUDGET_BYTES = 32 * 1024 * 1024;
/** Default cap on the disk space of evictable images (races): about a thousand races. */
export const DEFAULT_CACHE_MAX_BYTES = 200 * 1024 * 1024;
/** The cache never writes when the data disk's free space would fall below the smaller of these. */
export const FREE_SPACE_RESERVE = { fraction: 0.05, bytes: 100 * 1024 * 1024 } as const;
/** Evictable images live in this sub-folder, so a restart can rebuild their index from it alone. */
const EVICTABLE_DIR = "lru";

/** How a cache lookup was answered. */
export interface CacheStats {
  rendered: number;
  memoryHits: number;
  diskHits: number;
  /** Requests that joined a render already in flight for the same key. */
  joined: number;
  /** Images served without being written (disk full, reserve reached or write failed). */
  notWritten: number;
  /** Evictable images removed to stay under the cap. */
  evicted: number;
}

type ImageMeta = Omit<ReplyImage, "bytes">;

/** The file-system calls the cache writes with; tests inject failing or nearly-full ones. */
export interface CacheFs {
  writeFile(path: string, data: Buffer | string): Promise<void>;
  statfs(path: string): Promise<{ bavail: number; blocks: number; bsize: number }>;
}

const realFs: CacheFs = { writeFile: (path, data) => writeFile(path, data), statfs: (path) => statfs(path) };

/** The content address of an image: its kind, its inputs and the renderer version. */
export function cacheKey(kind: string, input: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify({ version: RENDERER_VERSION, kind, input }))
    .digest("hex")
    .slice(0, 32);
}

/**
 * Content-addressed image cache: memory, then disk (`<dir>/<key>.<ext>` plus `<key>.json` with the
 * alt text and size), then render. Concurrent requests for one key share a single render.
 *
 * Images from content (lessons, quizzes, formulas) are a fixed set and stay. Evictable ones (races,
 * one per distinct request) go to `<dir>/lru/`, indexed least-recently-used with a cap on their
 * bytes. Nothing is written while the disk is nearly full, and a failed write only means the image
 * is served uncached: the store on the same disk keeps its room and answering never breaks.
 */
export class ImageCache {
  readonly stats: CacheStats = {
    rendered: 0,
    memoryHits: 0,
    diskHits: 0,
    joined: 0,
    notWritten: 0,
    evicted: 0,
  };
  private readonly inFlight = new Map<string, Promise<ReplyImage>>();
  private readonly memory = new LRUCache<string, ReplyImage>({
    maxSize: MEMORY_BUDGET_BYTES,
    sizeCalculation: (image) => Math.max(1, image.bytes.length),
  });
  /** Evictable images on disk: key → their files and bytes; evicting one deletes its files. */
  private readonly onDisk: LRUCache<string, { files: string[]; bytes: number }>;
  private readonly fs: CacheFs;
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    options: { maxBytes?: number; fs?: CacheFs } = {},
  ) {
    this.fs = options.fs ?? realFs;
    this.onDisk = new LRUCache({
      maxSize: options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      dispose: (entry, _key, reason) => {
        if (reason !== "evict") return;
        this.stats.evicted++;
        for (const file of entry.files) void unlink(file).catch(() => {});
      },
    });
    this.ready = this.open().catch((error: unknown) =>
      logger.warn({ err: error, dir }, "cannot prepare the image cache folder; images are served uncached"),
    );
  }

  /** The cached image for `key`, else the result of `render` (stored for next time). */
  get(
    key: string,
    extension: "png" | "gif",
    render: () => ReplyImage | Promise<ReplyImage>,
    options: { evictable?: boolean } = {},
  ): Promise<ReplyImage> {
    const remembered = this.memory.get(key);
    if (remembered) {
      this.stats.memoryHits++;
      if (options.evictable) this.onDisk.get(key); // keep its files as recently used too
      return Promise.resolve(remembered);
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.stats.joined++;
      return pending;
    }
    const task = this.load(key, extension, render, options.evictable ?? false).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, task);
    return task;
  }

  /** Creates the folders, clears temporary files a crash left, and indexes the evictable images. */
  private async open(): Promise<void> {
    const evictableDir = join(this.dir, EVICTABLE_DIR);
    await mkdir(evictableDir, { recursive: true });
    for (const folder of [this.dir, evictableDir]) {
      for (const name of await readdir(folder)) {
        if (name.endsWith(".tmp")) await unlink(join(folder, name)).catch(() => {});
      }
    }
    // Oldest first, so the index's least recent entry is the oldest file.
    const files = await Promise.all(
      (await readdir(evictableDir)).map(async (name) => {
        const path = join(evictableDir, name);
        const { size, mtimeMs } = await stat(path);
        return { name, path, size, mtimeMs };
      }),
    );
    const byKey = new Map<string, { files: string[]; bytes: number; mtimeMs: number }>();
    for (const file of files) {
      const key = file.name.slice(0, file.name.indexOf("."));
      const entry = byKey.get(key) ?? { files: [], bytes: 0, mtimeMs: 0 };
      entry.files.push(file.path);
      entry.bytes += file.size;
      entry.mtimeMs = Math.max(entry.mtimeMs, file.mtimeMs);
      byKey.set(key, entry);
    }
    for (const [key, entry] of [...byKey].sort((a, b) => a[1].mtimeMs - b[1].mtimeMs)) {
      this.onDisk.set(key, { files: entry.files, bytes: entry.bytes });
    }
  }

  private async load(
    key: string,
    extension: "png" | "gif",
    render: () => ReplyImage | Promise<ReplyImage>,
    evictable: boolean,
  ): Promise<ReplyImage> {
    await this.ready;
    const folder = evictable ? join(this.dir, EVICTABLE_DIR) : this.dir;
    const imagePath = join(folder, `${key}.${extension}`);
    const metaPath = join(folder, `${key}.json`);
    const stored = await this.readStored(imagePath, metaPath);
    if (stored) {
      this.stats.diskHits++;
      if (evictable) this.onDisk.get(key);
      this.memory.set(key, stored);
      return stored;
    }
    const started = performance.now();
    const image = await render();
    this.stats.rendered++;
    this.logger.debug(
      { key, fileName: image.fileName, ms: Math.round(performance.now() - started) },
      "rendered image",
    );
    const { bytes: _bytes, ...meta } = image;
    const metaText = JSON.stringify(meta);
    if (await this.store([imagePath, image.bytes], [metaPath, metaText])) {
      if (evictable) {
        this.onDisk.set(key, { files: [imagePath, metaPath], bytes: image.bytes.length + metaText.length });
      }
    } else {
      this.stats.notWritten++;
    }
    this.memory.set(key, image);
    return image;
  }

  /**
   * Writes the files in order (the metadata last: its presence means the image is complete), each
   * through a temporary file that never outlives a failure. False when not written: too little free
   * space left for the store, or the write failed (a full disk, a read-only folder).
   */
  private async store(...files: [string, Buffer | string][]): Promise<boolean> {
    const bytes = files.reduce((sum, [, data]) => sum + Buffer.byteLength(data), 0);
    if (!(await this.roomFor(bytes))) {
      this.logger.warn(
        { dir: this.dir },
        "the data disk is nearly full; serving images without caching them",
      );
      return false;
    }
    try {
      for (const [path, data] of files) await this.writeAtomically(path, data);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, dir: this.dir }, "could not write the image cache; serving uncached");
      for (const [path] of files) await unlink(path).catch(() => {});
      return false;
    }
  }

  /** Whether `bytes` more leave the free-space reserve intact (assumed so if the disk cannot say). */
  private async roomFor(bytes: number): Promise<boolean> {
    try {
      const disk = await this.fs.statfs(this.dir);
      const reserve = Math.min(
        disk.blocks * disk.bsize * FREE_SPACE_RESERVE.fraction,
        FREE_SPACE_RESERVE.bytes,
      );
      return disk.bavail * disk.bsize - bytes >= reserve;
    } catch {
      return true;
    }
  }

  private async writeAtomically(path: string, data: Buffer | string): Promise<void> {
    const temporary = `${path}.${randomUUID()}.tmp`;
    try {
      await this.fs.writeFile(temporary, data);
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  }

  private async readStored(imagePath: string, metaPath: string): Promise<ReplyImage | undefined> {
    try {
      const meta = JSON.parse(await readFile(metaPath, "utf8")) as ImageMeta;
      return { ...meta, bytes: await readFile(imagePath) };
    } catch {
      return undefined;
    }
  }
}
