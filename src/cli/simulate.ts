import { type Command, InvalidArgumentError, Option } from "commander";
import { z } from "zod";
import {
  FUNCTION_IDS,
  type FunctionId,
  type Hyperparameters,
  OPTIMIZERS,
  type OptimizerId,
  optimizerIdOf,
  optimizerNamesHint,
  type Point,
  SIM_LIMITS,
  simulate,
  TEST_FUNCTIONS,
  type Trajectory,
} from "../core/sim/index.ts";

const DEFAULT_STEPS = 200;

/** A decay or momentum coefficient: 1 would never forget, so it is excluded. */
const coefficient = (flag: string) =>
  z.coerce
    .number({ error: `${flag} must be a number in [0, 1), e.g. 0.9` })
    .min(0, `${flag} must be in [0, 1), e.g. 0.9`)
    .lt(1, `${flag} must be in [0, 1), e.g. 0.9`);

const startPoint = z
  .string()
  .transform((text) => text.split(",").map((part) => (part.trim() === "" ? Number.NaN : Number(part))))
  .refine((parts) => parts.length === 2 && parts.every(Number.isFinite), {
    error: "--start must be two numbers x,y, e.g. --start -1.5,2",
  })
  .transform((parts) => parts as Point);

/** The numeric flags as commander hands them over (strings), validated into numbers. */
const NumericOptions = z.object({
  lr: z.coerce
    .number({ error: "--lr must be a positive finite number, e.g. 0.01" })
    .gt(0, "--lr must be a positive finite number, e.g. 0.01")
    .optional(),
  steps: z.coerce
    .number({ error: `--steps must be an integer from 0 to ${SIM_LIMITS.maxSteps}` })
    .int(`--steps must be an integer from 0 to ${SIM_LIMITS.maxSteps}`)
    .min(0, `--steps must be an integer from 0 to ${SIM_LIMITS.maxSteps}`)
    .max(SIM_LIMITS.maxSteps, `--steps must be an integer from 0 to ${SIM_LIMITS.maxSteps}`),
  start: startPoint.optional(),
  momentum: coefficient("--momentum").optional(),
  rho: coefficient("--rho").optional(),
  beta1: coefficient("--beta1").optional(),
  beta2: coefficient("--beta2").optional(),
  eps: z.coerce
    .number({ error: "--eps must be a positive number, e.g. 1e-8" })
    .gt(0, "--eps must be a positive number, e.g. 1e-8")
    .optional(),
  weightDecay: z.coerce
    .number({ error: "--weight-decay must be a number ≥ 0, e.g. 0.01" })
    .min(0, "--weight-decay must be a number ≥ 0, e.g. 0.01")
    .optional(),
});

interface RawOptions extends Record<string, unknown> {
  optimizer: OptimizerId;
  function: FunctionId;
  json?: boolean;
}

/** Flag names as the user types them, for "ignored" notes. */
const FLAG_OF: Record<keyof Hyperparameters, string> = {
  lr: "--lr",
  momentum: "--momentum",
  rho: "--rho",
  beta1: "--beta1",
  beta2: "--beta2",
  eps: "--eps",
  weightDecay: "--weight-decay",
};

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function formatPoint([x, y]: Readonly<Point>): string {
  return `(${format(x)}, ${format(y)})`;
}

