// Preloaded into the Tropa server by BENCH_PROFILE=<dir> (node --import): a CPU profile of
// the run until SIGTERM (or exit), written as <dir>/tropa-<pid>.cpuprofile
// (Node 20 refuses --cpu-prof in NODE_OPTIONS). Open it in Chrome DevTools or speedscope.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_PROFILE;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The in-thread inspector answers synchronously, so this runs before the process ends.
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(path.join(dir, `tropa-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  };
  // At SIGTERM already: a slow shutdown may end in SIGKILL, which leaves no 'exit'.
  process.once('SIGTERM', write);
  process.once('exit', write);
}
