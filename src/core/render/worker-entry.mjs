// Entry point of a render worker thread. Node cannot load .ts by itself and tsx registers its loader
// per process (not under vitest at all), so load the TypeScript worker through tsx's scoped importer:
// this works the same under `tsx`, `node --import tsx` and vitest.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./worker.ts", import.meta.url);

export default worker.default;
