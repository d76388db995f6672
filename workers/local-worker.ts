/** The local inference worker process: serves every `switchyard-local-*` queue in the policy. */
import { runInferenceWorkerProcess } from './inference-worker-main.js';

runInferenceWorkerProcess('local');
