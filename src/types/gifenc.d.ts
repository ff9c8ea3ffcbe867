/** Types for gifenc 1.0 (the package ships none); only what Descent uses. */
declare module "gifenc" {
  type Palette = number[][];
  type Format = "rgb565" | "rgb444" | "rgba4444";
  interface FrameOptions {
    palette?: Palette;
    delay?: number;
    repeat?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
  }
  interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
    /** The bytes written so far, without copying (a view into the encoder's buffer). */
    bytesView(): Uint8Array;
  }
  /** The module object, loaded with require() (see render/race.ts). */
  export interface GifencModule {
    GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): Encoder;
    quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number, options?: { format?: Format }): Palette;
    applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: Format): Uint8Array;
    /** The index of the colour in `palette` nearest to `pixel` (squared Euclidean distance). */
    nearestColorIndex(palette: Palette, pixel: number[]): number;
  }
}
