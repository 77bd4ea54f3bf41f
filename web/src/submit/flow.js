// Drives the core's submission state machine (core/submit/flow.h): the core
// says which request comes next, http.js performs it, the core reads the
// answer. Returns the final step: {done, ok, result, failure}.
import { perform } from './http.js';

// What a person reads while a phase runs.
export const PHASES = {
  upload: 'Uploading the pipeline…',
  find_pipeline: 'The pipeline exists: looking it up…',
  upload_version: 'Uploading a new version…',
  latest_version: 'Reading the pipeline version…',
  find_experiment: 'Finding the experiment…',
  create_experiment: 'Creating the experiment…',
  create_run: 'Creating the run…',
  create_recurring_run: 'Creating the recurring run…',
  argo_lint: 'Linting on the Argo Server…',
  argo_submit: 'Submitting the workflow…',
};

export async function runFlow(core, config, settings, { onPhase = () => {} } = {}) {
  let st = await core.submitStart(config);
  for (let n = 0; !st.done && st.request && n < 20; n++) {
    onPhase(st.state.phase);
    const response = await perform(st.request, settings);
    st = await core.submitStep(st.state, { ...response, from_browser: true, origin: location.origin });
  }
  if (st.error) throw new Error(st.error);
  // The state holds the endpoint (and token): drop it before anyone keeps the step.
  return { done: st.done, ok: st.ok, result: st.result || {}, failure: st.failure };
}
