/** What went wrong, so callers can tell a user's mistake from a bug. */
export type RenderErrorCode = "bad-latex" | "bad-spec" | "busy" | "internal";

/** A rendering failure with a message a user can act on (e.g. "Undefined control sequence \\frca"). */
export class RenderError extends Error {
  override readonly name = "RenderError";
  constructor(
    message: string,
    readonly code: RenderErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when the user is to be told as is: bad input (LaTeX, function, number) or "busy, try again". */
  get isUserError(): boolean {
    return this.code !== "internal";
  }
}
