/**
 * A test deployment for live streaming: the usual cluster without its inference workers, a gateway
 * with stream slots, then local and cloud inference workers whose SWITCHYARD_STREAM_SINKS lists the
 * gateway (and any extra sink origins a test gives). Real dev server, real workers, doubles.
 */
import type { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createDefaultClassifier } from '../../classification/default-classifier.js';
import { createInferenceWorkers } from '../../workers/create-workers.js';
import { connectWorker } from '../../workers/worker-runtime.js';
import { startSwitchyardCluster, testDataConverter, TEST_CLOUD_KEY, type SwitchyardCluster } from '../harness/switchyard-cluster.js';
import { startTestGateway, type TestGateway } from './gateway-harness.js';

/** A cluster whose inference workers stream to its gateway. */
export interface StreamingCluster {
  cluster: SwitchyardCluster;
  gateway: TestGateway;
  close(): Promise<void>;
}

/** Starts it; `extraSinks` are further origins the workers may stream to. */
export async function startStreamingCluster(extraSinks: string[] = []): Promise<StreamingCluster> {
  const cluster = await startSwitchyardCluster({ withoutKinds: ['local', 'cloud'] });
  const gateway = await startTestGateway({ ...cluster, streams: true });
  const connection = await connectWorker(inject('temporalAddress'));
  const sinks = [gateway.url, ...extraSinks].join(',');
  const workers: Worker[] = [
    ...(await createInferenceWorkers({ connection, dataConverter: testDataConverter, policy: cluster.policy, kind: 'local', env: { SWITCHYARD_STREAM_SINKS: sinks } })),
    ...(await createInferenceWorkers({ connection, dataConverter: testDataConverter, policy: cluster.policy, kind: 'cloud', env: { TEST_CLOUD_KEY, SWITCHYARD_STREAM_SINKS: sinks }, classifier: createDefaultClassifier() })),
  ];
  const running = workers.map((worker) => worker.run());
  return {
    cluster,
    gateway,
    async close() {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.allSettled(running);
      await connection.close();
      await gateway.close();
      await cluster.close();
    },
  };
}
