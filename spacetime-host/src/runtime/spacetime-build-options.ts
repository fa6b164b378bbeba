import type { InputOptions, OutputOptions } from 'rolldown';

/** The rolldown options of one `spacetime build`, split the way the JS API takes them. */
export interface SpacetimeBuildOptions {
  readonly input: InputOptions;
  readonly output: OutputOptions;
}

/**
 * The options `spacetime build` gives rolldown for a TypeScript module
 * (SpacetimeDB's crates/cli/src/tasks/javascript.rs, rolldown v1.0.0-rc.3),
 * mapped one by one from the Rust `BundlerOptions` onto rolldown's JS API
 * (the same Rust bundler). Options the CLI leaves at `None` are left out here
 * too, so rolldown's defaults apply in both. The quoted reasons are the CLI's.
 * The CLI pins rolldown 1.0.0-rc.3 and we run a later 1.x npm release (the
 * one Vite uses too), so the options match but a bundle's bytes may differ
 * where rolldown's output changed since.
 *
 * `tsconfig` is the CLI's `cwd.join("tsconfig.json")`; `false` is only for
 * folders without one, which the CLI refuses ("Tsconfig not found"): they get
 * rolldown's defaults rather than a tsconfig found above the folder, so where
 * a folder sits does not change its bundle.
 */
export function spacetimeBuildOptions(
  moduleDir: string,
  options: { readonly debug: boolean; readonly tsconfig: string | false },
): SpacetimeBuildOptions {
  return {
    input: {
      input: ['./src/index.ts'],
      cwd: moduleDir,
      // "Mark the bindings as external so we don't get a warning." The regex is
      // the CLI's, unanchored as there.
      external: [/spacetime:sys.*/],
      // "Browser is the correct choice here because it doesn't inject Node.js polyfills."
      platform: 'browser',
      shimMissingExports: false,
      // "Prefer environment-neutral exports" (a wrapper around oxc_resolver's options).
      resolve: {
        conditionNames: ['production', 'import', 'default'],
        mainFields: ['exports', 'module', 'main'],
        extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
        symlinks: true,
      },
      treeshake: {
        // "SpacetimeDB currently relies on `import './runtime'` to set up the
        // environment, so we can't tree-shake that away."
        moduleSideEffects: true,
        // "Respect the `/* @__PURE__ */` annotations".
        annotations: true,
        // "If there is an unknown global, assume it has side effects."
        unknownGlobalSideEffects: true,
        commonjs: true,
        // "Safest for users who might use getters/setters with side effects."
        propertyReadSideEffects: 'always',
        propertyWriteSideEffects: 'always',
        invalidImportSideEffects: true,
      },
      checks: {
        circularDependency: true,
        // "We don't care about eval"
        eval: false,
        missingGlobalName: true,
        // "Don't care about mixed exports"
        mixedExports: false,
        // "If the entry point / an import is unresolved, that's a problem" —
        // bundleModule turns unresolved imports into errors, as the CLI does.
        unresolvedEntry: true,
        unresolvedImport: true,
        filenameConflict: true,
        commonJsVariableInEsm: true,
        importIsUndefined: true,
        emptyImportMeta: true,
        cannotCallNamespace: true,
        configurationFieldConflict: true,
        preferBuiltinFeature: true,
      },
      transform: {
        // "Default, no transformation": the module runs on SpacetimeDB's V8 as written.
        target: 'esnext',
        typescript: {
          // "I am assuming we just want to strip these"
          onlyRemoveTypeImports: true,
          // "No namespaces, only allow JS + types"
          allowNamespaces: false,
          // "Allow `declare` fields in classes and strip these"
          allowDeclareFields: true,
          // "Leave them there to not mess with behavior"
          removeClassFieldsWithoutInitializer: false,
          rewriteImportExtensions: true,
        },
        // rolldown's define values are JavaScript expressions. The CLI passes the
        // bare word, so a module reading `process.env.NODE_ENV` gets the global
        // `production` (a ReferenceError on SpacetimeDB). Kept as the CLI has it,
        // so such a module fails here as it would there.
        define: { 'process.env.NODE_ENV': options.debug ? 'development' : 'production' },
      },
      // The CLI logs at Debug level; bundleModule reports warnings and errors,
      // as the CLI prints only the build's diagnostics.
      logLevel: 'debug',
      tsconfig: options.tsconfig,
    },
    output: {
      // "We want a single output file." Nothing is written: the bundle stays in
      // memory, but its name places the source map paths as in the CLI's build.
      file: './dist/bundle.js',
      // "We want to use ES Modules in SpacetimeDB"; "Use named exports".
      format: 'esm',
      exports: 'named',
      sourcemap: 'inline',
      // "The output file is ./dist/bundle.js, so all the paths will be relative
      // to it [...] So, strip the leading `../`"
      sourcemapPathTransform: (relativePath) =>
        relativePath.startsWith('../') ? relativePath.slice('../'.length) : relativePath,
      // "Seems like a good idea."
      sourcemapDebugIds: true,
      // "Replace characters that are invalid in filenames with underscores"
      sanitizeFileName: true,
      generatedCode: { preset: 'es2015' },
      esModule: 'if-default-prop',
      // "Disable minification until we have proper support for source maps."
      minify: false,
      // "Not relevant for us, [...] we have ESM only."
      extend: false,
      externalLiveBindings: true,
      // "We don't need any legal comments" (the CLI's `legal_comments: None`;
      // rolldown's JS API now spells it `comments.legal`).
      comments: { legal: false },
      // "We don't need to polyfill require, only ESM here"
      polyfillRequire: false,
      preserveModules: false,
      // "The safer choice since we'll keep vars scoped to modules"
      topLevelVar: false,
      minifyInternalExports: true,
    },
  };
}
