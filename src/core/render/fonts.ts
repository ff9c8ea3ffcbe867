import { fileURLToPath } from "node:url";
import { GlobalFonts } from "@napi-rs/canvas";

/** The bundled OFL font every image uses, so output is identical on a machine with no system fonts. */
export const FONT_FAMILY = "Lato";

/** Bundled font files (assets/fonts), regular and bold. */
export const FONT_FILES = {
  regular: fileURLToPath(new URL("../../../assets/fonts/Lato-Regular.ttf", import.meta.url)),
  bold: fileURLToPath(new URL("../../../assets/fonts/Lato-Bold.ttf", import.meta.url)),
} as const;

let registered = false;

/** Registers the bundled font with the canvas. Idempotent. */
export function registerBundledFonts(): void {
  if (registered) return;
  for (const path of Object.values(FONT_FILES)) {
    if (!GlobalFonts.registerFromPath(path, FONT_FAMILY)) {
      throw new Error(`Could not load the bundled font ${path}; restore assets/fonts from git.`);
    }
  }
  registered = true;
}
