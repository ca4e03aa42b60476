import * as fs from 'fs';
import * as path from 'path';
import type { SynthPlan } from './plan';
import type { OutputFile } from '../model/output-file';

/**
 * Writes a synthesis plan: creates `outdir` (even for an app with no chart) and the folders
 * of its files, writes every file in the plan's order, emits every warning once, and prints
 * the summary on standard error when asked (the cdk8s CLI swallows its app's standard output).
 * The only place of the library that writes the output (the output checks write temporary
 * files of their own).
 */
export function writePlan(plan: SynthPlan, outdir: string, printSummary: boolean): void {
  fs.mkdirSync(outdir, { recursive: true });
  writeFiles(outdir, plan.files);
  for (const warning of plan.warnings) {
    process.emitWarning(warning.message, { code: warning.code });
  }
  if (printSummary) {
    process.stderr.write(`cdk8s-compose wrote:\n${plan.summary.join('\n')}\n`);
  }
}

/** Writes `files` under `dir`, creating each folder once; a later file of one path replaces an earlier one. */
export function writeFiles(dir: string, files: readonly OutputFile[]): void {
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(dir, file.path);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    fs.writeFileSync(target, file.content);
  }
}
