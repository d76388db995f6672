/**
 * The allow-list of places an inference worker may send deltas to. A stream target arrives in the
 * workflow input, so without this list a request could name any URL and have a local (perhaps
 * sensitive) answer sent there as it is generated. Default: no sink, no streaming.
 */

/** The origins (`scheme://host:port`) deltas may go to. */
export type StreamSinks = ReadonlySet<string>;

/** Parses SWITCHYARD_STREAM_SINKS: comma-separated gateway origins, e.g. `http://gateway:8000`. A malformed entry is a start-up error. */
export function parseStreamSinks(value: string | undefined): StreamSinks {
  const sinks = new Set<string>();
  for (const entry of (value ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`SWITCHYARD_STREAM_SINKS: "${entry}" is not a URL; list gateway origins such as http://gateway:8000`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`SWITCHYARD_STREAM_SINKS: "${entry}" must be an http or https origin`);
    sinks.add(url.origin);
  }
  return sinks;
}

/** Whether `url` is on an allow-listed origin (scheme, host and port must all match). */
export function allowsSink(sinks: StreamSinks, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && sinks.has(parsed.origin);
}
