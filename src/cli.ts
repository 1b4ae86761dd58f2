import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './program.js';

// The same bundle runs a build's worker thread (src/parallel.ts).
if (isMainThread || !workerData?.zineWorker) {
  // Once the command is done, the process ends at once: Node tearing down a build's heap at the natural
  // end took 10 to 20 ms more. Only when nothing written waits to leave (stdout and stderr on a pipe are
  // asynchronous on some systems).
  void main(process.argv).then(() => {
    if (!process.stdout.writableLength && !process.stderr.writableLength) process.exit();
  });
} else void import('./parallel.js').then((m) => m.serveBuildWorker());
