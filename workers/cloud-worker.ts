/**
 * The cloud inference worker process: serves every `switchyard-cloud-*` queue in the policy. The only
 * process that reads cloud API keys; it re-classifies every prompt and refuses sensitive ones.
 */
import { runInferenceWorkerProcess } from './inference-worker-main.js';

runInferenceWorkerProcess('cloud');
