import { Command, CommanderError } from "commander";
import { registerContent } from "./content.ts";
import { registerExport } from "./export.ts";
import { registerLmsExport } from "./lms.ts";
import { registerRender } from "./render.ts";
import { registerSimulate } from "./simulate.ts";

/** Exit code for bad input (unknown names, out-of-range numbers, bad LaTeX). */
export const USAGE_ERROR = 2;

const program = new Command("descent")
  .description("Descent's command line: simulate optimizers, render images, inspect content, export a class.")
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

registerSimulate(program);
registerRender(program);
registerContent(program);
registerLmsExport(program);
registerExport(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here with code 0; parse errors are usage errors.
    process.exit(error.exitCode === 0 ? 0 : USAGE_ERROR);
  }
  throw error;
}
