import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The little of esbuild's API used here (esbuild comes with tsx; it is not a project dependency). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ errors: unknown[] }>;
}

interface PluginBuild {
  onLoad(options: { filter: RegExp }, callback: (args: { path: string }) => { contents: string; loader: string } | undefined): void;
}

/** How the experiment bundles. */
export enum BundleMode {
  /** Only the project's TypeScript is compiled into one file; packages load from node_modules as usual. */
  PROJECT_ONLY = 'project-only',
  /** Project and packages in one ESM file. */
  EVERYTHING = 'everything',
}

/** Loads esbuild from the project's node_modules, or returns why it cannot. */
export async function loadEsbuild(projectRoot: string): Promise<Esbuild | string> {
  try {
    const path = createRequire(join(projectRoot, 'package.json')).resolve('esbuild');
    return (await import(pathToFileURL(path).href)) as Esbuild;
  } catch (e) {
    return `esbuild not found next to tsx (${(e as Error).message.split('\n')[0]})`;
  }
}

/**
 * Bundles `entry` into `outDir/main.mjs` as a precompiled build of the same app would ship.
 * `import.meta.url` in project files other than the entry is replaced by the original file's URL, so
 * files read relative to a module (generated models, validators) are still found in the project; the
 * entry keeps its own, which its "am I the main module" check compares with argv[1].
 */
export async function bundle(esbuild: Esbuild, projectRoot: string, entry: string, outDir: string, mode: BundleMode): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'main.mjs');
  const entryPath = join(projectRoot, entry);
  if (mode === BundleMode.PROJECT_ONLY) {
    // bare imports in the bundle resolve from its folder: point that at the project's packages
    symlinkSync(join(projectRoot, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  }
  const keepModuleUrls = {
    name: 'keep-module-urls',
    setup(build: PluginBuild) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.includes('/node_modules/') || args.path === entryPath) return undefined;
        const url = JSON.stringify(pathToFileURL(args.path).href);
        const contents = readFileSync(args.path, 'utf8')
          .replace(/\bimport\.meta\.url\b/g, url)
          .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
          .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
        return { contents, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
      });
    },
  };
  await esbuild.build({
    entryPoints: [entryPath],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    packages: mode === BundleMode.PROJECT_ONLY ? 'external' : undefined,
    // bundled CommonJS packages call require() for Node built-ins
    banner: mode === BundleMode.EVERYTHING
      ? { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" }
      : undefined,
    plugins: [keepModuleUrls],
  });
  return outfile;
}
