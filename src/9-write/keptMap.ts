import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from './atomicWrite.js';

/**
 * A path in the bundle's folder, where what every build computes the same way is kept (bin/zine.mjs
 * sets ZINE_CACHE): a new version of the code or of the packages starts afresh. None without it (tests
 * running the sources): nothing is kept.
 */
export function keptPath(...parts: string[]): string | undefined {
  return process.env.ZINE_CACHE ? join(process.env.ZINE_CACHE, ...parts) : undefined;
}

/**
 * A map kept between builds as one JSON file: read at its first use, written whole (atomicWrite) by
 * `save` when this build added to it. An entry `valid` refuses (a damaged file, another version's) is
 * left out: it is made again. Without a file, a map of this build alone.
 */
export class KeptMap<V> {
  private entries: Map<string, V> | null = null;
  private added = false;

  constructor(
    private readonly file: string | undefined,
    private readonly valid: (value: unknown) => value is V,
  ) {}

  private all(): Map<string, V> {
    if (!this.entries) {
      this.entries = new Map();
      try {
        if (this.file) for (const [k, v] of Object.entries(JSON.parse(readFileSync(this.file, 'utf8')) as object)) if (this.valid(v)) this.entries.set(k, v);
      } catch {
        // none kept yet, or damaged: made again
      }
    }
    return this.entries;
  }

  get(key: string): V | undefined {
    return this.all().get(key);
  }

  has(key: string): boolean {
    return this.all().has(key);
  }

  set(key: string, value: V): void {
    this.all().set(key, value);
    this.added = true;
  }

  save(): void {
    if (!this.added || !this.file || !this.entries) return;
    this.added = false;
    try {
      writeAtomic(this.file, JSON.stringify(Object.fromEntries(this.entries)));
    } catch {
      // a read-only checkout: made again next time
    }
  }
}
