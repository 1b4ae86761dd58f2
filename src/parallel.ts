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
  const jobs: Job[] = langs.map((lang) => ({ lang }));
  const outcomes: (Outcome | undefined)[] = new Array(jobs.length);
  // The queue both threads take jobs from, in memory they share: [0] the next job, [1] 1 once a job
  // failed (no new one starts: the build fails anyway). The worker takes its next job as soon as it is
  // done with one, without waiting for this thread to come back to its event loop.
  const queue = new Int32Array(new SharedArrayBuffer(8));
  const take = () => {
    if (Atomics.load(queue, 1)) return -1;
    const i = Atomics.add(queue, 0, 1);
    return i < jobs.length ? i : -1;
  };
  const worker = share ? runWorker(started, { jobs, options: plain, timed: Boolean(timing), queue: queue.buffer as SharedArrayBuffer }, outcomes, timing) : null;
  const here = async (i: number) => {
    outcomes[i] = await runHere(jobs[i], plain, timing);
    if (outcomes[i]!.error) Atomics.store(queue, 1, 1);
  };
  for (let i = take(); i >= 0; i = take()) await here(i);
  await worker;
  // A job the worker took and could not finish (its thread stopped): made here.
  for (let i = 0; i < jobs.length && !Atomics.load(queue, 1); i++) if (!outcomes[i]) await here(i);
  const failure = outcomes.findIndex((x) => x?.error);
  const results: EditionResult[] = [];
  for (const outcome of failure < 0 ? outcomes : outcomes.slice(0, failure + 1)) {
    if (!outcome) continue; // not made: a language before it failed
    for (const w of outcome.warnings) warn(w);
    if (outcome.error) throw outcome.error;
    results.push(outcome.result!);
  }
  return { results, threads: worker ? 2 : 1 };
}

interface WorkerTask {
  jobs: Job[];
  options: PlainOptions;
  timed: boolean;
  queue: SharedArrayBuffer;
}

type WorkerMessage = { job: number; warn: string } | { job: number; result: EditionResult } | { job: number; error: SentError } | { stages: Record<string, number> };

/**
 * The worker thread's part: it takes jobs from the shared queue until none is left, and says each
 * job's warnings and outcome. Resolves when it is done, or has stopped (what it had not finished is
 * left without an outcome, for this thread to make).
 */
function runWorker(worker: Worker, task: WorkerTask, outcomes: (Outcome | undefined)[], timing: BuildOptions['timing']): Promise<void> {
  const warnings = new Map<number, string[]>();
  return new Promise((resolve) => {
    const end = () => {
      worker.removeAllListeners();
      resolve();
    };
    worker.on('message', (m: WorkerMessage) => {
      if ('stages' in m) {
        for (const [s, ms] of Object.entries(m.stages)) timing?.(s, ms);
        return end(); // its last word
      }
      const said = warnings.get(m.job) ?? [];
      warnings.set(m.job, said);
      if ('warn' in m) said.push(m.warn);
      else outcomes[m.job] = 'error' in m ? { warnings: said, error: received(m.error) } : { warnings: said, result: m.result };
    });
    worker.on('error', end);
    worker.on('exit', end);
    worker.ref(); // while it works, the process waits for it
    worker.postMessage(task);
  });
}

/** The worker's side: the build's jobs from the shared queue, their warnings and outcomes to the main thread. */
export function serveBuildWorker(): void {
  const port = parentPort!;
  port.once('message', async ({ jobs, options, timed, queue: shared }: WorkerTask) => {
    const queue = new Int32Array(shared);
    const stages: Record<string, number> = {};
    const timing = timed ? (s: string, ms: number) => (stages[s] = (stages[s] ?? 0) + ms) : undefined;
    for (;;) {
      if (Atomics.load(queue, 1)) break;
      const i = Atomics.add(queue, 0, 1);
      if (i >= jobs.length) break;
      try {
        const result = await renderEdition(jobs[i].lang, { ...options, warn: (w) => port.postMessage({ job: i, warn: w }), timing });
        port.postMessage({ job: i, result }); // copied: a megabyte or two, a millisecond
      } catch (e) {
        Atomics.store(queue, 1, 1);
        port.postMessage({ job: i, error: sendable(e) });
      }
    }
    port.postMessage({ stages });
    port.close();
  });
}
