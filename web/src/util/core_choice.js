// Which build of the core answers a call (worker.js): kfp_core_lite, what a
// first visit downloads, or kfp_core, compiled for speed (wasm/CMakeLists.txt).
// bench/bench_wasm.mjs measures each input with the build the page would use.

// Characters of text over all files past which every keystroke's analysis is
// worth the full core's download (~350 tasks of generated pipeline; a 1,000-task
// compile runs ~1.2-1.5x faster in it). Below, lite answers in a few ms anyway.
export const FULL_CORE_ABOVE = 64 * 1024;

// Whether these files are large enough for the full core (Python aside).
export function largeEnoughForFullCore(files) {
  let size = 0;
  for (const f of files) size += f && f.text != null ? String(f.text).length : 0;
  return size > FULL_CORE_ABOVE;
}
