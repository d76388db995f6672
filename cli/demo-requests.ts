/** The demo's sample requests: one of each kind of route the default policy makes. */
import type { RoutedTaskInput } from '../workflows/routed-task-types.js';

/** A labelled sample request. */
export interface DemoRequest {
  label: string;
  input: RoutedTaskInput;
}

/** Sensitive, general and department-override requests. */
export const demoRequests: DemoRequest[] = [
  { label: 'card dispute (restricted)', input: { prompt: 'My card 4111 1111 1111 1111 was charged twice for order 88231. Can you help me dispute it?' } },
  { label: 'coding question (public)', input: { prompt: 'How do I reverse a linked list in Python?' } },
  { label: 'legal department override', input: { prompt: 'What are the usual elements of a valid contract?', metadata: { department: 'legal' } } },
  { label: 'customer contact (confidential)', input: { prompt: 'Draft a reply to jane.doe@example.com confirming her call at +44 20 7946 0958.' } },
  { label: 'leaked key in code (restricted)', input: { prompt: 'Why does this fail? client = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE")' } },
  { label: 'general question (public)', input: { prompt: 'Give me three tips for writing clear meeting notes.' } },
];
