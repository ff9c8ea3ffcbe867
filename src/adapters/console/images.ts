import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ReplyFile, ReplyImage } from "../../core/reply.ts";

/** An image written for the student: where it is, and the file holding its full description. */
export interface SavedImage {
  file: string;
  descriptionFile: string;
}

/** Digits of the running number that starts every saved file name ("007-formulas.png"). */
const NUMBER_WIDTH = 3;

/**
 * Writes images to one folder under running numbers that carry on from the files already there, so a
 * new session never overwrites an earlier one's pictures. Each image's full alt text goes beside it
 * in a `.txt` file: the screen shows only a short title.
 */
export class ImageFolder {
  #last: number | undefined;

  constructor(readonly dir: string) {}

  async save(images: ReplyImage[]): Promise<SavedImage[]> {
    if (images.length === 0) return [];
    await mkdir(this.dir, { recursive: true });
    this.#last ??= await this.#highestNumber();
    const saved: SavedImage[] = [];
    for (const image of images) saved.push(await this.#saveOne(image));
    return saved;
  }

  /** Writes downloads (a CSV) the same way, without a description file; returns their paths. */
  async saveFiles(files: readonly ReplyFile[]): Promise<string[]> {
    if (files.length === 0) return [];
    await mkdir(this.dir, { recursive: true });
    this.#last ??= await this.#highestNumber();
    const saved: string[] = [];
    for (const file of files) saved.push(await this.#write(file));
    return saved;
  }

  async #saveOne(image: ReplyImage): Promise<SavedImage> {
    const file = await this.#write(image);
    const { dir, name } = path.parse(file);
    const descriptionFile = path.join(dir, `${name}.txt`);
    await writeFile(descriptionFile, `${image.alt}\n`);
    return { file, descriptionFile };
  }

  /** Writes the bytes under the next free running number. */
  async #write(image: Pick<ReplyImage, "bytes" | "fileName">): Promise<string> {
    for (;;) {
      this.#last = (this.#last ?? 0) + 1;
      const base = `${String(this.#last).padStart(NUMBER_WIDTH, "0")}-${path.basename(image.fileName)}`;
      const file = path.join(this.dir, base);
      try {
        // "wx" refuses to overwrite: another terminal session may have taken this number meanwhile.
        await writeFile(file, image.bytes, { flag: "wx" });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw error;
      }
      return file;
    }
  }

  async #highestNumber(): Promise<number> {
    const numbers = (await readdir(this.dir)).map((name) => /^(\d+)-/.exec(name)?.[1]).map(Number);
    return Math.max(0, ...numbers.filter(Number.isFinite));
  }
}
