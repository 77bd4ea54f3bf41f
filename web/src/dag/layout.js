// ELK layout off the main thread: elkjs's own worker (elk-worker.min.js,
// copied beside the bundle by build.mjs). Only the newest request matters;
// older results are dropped by the caller's sequence check.
import ELK from 'elkjs/lib/elk-api.js';

let elk = null;

function instance() {
  if (!elk) {
    elk = new ELK({ workerUrl: new URL('./elk-worker.min.js', import.meta.url).href });
  }
  return elk;
}

export async function layout(elkGraph) {
  return instance().layout(elkGraph);
}
