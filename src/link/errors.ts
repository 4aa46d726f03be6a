// Bad input to linking and replay (an unknown Message-ID, a patch no scenario models, a
// schedule that does not fit): one clear line for the user, never a stack trace. The CLI's
// reportError prints any error with `userFacing` as a single line and exits non-zero.
export class LinkError extends Error {
  readonly userFacing = true;
  override readonly name = 'LinkError';
}
