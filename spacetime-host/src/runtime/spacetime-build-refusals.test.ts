import { describe, expect, it } from 'vitest';
import { spacetimeBuildRefusals } from './spacetime-build-refusals.js';

describe('spacetimeBuildRefusals (the checks spacetime build makes after bundling)', () => {
  it.each([
    [['spacetime:sys@2.0', 'spacetime:sys@2.1'], ['default'], []],
    [['spacetime:sys@1.0'], [], []],
    [['spacetime:sys@1.0', 'spacetime:sys@2.0'], ['default'], [/2 different versions/]],
    [[], ['default'], [/doesn't import the `spacetimedb\/server` package/]],
    [['spacetime:sys@2.x', 'spacetime:sys'], ['default'], [/doesn't import/]],
    [['spacetime:sys@2.0'], ['init'], [/export default schema/]],
  ])('imports %j, exports %j', (imports, exports, expected) => {
    const refusals = spacetimeBuildRefusals({ imports, exports });
    expect(refusals).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
  });
});
