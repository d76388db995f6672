/**
 * Listing runs whose memo this process may not be able to read. The SDK decodes every listed run's
 * memo, and one payload that fails to decode ends the whole listing: a run encrypted under a key
 * this process does not hold (another application's runs in the namespace, a key retired from the
 * keyring) would take down `switchyard stats`, the review queue and the audit for every other run.
 * The listing client turns such a payload into an explicit marker instead, so callers go on and say
 * which runs they could not read. Only listing uses it; everything else keeps failing loudly.
 */
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { decodeWith, encodeWith } from './policy-records.js';

/** The key of the marker object that stands for a payload this process could not decode. */
export const UNREADABLE_PAYLOAD = 'switchyardUnreadablePayload';

/** Decodes through the real codecs; a payload they refuse becomes `{ [UNREADABLE_PAYLOAD]: why }`. */
class UnreadableAsMarkerCodec implements PayloadCodec {
  constructor(private readonly codecs: readonly PayloadCodec[]) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    return encodeWith(this.codecs, payloads);
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        // One payload at a time, so a refusal marks only that payload.
        try {
          return (await decodeWith(this.codecs, [payload]))[0]!;
        } catch (error) {
          return defaultPayloadConverter.toPayload({ [UNREADABLE_PAYLOAD]: (error as Error).message });
        }
      }),
    );
  }
}

const listingClients = new WeakMap<Client, Client>();

/** A client on the same connection whose listings mark undecodable memo fields instead of failing. */
export function listingClient(client: Client): Client {
  let listing = listingClients.get(client);
  if (!listing) {
    const { dataConverter, loadedDataConverter, namespace } = client.options;
    listing = new Client({ connection: client.connection, namespace, dataConverter: { ...dataConverter, payloadCodecs: [new UnreadableAsMarkerCodec(loadedDataConverter.payloadCodecs)] } });
    listingClients.set(client, listing);
  }
  return listing;
}

/** Why a listed run's memo could not be read, or undefined when every field decoded. */
export function unreadableMemo(memo: Record<string, unknown> | undefined): string | undefined {
  for (const value of Object.values(memo ?? {})) {
    if (value && typeof value === 'object' && UNREADABLE_PAYLOAD in value) return String((value as Record<string, unknown>)[UNREADABLE_PAYLOAD]);
  }
  return undefined;
}
