/** Resolves at the first SIGINT or SIGTERM: long-running commands wait on it before they close. */
export function shutdownSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
