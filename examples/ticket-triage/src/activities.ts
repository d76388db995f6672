/** The example's own activity: file the triage in the help desk (here: an in-memory outbox). */

/** One filed triage. */
export interface FiledTriage {
  ticketId: string;
  summary: string | null;
  draft: string | null;
  status: string;
}

/** Build the ticket activities around the outbox they write to. */
export function createTicketActivities(outbox: FiledTriage[]) {
  return {
    async fileTriage(triage: FiledTriage): Promise<void> {
      outbox.push(triage);
    },
  };
}

/** The activities' type, for `proxyActivities` in workflow code. */
export type TicketActivities = ReturnType<typeof createTicketActivities>;
