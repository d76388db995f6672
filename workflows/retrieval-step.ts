/**
 * Retrieval inside the routed task: top-k chunks from a local collection (control queue), and the
 * class they bring with them. The class of a prompt is the highest class of everything in it, so a
 * sensitive chunk makes the whole request sensitive and keeps it local.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { RetrievalActivities, RetrievedChunk } from '../activities/retrieval-activities.js';
import { formatContextMessage } from '../knowledge/context-message.js';
import { failClosedClass, higherClass, isSensitiveClass, rankOfClass, type ClassVerdict } from '../routing/data-classes.js';
import type { Policy } from '../routing/policy-schema.js';
import type { KnowledgeRequest } from './routed-task-types.js';

/** Retrieved chunks and the verdict after they were placed in the prompt. */
export interface RetrievedContext {
  chunks: RetrievedChunk[];
  /** The system-message text carrying the chunks (empty when none were found). */
  message: string;
  verdict: ClassVerdict;
}

/** Retrieve context for the prompt and raise the verdict to the highest class among the chunks. */
export async function retrieveContext(policy: Policy, knowledge: KnowledgeRequest, query: string, verdict: ClassVerdict): Promise<RetrievedContext> {
  const { retrieve } = proxyActivities<RetrievalActivities>({
    startToCloseTimeout: policy.timeouts.classifyMs,
    retry: { maximumAttempts: 3, initialInterval: policy.retry.initialIntervalMs },
    summary: `retrieve top ${knowledge.topK ?? 4} from ${knowledge.collection}`,
  });
  const chunks = await retrieve({ collection: knowledge.collection, query, topK: knowledge.topK ?? 4, minScore: knowledge.minScore, accessGroups: knowledge.accessGroups });
  let { dataClass } = verdict;
  const reasons = [...verdict.reasons];
  let sensitive = verdict.sensitive;
  for (const chunk of chunks) {
    // A class this policy does not know cannot be ranked: treat it as the fail-closed case.
    const known = policy.dataClasses.some((candidate) => candidate.name === chunk.dataClass);
    const chunkClass = known ? chunk.dataClass : failClosedClass(policy);
    if (rankOfClass(policy, chunkClass) > rankOfClass(policy, dataClass) || (chunk.sensitive && !sensitive)) {
      reasons.push(`retrieved chunk ${chunk.source} is ${chunkClass}${chunk.sensitive ? ' (sensitive)' : ''}`);
    }
    dataClass = higherClass(policy, dataClass, chunkClass);
    sensitive = sensitive || chunk.sensitive || isSensitiveClass(policy, chunkClass);
  }
  if (chunks.length === 0) reasons.push(`no chunk of ${knowledge.collection} matched`);
  return { chunks, message: chunks.length > 0 ? formatContextMessage(chunks) : '', verdict: { dataClass, sensitive: sensitive || isSensitiveClass(policy, dataClass), reasons } };
}
