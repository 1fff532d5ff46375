import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package and every package it needs at run time, transitively, by name, as npm installed
 * them (hoisted) in `nodeModulesDir`: what a bundle must carry to load it from node_modules.
 */
function runtimePackageClosure(nodeModulesDir: string, name: string): string[] {
  const found = new Set<string>();
  const visit = (packageName: string): void => {
    if (found.has(packageName)) return;
    found.add(packageName);
    const manifest = JSON.parse(
      readFileSync(join(nodeModulesDir, packageName, 'package.json'), 'utf8')
    ) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
  };
  visit(name);
  return [...found].sort();
}

export { runtimePackageClosure };
