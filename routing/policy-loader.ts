/**
 * Loads a routing policy from YAML: parse, validate shapes (zod), check references and the
 * never-broken rule, and stamp the version. Every problem names the file, the line, the path in
 * the document and what was expected. Node-only (reads files, hashes): not for workflow code.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { readTopicModelFile } from '../classification/topics/topic-model-file.js';
import { checkPolicy, type KnownNames } from './policy-checks.js';
import { PolicyError, type PolicyIssue } from './policy-error.js';
import { policySchema, type Policy } from './policy-schema.js';

/**
 * Read, validate and version a policy file. Throws PolicyError listing every problem found. Topic
 * names are checked against what the configured topic model marks: the shipped topics, or those of
 * the model `SWITCHYARD_TOPIC_MODEL` names (a policy naming a topic the model never marks would
 * protect nothing, silently).
 */
export async function loadPolicyFile(file: string, known?: KnownNames, env: NodeJS.ProcessEnv = process.env): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PolicyError(file, [{ pointer: '', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return parsePolicy(text, file, known ?? (await knownNamesFromEnvironment(env)));
}

/** The names a policy may use in this process: the topics of the user's topic model when one is configured. */
async function knownNamesFromEnvironment(env: NodeJS.ProcessEnv): Promise<KnownNames> {
  const modelFile = env.SWITCHYARD_TOPIC_MODEL;
  if (!modelFile) return {};
  return { topics: (await readTopicModelFile(modelFile)).topics };
}

/** Validate and version policy YAML text; `file` names it in errors, `known` the entity and topic names it may use. */
export function parsePolicy(text: string, file = '<policy>', known: KnownNames = {}): Policy {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new PolicyError(
      file,
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return { pointer: '', line: position.line, column: position.col, message: `YAML syntax: ${error.message.split('\n')[0]}` };
      }),
    );
  }
  const locate = (path: readonly PropertyKey[]) => locateNode(document, lineCounter, path);
  const parsed = policySchema.safeParse(document.toJS());
  if (!parsed.success) {
    throw new PolicyError(file, parsed.error.issues.map((issue) => ({ ...toPointer(issue.path), ...locate(issue.path), message: describeIssue(issue) })));
  }
  const problems = checkPolicy(parsed.data, known);
  if (problems.length > 0) {
    throw new PolicyError(file, problems.map((problem) => ({ ...toPointer(problem.path), ...locate(problem.path), message: problem.message })));
  }
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { ...parsed.data, version: `${parsed.data.name}@${hash}` };
}

function toPointer(path: readonly PropertyKey[]): { pointer: string } {
  return { pointer: path.map((segment) => `/${String(segment)}`).join('') };
}

/** Zod's messages say what was wrong; make sure each also says what was expected. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}; remove or fix the spelling`;
  return issue.message;
}

/** Line/column of the deepest YAML node that exists along `path`. */
function locateNode(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): Pick<PolicyIssue, 'line' | 'column'> {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}
