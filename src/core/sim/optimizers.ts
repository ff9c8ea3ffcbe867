import type { OptimizerId, OptimizerInfo, OptimizerState, OptimizerStep, Point } from "./types.ts";

/** A fresh state at `start`: zero accumulators, t = 0. */
export function createState(start: Readonly<Point> = [0, 0]): OptimizerState {
  return { x: start[0], y: start[1], t: 0, ax: 0, ay: 0, bx: 0, by: 0 };
}

// One gradient scratch for every step: JS is single-threaded and no step re-enters another.
const g: Point = [0, 0];

// Every kernel reads the whole state into locals before writing `out`, so `out === state` is safe.

const gdStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  grad(s.x, s.y, g);
  out.x = s.x - hp.lr * g[0];
  out.y = s.y - hp.lr * g[1];
  out.t = s.t + 1;
  out.ax = out.ay = out.bx = out.by = 0;
  return out;
};

const momentumStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  grad(s.x, s.y, g);
  const vx = hp.momentum * s.ax + hp.lr * g[0];
  const vy = hp.momentum * s.ay + hp.lr * g[1];
  out.x = s.x - vx;
  out.y = s.y - vy;
  out.ax = vx;
  out.ay = vy;
  out.bx = out.by = 0;
  out.t = s.t + 1;
  return out;
};

const nesterovStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  // The gradient is taken where momentum is about to carry θ: the look-ahead point θ − γv.
  grad(s.x - hp.momentum * s.ax, s.y - hp.momentum * s.ay, g);
  const vx = hp.momentum * s.ax + hp.lr * g[0];
  const vy = hp.momentum * s.ay + hp.lr * g[1];
  out.x = s.x - vx;
  out.y = s.y - vy;
  out.ax = vx;
  out.ay = vy;
  out.bx = out.by = 0;
  out.t = s.t + 1;
  return out;
};

const adagradStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  grad(s.x, s.y, g);
  const Gx = s.ax + g[0] * g[0];
  const Gy = s.ay + g[1] * g[1];
  out.x = s.x - (hp.lr * g[0]) / (Math.sqrt(Gx) + hp.eps);
  out.y = s.y - (hp.lr * g[1]) / (Math.sqrt(Gy) + hp.eps);
  out.ax = Gx;
  out.ay = Gy;
  out.bx = out.by = 0;
  out.t = s.t + 1;
  return out;
};

const rmspropStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  grad(s.x, s.y, g);
  const Ex = hp.rho * s.ax + (1 - hp.rho) * g[0] * g[0];
  const Ey = hp.rho * s.ay + (1 - hp.rho) * g[1] * g[1];
  out.x = s.x - (hp.lr * g[0]) / (Math.sqrt(Ex) + hp.eps);
  out.y = s.y - (hp.lr * g[1]) / (Math.sqrt(Ey) + hp.eps);
  out.ax = Ex;
  out.ay = Ey;
  out.bx = out.by = 0;
  out.t = s.t + 1;
  return out;
};

const adadeltaStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  grad(s.x, s.y, g);
  const { rho, eps } = hp;
  const Egx = rho * s.ax + (1 - rho) * g[0] * g[0];
  const Egy = rho * s.ay + (1 - rho) * g[1] * g[1];
  const dx = (Math.sqrt(s.bx + eps) / Math.sqrt(Egx + eps)) * g[0];
  const dy = (Math.sqrt(s.by + eps) / Math.sqrt(Egy + eps)) * g[1];
  out.bx = rho * s.bx + (1 - rho) * dx * dx;
  out.by = rho * s.by + (1 - rho) * dy * dy;
  out.x = s.x - hp.lr * dx;
  out.y = s.y - hp.lr * dy;
  out.ax = Egx;
  out.ay = Egy;
  out.t = s.t + 1;
  return out;
};

/** Adam's step; `decay` is AdamW's decoupled λ (0 for plain Adam). */
function adamKernel(
  s: Readonly<OptimizerState>,
  hp: Readonly<{ lr: number; beta1: number; beta2: number; eps: number }>,
  decay: number,
  out: OptimizerState,
): OptimizerState {
  const { lr, beta1, beta2, eps } = hp;
  const t = s.t + 1;
  const mx = beta1 * s.ax + (1 - beta1) * g[0];
  const my = beta1 * s.ay + (1 - beta1) * g[1];
  const vx = beta2 * s.bx + (1 - beta2) * g[0] * g[0];
  const vy = beta2 * s.by + (1 - beta2) * g[1] * g[1];
  const correction1 = 1 - beta1 ** t;
  const correction2 = 1 - beta2 ** t;
  const mHatX = mx / correction1;
  const mHatY = my / correction1;
  const vHatX = vx / correction2;
  const vHatY = vy / correction2;
  out.x = s.x - lr * decay * s.x - (lr * mHatX) / (Math.sqrt(vHatX) + eps);
  out.y = s.y - lr * decay * s.y - (lr * mHatY) / (Math.sqrt(vHatY) + eps);
  out.ax = mx;
  out.ay = my;
  out.bx = vx;
  out.by = vy;
  out.t = t;
  return out;
}

const adamStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  grad(s.x, s.y, g);
  return adamKernel(s, hp, 0, out);
};

const adamwStep: OptimizerStep = (s, grad, hp, out = createState()) => {
  grad(s.x, s.y, g);
  return adamKernel(s, hp, hp.weightDecay, out);
};

const ADAM_MOMENTS = [
  String.raw`m \leftarrow \beta_1 m + (1 - \beta_1)\, g`,
  String.raw`v \leftarrow \beta_2 v + (1 - \beta_2)\, g^2`,
  String.raw`\hat{m} = \frac{m}{1 - \beta_1^{\,t}}`,
  String.raw`\hat{v} = \frac{v}{1 - \beta_2^{\,t}}`,
];

/**
 * The optimizers the lessons teach. Defaults follow PyTorch's torch.optim (momentum: γ 0.9, which
 * PyTorch leaves to the user); `latex` is the rule the `step` runs, with g = ∇f(θ) and g² element-wise.
 */
export const OPTIMIZERS: Record<OptimizerId, OptimizerInfo> = {
  gd: {
    id: "gd",
    name: "Gradient descent",
    uses: ["lr"],
    defaults: {},
    latex: [String.raw`\theta \leftarrow \theta - \eta\, g`],
    step: gdStep,
  },
  momentum: {
    id: "momentum",
    name: "SGD with momentum",
    uses: ["lr", "momentum"],
    defaults: { momentum: 0.9 },
    latex: [String.raw`v \leftarrow \gamma v + \eta\, g`, String.raw`\theta \leftarrow \theta - v`],
    step: momentumStep,
  },
  nesterov: {
    id: "nesterov",
    name: "Nesterov momentum",
    uses: ["lr", "momentum"],
    defaults: { momentum: 0.9 },
    latex: [
      String.raw`v \leftarrow \gamma v + \eta\, \nabla f(\theta - \gamma v)`,
      String.raw`\theta \leftarrow \theta - v`,
    ],
    step: nesterovStep,
  },
  adagrad: {
    id: "adagrad",
    name: "Adagrad",
    uses: ["lr", "eps"],
    defaults: { eps: 1e-10 },
    latex: [
      String.raw`G \leftarrow G + g^2`,
      String.raw`\theta \leftarrow \theta - \frac{\eta\, g}{\sqrt{G} + \epsilon}`,
    ],
    step: adagradStep,
  },
  rmsprop: {
    id: "rmsprop",
    name: "RMSprop",
    uses: ["lr", "rho", "eps"],
    defaults: { rho: 0.99, eps: 1e-8 },
    latex: [
      String.raw`E \leftarrow \rho E + (1 - \rho)\, g^2`,
      String.raw`\theta \leftarrow \theta - \frac{\eta\, g}{\sqrt{E} + \epsilon}`,
    ],
    step: rmspropStep,
  },
  adadelta: {
    id: "adadelta",
    name: "Adadelta",
    uses: ["lr", "rho", "eps"],
    defaults: { rho: 0.9, eps: 1e-6 },
    latex: [
      String.raw`E[g^2] \leftarrow \rho\, E[g^2] + (1 - \rho)\, g^2`,
      String.raw`\Delta = \frac{\sqrt{E[\Delta^2] + \epsilon}}{\sqrt{E[g^2] + \epsilon}}\, g`,
      String.raw`E[\Delta^2] \leftarrow \rho\, E[\Delta^2] + (1 - \rho)\, \Delta^2`,
      String.raw`\theta \leftarrow \theta - \eta\, \Delta`,
    ],
    step: adadeltaStep,
  },
  adam: {
    id: "adam",
    name: "Adam",
    uses: ["lr", "beta1", "beta2", "eps"],
    defaults: { beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    latex: [
      String.raw`t \leftarrow t + 1`,
      ...ADAM_MOMENTS,
      String.raw`\theta \leftarrow \theta - \frac{\eta\, \hat{m}}{\sqrt{\hat{v}} + \epsilon}`,
    ],
    step: adamStep,
  },
  adamw: {
    id: "adamw",
    name: "AdamW",
    uses: ["lr", "beta1", "beta2", "eps", "weightDecay"],
    defaults: { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 },
    latex: [
      String.raw`t \leftarrow t + 1`,
      ...ADAM_MOMENTS,
      String.raw`\theta \leftarrow \theta - \eta \lambda \theta - \frac{\eta\, \hat{m}}{\sqrt{\hat{v}} + \epsilon}`,
    ],
    step: adamwStep,
  },
};
