import path from 'node:path';
import { CliError } from '../cli/cli-error.js';
import { describeModuleBundle } from '../codegen/describe-module.js';
import { generateTypeScriptBindings } from '../codegen/typescript/generate-typescript.js';
import { writeGeneratedFiles } from '../codegen/write-generated-files.js';

export interface BindingsTarget {
  readonly language: string;
  readonly outDir: string;
}

/**
 * Writes client bindings for an already built bundle into each target, as
 * `spacetime generate` would for the module folder (dev has just built it,
 * so it is not built again). Returns one line per target for the dev log.
 */
export async function writeGenerateTargets(
  program: string,
  targets: readonly BindingsTarget[],
): Promise<readonly string[]> {
  for (const target of targets) {
    if (target.language !== 'typescript') {
      throw new CliError(
        `spacetime-local generates TypeScript bindings only; ${target.outDir} asks for ${target.language}.`,
      );
    }
  }
  const files = generateTypeScriptBindings(describeModuleBundle(program));
  const lines: string[] = [];
  for (const target of targets) {
    const result = await writeGeneratedFiles(target.outDir, files);
    const where = path.relative(process.cwd(), target.outDir) || '.';
    lines.push(
      result.written.length === 0 && result.removed.length === 0
        ? `Bindings in ${where} are up to date.`
        : `Bindings in ${where}: ${result.written.length} written, ${result.removed.length} removed.`,
    );
  }
  return lines;
}
