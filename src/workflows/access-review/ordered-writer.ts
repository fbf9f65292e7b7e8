/**
 * Writes batches in order with one write in flight, so reading and routing the next batch overlaps
 * the store's work on this one. A batch starts only once the one before it is stored: that is what
 * lets a resumed run restart one batch before the highest position written.
 */
export function orderedWriter<T>(write: (batch: T[]) => Promise<number>) {
  let inFlight: Promise<number> = Promise.resolve(0);
  let written = 0;
  return {
    async write(batch: T[]) {
      written += await inFlight;
      inFlight = write(batch);
      // A failure is reported by the next write or by done(), not as an unhandled rejection.
      inFlight.catch(() => undefined);
    },
    async done() {
      written += await inFlight;
      inFlight = Promise.resolve(0);
      return written;
    },
    /** Waits for the write in flight, whatever its outcome, when the run fails elsewhere. */
    settle: () =>
      inFlight.then(
        () => undefined,
        () => undefined,
      ),
  };
}
