/**
 * What a request's history costs and where its time goes: events and encoded bytes per run, and
 * the time between consecutive events (plus the client's start and result) for the common shape.
 */
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { quantile } from './measure.js';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;
const { temporal } = proto;

/** One finished request as the client saw it. */
export interface ClientTiming {
  workflowId: string;
  /** Wall-clock ms when the client called start, and when it held the result. */
  startedAt: number;
  finishedAt: number;
}

/** Size and shape of the sampled histories. */
export interface HistorySample {
  eventsPerRun: number;
  bytesPerRun: number;
  /** Median ms between consecutive steps of the most common event sequence, client ends included. */
  steps: Array<{ step: string; medianMs: number }>;
  /** How many of the sampled runs had that sequence. */
  shapeRuns: number;
  sampled: number;
}

function millisOf(event: HistoryEvent): number {
  const time = event.eventTime!;
  return Number(time.seconds) * 1000 + (time.nanos ?? 0) / 1e6;
}

/** A readable label: the event type, with the activity's name for activity events. */
function labelsOf(events: HistoryEvent[]): string[] {
  const activityNames = new Map<number, string>();
  return events.map((event) => {
    const type = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, '').toLowerCase();
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) activityNames.set(Number(event.eventId), scheduled.activityType?.name ?? '?');
    const scheduledId =
      event.activityTaskStartedEventAttributes?.scheduledEventId ?? event.activityTaskCompletedEventAttributes?.scheduledEventId ?? event.activityTaskFailedEventAttributes?.scheduledEventId;
    const activity = scheduled ? scheduled.activityType?.name : scheduledId !== undefined && scheduledId !== null ? activityNames.get(Number(scheduledId)) : undefined;
    const marker = event.markerRecordedEventAttributes?.markerName;
    return activity ? `${type} ${activity}` : marker ? `${type} ${marker}` : type;
  });
}

/** Fetch the histories of `timings` (a sample) and summarise them. */
export async function sampleHistories(client: Client, timings: ClientTiming[]): Promise<HistorySample> {
  const shapes = new Map<string, number[][]>();
  let events = 0;
  let bytes = 0;
  for (const timing of timings) {
    const history = await client.workflow.getHandle(timing.workflowId).fetchHistory();
    const list = history.events ?? [];
    events += list.length;
    bytes += temporal.api.history.v1.History.encode(history).finish().byteLength;
    const times = list.map(millisOf);
    const deltas = [times[0]! - timing.startedAt, ...times.slice(1).map((time, index) => time - times[index]!), timing.finishedAt - times.at(-1)!];
    const key = labelsOf(list).join('|');
    shapes.set(key, [...(shapes.get(key) ?? []), deltas]);
  }
  const [shape, runs] = [...shapes].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  const labels = ['client start → ' + (shape.split('|')[0] ?? ''), ...shape.split('|').slice(1), 'result at the client'];
  return {
    eventsPerRun: events / Math.max(1, timings.length),
    bytesPerRun: bytes / Math.max(1, timings.length),
    steps: labels.map((step, index) => ({ step, medianMs: quantile(runs.map((deltas) => deltas[index]!), 0.5) })),
    shapeRuns: runs.length,
    sampled: timings.length,
  };
}
