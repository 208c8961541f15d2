/**
 * The tour's output folder. The console adapter never overwrites a file (a second run would write
 * `…纪要-1.docx`), so the tour keeps a small list of the files it wrote last time and removes exactly
 * those before it plays again. Nothing else in the folder is touched.
 * @module
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MANIFEST = '.yishi-demo-files.json';

/** Creates the folder, removes the previous tour's files, and returns the names that are left. */
export async function prepareOutDir(dir: string): Promise<Set<string>> {
  await mkdir(dir, { recursive: true });
  for (const name of await previousFiles(dir)) await rm(path.join(dir, name), { force: true });
  return new Set(await readdir(dir));
}

/** The files that appeared since `before`, as full paths, remembered for the next run. */
export async function recordNewFiles(dir: string, before: Set<string>): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => !before.has(n) && n !== MANIFEST).sort();
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(names, null, 2)}\n`);
  return names.map((n) => path.join(dir, n));
}

async function previousFiles(dir: string): Promise<string[]> {
  try {
    const list: unknown = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8'));
    // Only plain names from our own list: never a path that could leave the folder.
    return Array.isArray(list)
      ? list.filter((n): n is string => typeof n === 'string' && n === path.basename(n))
      : [];
  } catch {
    return [];
  }
}
