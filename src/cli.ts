import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './program.js';

// The same bundle runs a build's worker thread (src/parallel.ts).
if (isMainThread || !workerData?.zineWorker) void main(process.argv);
else void import('./parallel.js').then((m) => m.serveBuildWorker());
