// The /docs page: Scalar's standalone script from our own origin, configured
// by a data attribute instead of an inline script, so a strict
// Content-Security-Policy (scripts from 'self' only) holds.

/** Scalar injects its stylesheet as <style> elements, hence 'unsafe-inline' for styles only. */
export const API_DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Everything Scalar would fetch from elsewhere is off: its web fonts, its
 * telemetry, its AI agent and MCP helpers, and the developer toolbar that
 * links to its hosted services.
 */
const SCALAR_CONFIGURATION = {
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
} as const;

function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function renderApiDocsPage(options: {
  readonly openapiPath: string;
  readonly scriptPath: string;
}): string {
  const configuration = escapeAttribute(JSON.stringify(SCALAR_CONFIGURATION));
  // A script element of type application/json is data, never run; Scalar's
  // standalone build finds it by its id and mounts the reference there.
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Kith API</title>
  </head>
  <body>
    <script id="api-reference" type="application/json" data-url="${escapeAttribute(options.openapiPath)}" data-configuration="${configuration}"></script>
    <script src="${escapeAttribute(options.scriptPath)}"></script>
  </body>
</html>
`;
}
