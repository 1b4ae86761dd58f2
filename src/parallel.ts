/**
 * `build` on both cores. A language is one thread's work (load, layout, render, impose): with two or
 * more languages, a worker thread takes languages from the same queue as the main thread. Plain data
 * crosses between the threads: options, warnings as text, PDFs as bytes, errors as what they print.
 * (One language's editions are not shared: the worker would lay the book out again, and on this
 * machine's two cores two threads do not run twice as fast, so it was slower; README, Speed.)
 *
 * The worker runs the same bundle as the main thread: bin/zine.mjs starts it as the process starts (so
 * it loads while this thread does), when the arguments say a build may share. Without it (the sources
 * run by tests, ZINE_THREADS=1, one core), everything runs here, in the same order.
 */
import { availableParallelism } from 'node:os';
import { parentPort, type Worker } from 'node:worker_threads';
import { systemError, ZineError, ZineErrors } from './errors.js';
import { renderEdition, type BuildOptions, type EditionResult } from './pipeline.js';

/** What one thread builds: a language. */
interface Job {
  lang: string;
}

/** What a job gave: its warnings as printed, and its PDFs or the error that stopped it. */
interface Outcome {
  warnings: string[];
  result?: EditionResult;
  error?: unknown;
}

/** The options a worker can be sent: BuildOptions without its callbacks. */
type PlainOptions = Omit<BuildOptions, 'warn' | 'timing'>;

/** An error as it crosses threads: a ZineError's parts (it prints the same), anything else its stack. */
type SentError = { zine: { message: string; where?: ZineError['where']; hint?: string }[] } | { internal: string };

function sendable(e: unknown): SentError {
  e = systemError(e);
  if (e instanceof ZineErrors) return { zine: e.errors.map((x) => ({ message: x.message, where: x.where, hint: x.hint })) };
  if (e instanceof ZineError) return { zine: [{ message: e.message, where: e.where, hint: e.hint }] };
  return { internal: String((e as Error)?.stack ?? e) };
}

function received(s: SentError): unknown {
  if ('internal' in s) return new Error(s.internal);
  const errors = s.zine.map((x) => new ZineError(x.message, x.where, x.hint));
  return errors.length === 1 ? errors[0] : new ZineErrors(errors);
}

/** One job in this thread. Warnings are kept, not printed: the caller prints them in language order. */
async function runHere(job: Job, o: PlainOptions, timing: BuildOptions['timing']): Promise<Outcome> {
  const warnings: string[] = [];
  try {
    return { warnings, result: await renderEdition(job.lang, { ...o, warn: (w) => warnings.push(w), timing }) };
  } catch (error) {
    return { warnings, error };
  }
}

/**
 * Every language's PDFs, in memory, in the order asked. Each language's warnings are printed when it
 * is done, language by language; the first failing language's error is thrown after the warnings of
 * the languages before it, as a build one language after the other would.
 */
export async function renderLanguages(langs: string[], o: BuildOptions): Promise<{ results: EditionResult[]; threads: number }> {
  const { warn, timing, ...plain } = o;
  const started = (globalThis as Record<symbol, Worker | undefined>)[Symbol.for('zine.worker')];
  const share = started && process.env.ZINE_THREADS !== '1' && availableParallelism() > 1 && langs.length > 1;
  if (started && !share) void started.terminate();
  const worker = share ? feedWorker(started, plain, timing) : null;
  const jobs: Job[] = langs.map((lang) => ({ lang }));
  const outcomes: Outcome[] = new Array(jobs.length);
  const again: number[] = [];
  let next = 0;
  let failed = false;
  const take = () => (failed ? -1 : (again.shift() ?? (next < jobs.length ? next++ : -1)));
  const drain = async (run: (job: Job) => Promise<Outcome | null>) => {
    for (let i = take(); i >= 0; i = take()) {
      const outcome = await run(jobs[i]);
      if (!outcome) return void again.push(i); // the worker thread could not run it: this thread will
      outcomes[i] = outcome;
      if (outcome.error) failed = true; // no new job starts: the build fails anyway
    }
  };
  const here = (job: Job) => runHere(job, plain, timing);
  try {
    await Promise.all([drain(here), worker ? drain(worker.run) : null]);
    await drain(here); // a job the worker gave back
  } finally {
    await worker?.close();
  }
  const failure = outcomes.findIndex((x) => x?.error);
  const results: EditionResult[] = [];
  for (const outcome of failure < 0 ? outcomes : outcomes.slice(0, failure + 1)) {
    if (!outcome) continue; // given back by the worker, not made again: a language before it failed
    for (const w of outcome.warnings) warn(w);
    if (outcome.error) throw outcome.error;
    results.push(outcome.result!);
  }
  return { results, threads: worker ? 2 : 1 };
}

/**
 * A worker thread running the same bundle, fed one job at a time. A job it cannot run (the thread
 * failed to start or stopped) resolves to null, and every job after it: the main thread makes them.
 */
function feedWorker(worker: Worker, options: PlainOptions, timing: BuildOptions['timing']) {
  let pending: { resolve(x: Outcome | null): void; warnings: string[] } | null = null;
  let broken = false;
  const stop = () => {
    broken = true;
    pending?.resolve(null);
    pending = null;
  };
  worker.on('message', (m: { warn?: string; stages?: Record<string, number>; result?: EditionResult; error?: SentError }) => {
    if (m.stages) for (const [s, ms] of Object.entries(m.stages)) timing?.(s, ms);
    if (!pending) return;
    if (m.warn !== undefined) pending.warnings.push(m.warn);
    else if (m.result || m.error) {
      worker.unref();
      pending.resolve(m.error ? { warnings: pending.warnings, error: received(m.error) } : { warnings: pending.warnings, result: m.result });
      pending = null;
    }
  });
  worker.on('error', stop);
  worker.on('exit', stop);
  return {
    run: (job: Job) =>
      new Promise<Outcome | null>((resolve) => {
        if (broken) return resolve(null);
        pending = { resolve, warnings: [] };
        worker.ref(); // while it has a job, the process waits for it
        worker.postMessage({ job, options, timed: Boolean(timing) });
      }),
    close: async () => {
      if (broken) return;
      const ended = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage(null); // it sends its stage times and ends
      worker.ref();
      await ended;
    },
  };
}

/** The worker's side: jobs in, warnings and outcomes out, until the main thread sends null. */
export function serveBuildWorker(): void {
  const port = parentPort!;
  const stages: Record<string, number> = {};
  port.on('message', async (m: { job: Job; options: PlainOptions; timed: boolean } | null) => {
    if (!m) {
      port.postMessage({ stages });
      port.close();
      return;
    }
    const timing = m.timed ? (s: string, ms: number) => (stages[s] = (stages[s] ?? 0) + ms) : undefined;
    try {
      const result = await renderEdition(m.job.lang, { ...m.options, warn: (w) => port.postMessage({ warn: w }), timing });
      port.postMessage({ result }); // copied: a megabyte or two, a millisecond
    } catch (e) {
      port.postMessage({ error: sendable(e) });
    }
  });
}