/** The few lines a person wants: what ran, where it started and ended, and why it stopped early. */
export function summarize(trajectory: Trajectory, ignored: string[] = []): string {
  const optimizer = OPTIMIZERS[trajectory.optimizer];
  const surface = TEST_FUNCTIONS[trajectory.function];
  const last = trajectory.points.length - 1;
  const end = trajectory.points[last] as Point;
  const settings = Object.entries(trajectory.hyperparameters)
    .map(([key, value]) => `${key} ${format(value as number)}`)
    .join(", ");
  const lines = [
    `${optimizer.name} on ${surface.title} (${trajectory.function}), ${last} step${last === 1 ? "" : "s"}`,
    `  hyperparameters: ${settings}`,
    `  start ${formatPoint(trajectory.points[0] as Point)}  f = ${format(trajectory.loss[0] as number)}`,
    `  end   ${formatPoint(end)}  f = ${format(trajectory.loss[last] as number)}`,
  ];
  const nearest = surface.minima
    .map((minimum) => ({ minimum, distance: Math.hypot(end[0] - minimum[0], end[1] - minimum[1]) }))
    .sort((a, b) => a.distance - b.distance)[0];
  if (nearest)
    lines.push(`  nearest minimum ${formatPoint(nearest.minimum)}, distance ${format(nearest.distance)}`);
  if (trajectory.stopped?.reason === "diverged") {
    lines.push(
      `  diverged at step ${trajectory.stopped.step} (f non-finite or |f| > ${SIM_LIMITS.divergeAbove.toExponential()}); try a smaller --lr`,
    );
  }
  if (ignored.length > 0)
    lines.push(`  ignored (not used by ${trajectory.optimizer}): ${ignored.join(", ")}`);
  return lines.join("\n");
}

/** An optimizer id or alias (`sgd`), through the same table chat commands use. */
export function parseOptimizer(name: string): OptimizerId {
  const id = optimizerIdOf(name);
  if (!id) throw new InvalidArgumentError(`choose from ${optimizerNamesHint()}.`);
  return id;
}

/** Registers `simulate`: run one optimizer on one test function; JSON for scripts, a summary for people. */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("Run one optimizer on one 2-D test function and print its trajectory.")
    .addOption(
      new Option("--optimizer <id>", `optimizer to run: ${optimizerNamesHint()}`)
        .argParser(parseOptimizer)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--function <id>", "test function to run on").choices(FUNCTION_IDS).makeOptionMandatory(),
    )
    .option("--lr <number>", "learning rate η (default: the default learning-rate table in the README)")
    .option("--steps <n>", `number of steps, 0–${SIM_LIMITS.maxSteps}`, String(DEFAULT_STEPS))
    .option("--start <x,y>", "start point (default: the function's start)")
    .option("--momentum <γ>", "momentum γ for momentum and nesterov (default 0.9)")
    .option("--rho <ρ>", "decay ρ for rmsprop (default 0.99) and adadelta (default 0.9)")
    .option("--beta1 <β1>", "Adam's β₁ (default 0.9)")
    .option("--beta2 <β2>", "Adam's β₂ (default 0.999)")
    .option("--eps <ε>", "ε in the denominator (default: the optimizer's PyTorch default)")
    .option("--weight-decay <λ>", "AdamW's decoupled weight decay λ (default 0.01)")
    .option("--json", "print one JSON object instead of a summary")
    .action(function (this: Command, raw: RawOptions) {
      const parsed = NumericOptions.safeParse(raw);
      if (!parsed.success) {
        // One line naming the valid range; commander exits and the CLI maps that to USAGE_ERROR.
        this.error(`error: ${parsed.error.issues[0]?.message ?? "invalid option"}`);
      }
      const { steps, start, ...hyperparameters } = parsed.data;
      const trajectory = simulate({
        optimizer: raw.optimizer,
        fn: raw.function,
        steps,
        start,
        hyperparameters,
        // The published contract: steps + 1 points unless the run diverges.
        stopWhenUnbounded: false,
      });
      if (raw.json) {
        process.stdout.write(`${JSON.stringify(trajectory)}\n`);
        return;
      }
      const uses = OPTIMIZERS[raw.optimizer].uses;
      const ignored = (Object.keys(FLAG_OF) as (keyof Hyperparameters)[])
        .filter((key) => hyperparameters[key] !== undefined && !uses.includes(key))
        .map((key) => FLAG_OF[key]);
      process.stdout.write(`${summarize(trajectory, ignored)}\n`);
    });
}
