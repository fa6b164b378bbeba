// Polls an assertion until it passes: for effects that happen on timers.
// The limit only decides when to give up; tests never assert on durations.
export async function eventually<T>(
  check: () => T | Promise<T>,
  giveUpAfterMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + giveUpAfterMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
