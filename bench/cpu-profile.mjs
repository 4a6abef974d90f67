// Preloaded into the Tropa server by BENCH_PROFILE=<dir> (node --import): a CPU profile of
// the whole run, written as <dir>/tropa-<pid>.cpuprofile when the process exits
// (Node 20 refuses --cpu-prof in NODE_OPTIONS). Open it in Chrome DevTools or speedscope.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_PROFILE;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.once('exit', () => {
    // The in-thread inspector answers synchronously, so this runs before the process ends.
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(path.join(dir, `tropa-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  });
}
