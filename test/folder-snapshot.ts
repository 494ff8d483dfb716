import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file and folder under `dir` (hidden staging folders included) with its bytes. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === 'node_modules') continue;
      if (entry.isDirectory()) {
        out.set(`${path}/`, '');
        walk(path);
      } else {
        out.set(path, readFileSync(join(dir, path)).toString('base64'));
      }
    }
  };
  walk('');
  return out;
}
