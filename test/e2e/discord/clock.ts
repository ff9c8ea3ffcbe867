/** The emulator's notion of "now": real time plus an offset tests can move forward. */
export class SettableClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Jumps forward, e.g. past the 3-second first-response deadline or the 15-minute token life. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
