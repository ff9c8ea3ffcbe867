/**
 * A mistake the user can fix (unknown topic, value out of range). The tutor shows its message
 * privately and logs nothing above debug; any other error is a bug, logged with context.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}
