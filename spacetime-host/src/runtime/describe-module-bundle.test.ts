import { describe, expect, it } from 'vitest';
import { describeModuleBundle } from './describe-module-bundle.js';
import { ModuleLoadError } from './module-errors.js';

/** A bundle describing itself as `bytes`, after running `loadTime` at top level. */
function bundle(bytes: number[], loadTime = ''): string {
  const noop = '() => { throw new Error("not called"); }';
  return `
    import * as sys from 'spacetime:sys@2.0';
    import { moduleHooks } from 'spacetime:sys@2.0';
    ${loadTime}
    export default {
      [moduleHooks]() {
        return {
          __describe_module__: () => new Uint8Array(${JSON.stringify(bytes)}),
          __get_error_constructor__: ${noop},
          __sender_error_class__: class extends Error {},
          __call_reducer__: ${noop},
          __call_view__: ${noop},
          __call_view_anon__: ${noop},
          __call_procedure__: ${noop},
        };
      },
    };
  `;
}

describe('describeModuleBundle', () => {
  it('returns the bytes the module describes itself with; load-time logs are allowed', () => {
    expect(describeModuleBundle(bundle([2, 7, 9], 'sys.console_log(2, "loading");'))).toEqual(
      Uint8Array.of(2, 7, 9),
    );
  });

  it('refuses a module that schedules a call while it is only being described', () => {
    const scheduling = bundle(
      [2],
      'sys.volatile_nonatomic_schedule_immediate("tick", new Uint8Array(0));',
    );
    expect(() => describeModuleBundle(scheduling)).toThrow(ModuleLoadError);
    expect(() => describeModuleBundle(scheduling)).toThrow(
      /a module being described cannot schedule calls/,
    );
  });

  it('refuses a bundle that does not load', () => {
    expect(() => describeModuleBundle('throw new Error("boom");')).toThrow(
      /the module threw while loading: Error: boom/,
    );
  });
});
