/** Where in the content something came from: every error a user can fix points here. */
export interface SourcePos {
  file: string; // project-relative path, e.g. content/fr/02-riot.md
  line: number; // 1-based
  col: number; // 1-based
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
    const w = this.where;
    const loc = w ? `${w.file}:${w.line ?? 1}:${w.col ?? 1} ` : '';
    return `${loc}${this.message}${this.hint ? `\n  ${this.hint}` : ''}`;
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
export function formatWarning(message: string, where: SourcePos, hint?: string): string {
  return new ZineError(message, where, hint).format();
}
