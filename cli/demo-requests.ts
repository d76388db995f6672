/** The demo's sample requests: one of each kind of route the default policy makes. */
import type { RoutedTaskInput } from '../workflows/routed-task-types.js';

/** A labelled sample request. */
export interface DemoRequest {
  label: string;
  input: RoutedTaskInput;
}

const handbook = { application: 'handbook' };
const knowledge = { collection: 'handbook', accessGroups: [] };

/** Handbook questions answered offline, sensitive, general and department-override requests, and one that needs a person. */
export const demoRequests: DemoRequest[] = [
  { label: 'handbook: annual leave', input: { prompt: 'How many days of annual leave do I get per year?', metadata: handbook, knowledge } },
  { label: 'handbook: per diem', input: { prompt: 'What is the meal allowance per day on a business trip?', metadata: handbook, knowledge } },
  {
    label: 'handbook: needs a person',
    input: { prompt: 'Jane Doe (jane.doe@example.com) asks: may she bring her dog to the Lisbon office on Fridays?', metadata: handbook, knowledge },
  },
  { label: 'card dispute (restricted)', input: { prompt: 'My card 4111 1111 1111 1111 was charged twice for order 88231. Can you help me dispute it?' } },
  { label: 'coding question (public)', input: { prompt: 'How do I reverse a linked list in Python?' } },
  { label: 'legal department override', input: { prompt: 'What are the usual elements of a valid contract?', metadata: { department: 'legal' } } },
  { label: 'customer contact (redact → cloud)', input: { prompt: 'Draft a reply to jane.doe@example.com confirming her call at +44 20 7946 0958.' } },
  { label: 'leaked key in code (restricted)', input: { prompt: 'Why does this fail? client = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE")' } },
];
