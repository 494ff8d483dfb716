// Preloaded into every Node process of a benchmarked command (NODE_OPTIONS=--require): at exit it
// appends "pid ppid maxRSS(KiB) argv" to $BENCH_RSS_FILE. Node has no getrusage(RUSAGE_CHILDREN), so
// each process reports its own peak (ru_maxrss, the kernel's high-water mark) instead of being polled.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const argv = process.argv.slice(1, 3).map((a) => a.replace(/\s+/g, '_')).join(' ');
      appendFileSync(file, `${process.pid} ${process.ppid} ${process.resourceUsage().maxRSS} ${argv}\n`);
    } catch {
      // a full disk must not change the measured command's exit status
    }
  });
}
