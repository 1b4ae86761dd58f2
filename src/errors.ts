import { isAbsolute, relative } from 'node:path';

/** Where in the content something came from: every error a user can fix points here. */
export interface SourcePos {
  file: string; // project-relative path, e.g. content/fr/02-riot.md
  line: number; // 1-based
  col: number; // 1-based
}

/** `path:line:col message`, then the hint, each of its lines indented under the message. */
function formatAt(message: string, where: ZineError['where'], hint: string | undefined): string {
  const loc = where ? `${where.file}:${where.line ?? 1}:${where.col ?? 1} ` : '';
  const indented = hint ? hint.split('\n').map((l) => `\n  ${l}`).join('') : '';
  return `${loc}${message}${indented}`;
}

/**
 * The one error type the pipeline throws for bad input. Printed as `path:line:col message`
 * (the convention editors and terminals turn into clickable locations), then what to do.
 */
export class ZineError extends Error {
  constructor(
    message: string,
    readonly where?: Partial<SourcePos> & { file: string },
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ZineError';
  }

  format(): string {
    return formatAt(this.message, this.where, this.hint);
  }
}

/** Several errors found in one pass (a file with three bad blocks): thrown together, printed one after the other. */
export class ZineErrors extends ZineError {
  constructor(readonly errors: ZineError[]) {
    super(errors[0].message, errors[0].where, errors[0].hint);
  }

  format(): string {
    return this.errors.map((e) => e.format()).join('\n');
  }
}

export function fail(message: string, where?: ZineError['where'], hint?: string): never {
  throw new ZineError(message, where, hint);
}

/**
 * A warning about the input: the build goes on, the reader is told where and what would help. Stages
 * that find something worth a word (an attribute we ignore, a GIF's other frames) call the one they get.
 */
export type Warn = (message: string, where: SourcePos, hint?: string) => void;

/** `path:line:col message`, then the hint on its own indented line(s): the same shape as errors. */
export function formatWarning(message: string, where: ZineError['where'], hint?: string): string {
  return formatAt(message, where, hint);
}

/** What the machine said went wrong (Node's error codes): what happened, and what the user can do, reading or writing. */
interface Failure {
  what: string;
  read: string;
  write: string;
  /** Said instead of `what` when writing. */
  whatWriting?: string;
}
const ELSEWHERE = 'or build elsewhere with --out DIR';
const SYSTEM: Record<string, Failure> = {
  ENOSPC: { what: 'the disk is full', read: 'Free some space on that disk, then try again.', write: `Free some space on that disk (${ELSEWHERE}), then build again.` },
  EDQUOT: { what: 'your disk quota is used up', read: 'Free some space, then try again.', write: `Free some space (${ELSEWHERE}), then build again.` },
  EROFS: { what: 'the disk is read-only', read: 'Check the disk.', write: 'Build to a writable folder with --out DIR.' },
  EACCES: { what: 'permission denied', read: 'Make it readable (chmod u+r), then try again.', write: `Make the folder writable (chmod u+w), ${ELSEWHERE}.` },
  EPERM: { what: 'operation not permitted', read: 'Check its owner and permissions.', write: `Check the folder’s owner and permissions, ${ELSEWHERE}.` },
  ENOENT: {
    what: 'it is not there any more',
    read: 'It was removed or renamed while zine ran: put it back (or remove what refers to it), then try again.',
    whatWriting: 'a folder on the way does not exist and could not be made',
    write: 'Check the path given to --out: is its disk there, and writable?',
  },
  ENOTDIR: { what: 'a file stands where a folder should be', read: 'Check the path.', write: `Move that file away, ${ELSEWHERE}.` },
  EEXIST: { what: 'a file stands where a folder should be', read: 'Check the path.', write: `Move that file away, ${ELSEWHERE}.` },
  EISDIR: { what: 'a folder stands where a file should be', read: 'Check the path.', write: `Move that folder away, ${ELSEWHERE}.` },
  EMFILE: { what: 'too many files are open', read: 'Close some programs, then try again.', write: 'Close some programs, then try again.' },
  ENFILE: { what: 'too many files are open on this machine', read: 'Close some programs, then try again.', write: 'Close some programs, then try again.' },
  EIO: { what: 'the disk failed to read or write (input/output error)', read: 'Check the disk, or copy the project to another one.', write: `Check the disk, ${ELSEWHERE}.` },
};

/** A path as the user knows it: relative to the current folder when inside it. */
export function displayPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** The failure `e` is, if it is one of the machine's that a user can act on. */
function failure(e: unknown, doing?: 'read' | 'write') {
  const { code, syscall } = (e ?? {}) as NodeJS.ErrnoException;
  const known = code && !(e instanceof ZineError) ? SYSTEM[code] : undefined;
  if (!known) return undefined;
  const d = doing ?? (/^(write|mkdir|rename|unlink|rm|copyfile|symlink|link|ftruncate|fsync|close)/.test(syscall ?? '') ? 'write' : 'read');
  return { what: `${d === 'write' ? known.whatWriting ?? known.what : known.what} (${code})`, hint: known[d], doing: d };
}

