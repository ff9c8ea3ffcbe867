import { createCanvas, loadImage } from "@napi-rs/canvas";
import { GifReader } from "omggif";

/** A decoded image: RGBA pixels, row by row. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Decodes PNG bytes with the canvas library (an independent decoder, not the renderer's code). */
export async function decodePng(bytes: Buffer): Promise<Pixels> {
  const image = await loadImage(bytes);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    data: ctx.getImageData(0, 0, image.width, image.height).data,
  };
}

/** Decodes every frame of a GIF as it is shown (each frame composed over the previous ones). */
export function decodeGifFrames(bytes: Buffer): {
  width: number;
  height: number;
  frames: Pixels[];
  delays: number[];
} {
  const reader = new GifReader(new Uint8Array(bytes));
  const { width, height } = reader;
  const frames: Pixels[] = [];
  const delays: number[] = [];
  const screen = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < reader.numFrames(); i++) {
    reader.decodeAndBlitFrameRGBA(i, screen as unknown as Uint8Array);
    frames.push({ width, height, data: screen.slice() });
    delays.push(reader.frameInfo(i).delay * 10);
  }
  return { width, height, frames, delays };
}

/** Pixels that differ from `background` by more than a faint anti-aliasing tint. */
export function countInk(pixels: Pixels, background: [number, number, number] = [255, 255, 255]): number {
  let count = 0;
  for (let i = 0; i < pixels.data.length; i += 4) {
    if ((pixels.data[i + 3] as number) < 128) continue;
    const distance =
      Math.abs((pixels.data[i] as number) - background[0]) +
      Math.abs((pixels.data[i + 1] as number) - background[1]) +
      Math.abs((pixels.data[i + 2] as number) - background[2]);
    if (distance > 60) count++;
  }
  return count;
}

/** Pixels close to an exact colour (e.g. an optimizer's path colour). */
export function countColour(pixels: Pixels, hex: string, tolerance = 40): number {
  const target = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let count = 0;
  for (let i = 0; i < pixels.data.length; i += 4) {
    const distance =
      Math.abs((pixels.data[i] as number) - target[0]) +
      Math.abs((pixels.data[i + 1] as number) - target[1]) +
      Math.abs((pixels.data[i + 2] as number) - target[2]);
    if (distance <= tolerance) count++;
  }
  return count;
}

/** Writes one pixel buffer as PNG bytes (to look at a GIF frame). */
export function encodePng(pixels: Pixels): Buffer {
  const canvas = createCanvas(pixels.width, pixels.height);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(pixels.width, pixels.height);
  image.data.set(pixels.data);
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer("image/png");
}
