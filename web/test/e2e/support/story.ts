// Steps of one story that build on each other: once a step fails, the later
// ones are skipped instead of failing for the same reason.
import { it } from 'vitest';

export function createStory() {
  let broken: string | undefined;
  return function step(name: string, run: () => Promise<void> | void): void {
    it(name, async (context) => {
      if (broken !== undefined) context.skip(`an earlier step failed: ${broken}`);
      try {
        await run();
      } catch (error) {
        broken = name;
        throw error;
      }
    });
  };
}