/**
 * A failure of the machine (a full disk, a read-only folder, a file gone mid-build) as an error the
 * user can act on: the path, what happened, what to do. A file read is the error's place (check lists
 * it with that file); an output is named in the message. Anything else is returned as it was.
 */
export function systemError(e: unknown, path: string | undefined = (e as NodeJS.ErrnoException)?.path, doing?: 'read' | 'write'): unknown {
  const f = failure(e, doing);
  if (!f || !path) return e;
  const shown = displayPath(path);
  if (f.doing === 'read') return new ZineError(`cannot read this file: ${f.what}`, { file: shown }, f.hint);
  return new ZineError(`cannot write ${shown}: ${f.what}`, undefined, f.hint);
}

/** A failure of the machine while reading what the content names at `where` (an image gone mid-build): told there. */
export function systemErrorAt(e: unknown, where: SourcePos): unknown {
  const f = failure(e, 'read');
  const path = (e as NodeJS.ErrnoException)?.path;
  return f && path ? new ZineError(`cannot read ${displayPath(path)}: ${f.what}`, where, f.hint) : e;
}

/** A warning or an error, as `check` lists them. */
export interface Diagnostic {
  message: string;
  where?: ZineError['where'];
  hint?: string;
}

/**
 * Every error and warning of a run, collected instead of stopping at the first: `check` prints them
 * all, `build` stops at the end of a stage that recorded errors (throwIfErrors).
 */
export class Diagnostics {
  readonly errors: ZineError[] = [];
  readonly warnings: Diagnostic[] = [];

  /** `onWarning`: told of each warning as it comes (build prints them at once). */
  constructor(private readonly onWarning?: (w: Diagnostic) => void) {}

  readonly warn: Warn = (message, where, hint) => {
    const w = { message, where, hint };
    this.warnings.push(w);
    this.onWarning?.(w);
  };

  readonly error = (e: ZineError): void => {
    this.errors.push(...(e instanceof ZineErrors ? e.errors : [e]));
  };

  /** f's result, or `fallback` when f fails with a ZineError (recorded); any other error goes on up. */
  attempt<T>(f: () => T): T | undefined;
  attempt<T>(f: () => T, fallback: T): T;
  attempt<T>(f: () => T, fallback?: T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof ZineError)) throw e;
      this.error(e);
      return fallback;
    }
  }

  async attemptAsync<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      if (!(e instanceof ZineError)) throw e;
      this.error(e);
      return undefined;
    }
  }

  /** Throws every error recorded so far, at once. */
  throwIfErrors(): void {
    if (this.errors.length === 1) throw this.errors[0];
    if (this.errors.length) throw new ZineErrors([...this.errors].sort(byPlace));
  }

  /**
   * The report of `check`: a heading line per file, then its errors and warnings sorted by line
   * (`path:line:col message`, warnings marked), each hint indented under it; a summary line last.
   */
  format(checked?: string): string {
    const all = [...this.errors.map((d) => ({ d, error: true })), ...this.warnings.map((d) => ({ d, error: false }))];
    const byFile = new Map<string, typeof all>();
    const seen = new Set<string>();
    for (const x of all) {
      // The same image or emblem can be found wrong by every language that uses it: said once.
      const key = `${x.error} ${formatAt(x.d.message, x.d.where, x.d.hint)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const file = x.d.where?.file ?? '(no file)';
      byFile.set(file, [...(byFile.get(file) ?? []), x]);
    }
    const out: string[] = [];
    for (const file of [...byFile.keys()].sort()) {
      const list = byFile.get(file)!.sort((a, b) => (a.d.where?.line ?? 0) - (b.d.where?.line ?? 0) || (a.d.where?.col ?? 0) - (b.d.where?.col ?? 0));
      const errors = list.filter((x) => x.error).length;
      out.push(`${file} (${count(errors, 'error')}, ${count(list.length - errors, 'warning')})`);
      for (const { d, error } of list) out.push(formatAt(error ? d.message : `warning: ${d.message}`, d.where, d.hint));
      out.push('');
    }
    const errors = [...byFile.values()].flat().filter((x) => x.error).length;
    out.push(`${count(errors, 'error')}, ${count(seen.size - errors, 'warning')} in ${count(byFile.size, 'file')}${checked ? ` (${checked})` : ''}`);
    return out.join('\n') + '\n';
  }
}

const byPlace = (a: Diagnostic, b: Diagnostic) =>
  (a.where?.file ?? '').localeCompare(b.where?.file ?? '') || (a.where?.line ?? 0) - (b.where?.line ?? 0) || (a.where?.col ?? 0) - (b.where?.col ?? 0);

/** `1 file`, `2 files`. */
export const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
