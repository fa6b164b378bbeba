// Polls an assertion until it passes, for what arrives over the network in
// its own time. The limit only decides when to give up; nothing is asserted
// about how long it took.
export async function eventually<T>(
  check: () => T | Promise<T>,
  giveUpAfterMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + giveUpAfterMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
