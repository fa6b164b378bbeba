// Builds hand-written module bundles that call syscalls directly, so tests can
// probe the ABI precisely without going through the spacetimedb library.

/**
 * A bundle whose reducer 0, view 0, anonymous view 0 and procedure 0 each run
 * `body` with `sys` (2.0), `sys21` (2.1), `report(value)` (logs JSON at info
 * level), `attempt(fn)` (returns `{ ok }` or the error's class name, message
 * and protocol fields), `args` (a Uint8Array), `kind` and `ctx` (id, sender, connId, timestamp), plus the
 * helpers `u32s(...values)`, `bufferOf(bytes, capacity)` and `readU32s(buffer, length)`.
 */
export function probeModule(body: string, topLevel = ''): string {
  return `
import * as sys from 'spacetime:sys@2.0';
import { moduleHooks } from 'spacetime:sys@2.0';
import * as sys21 from 'spacetime:sys@2.1';

class SenderError extends Error {}
const errorClasses = new Map();
function errorClass(code) {
  let cls = errorClasses.get(code);
  if (!cls) {
    cls = class extends Error {};
    Object.defineProperty(cls, 'name', { value: 'Errno' + code });
    Object.defineProperty(cls.prototype, 'name', { value: 'Errno' + code });
    errorClasses.set(code, cls);
  }
  return cls;
}
const json = (value) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() + 'n' : v instanceof Uint8Array ? Array.from(v) : v));
const report = (value) => sys.console_log(2, 'REPORT ' + json(value));
const attempt = (fn) => {
  try {
    return { ok: fn() };
  } catch (e) {
    if (e && typeof e === 'object' && '__buffer_too_small__' in e) return { tooSmall: e.__buffer_too_small__ };
    return { error: e?.constructor?.name, message: e?.message };
  }
};
/** Little-endian u32 values as bytes, e.g. a row of u32 columns. */
const u32s = (...values) => {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v, true));
  return bytes;
};
/** A fresh ArrayBuffer of \`capacity\` bytes starting with \`bytes\`. */
const bufferOf = (bytes, capacity = 256) => {
  const buffer = new ArrayBuffer(Math.max(capacity, bytes.length));
  new Uint8Array(buffer).set(bytes);
  return buffer;
};
/** Reads u32 values out of the first \`length\` bytes of \`buffer\`. */
const readU32s = (buffer, length) => {
  const view = new DataView(buffer);
  const out = [];
  for (let at = 0; at + 4 <= length; at += 4) out.push(view.getUint32(at, true));
  return out;
};
const run = (kind, args, ctx) => {
${body}
};
${topLevel}
export default {
  [moduleHooks](_exports) {
    return {
      __describe_module__: () => new Uint8Array([7, 7]),
      __get_error_constructor__: errorClass,
      __sender_error_class__: SenderError,
      __call_reducer__(id, sender, connId, timestamp, argsView) {
        return run('reducer', new Uint8Array(argsView.buffer, argsView.byteOffset, argsView.byteLength), { id, sender, connId, timestamp });
      },
      __call_view__(id, sender, args) { return { data: run('view', args, { id, sender }) ?? new Uint8Array(0) }; },
      __call_view_anon__(id, args) { return { data: run('anon', args, { id }) ?? new Uint8Array(0) }; },
      __call_procedure__(id, sender, connId, timestamp, args) {
        return run('procedure', args, { id, sender, connId, timestamp }) ?? new Uint8Array(0);
      },
    };
  },
};
`;
}
