interface CallSiteLike {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
}

/**
 * Where the module called `console.*` from: SpacetimeDB records the script
 * name and line of the frame that called the library's console method, i.e.
 * the second JavaScript frame above the syscall (`belowFunction`).
 */
export function consoleCallerLocation(belowFunction: (...args: never[]) => unknown): {
  filename?: string;
  lineNumber?: number;
} {
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.stackTraceLimit = 2;
    Error.captureStackTrace(holder, belowFunction);
    const sites = holder.stack as CallSiteLike[] | undefined;
    const frame = sites?.[1] ?? sites?.[0];
    if (frame === undefined) return {};
    return {
      filename: frame.getFileName() ?? undefined,
      lineNumber: frame.getLineNumber() ?? undefined,
    };
  } catch {
    // A stack that cannot be read only costs the log record its location.
    return {};
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
}
