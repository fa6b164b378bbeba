// What a browser gets while the web app has not been built: the API runs, but
// there is no app to serve yet.

export const NOT_BUILT_CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Kith: the web app is not built</title>
  </head>
  <body>
    <h1>Kith's web app is not built yet</h1>
    <p>The API is running (its reference is at <a href="/docs">/docs</a>). To use Kith in a browser, build the web app, then reload this page:</p>
    <pre>npm run build -w @kith/web</pre>
    <p>The API serves the build from the folder the <code>WEB_DIST_DIR</code> setting names (<code>web/dist</code> by default).</p>
  </body>
</html>
`;
