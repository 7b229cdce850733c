// Request Tracker 5's REST2 (/REST/2.0) as JSON: what the RT provider sends and reads. REST2 writes every value
// as a string ("id": "42", "MaxValues": "1"), dates as UTC ISO 8601, and links to records as {id, type, _url}
// (the `_url`s name RT's own web address, not the one tix was given: tix builds its paths from ids).

/** A user as a ticket's fields expand it (`fields[Creator]=Name,EmailAddress,RealName`). */
export interface RtPerson {
  id: string;
  Name?: string;
  EmailAddress?: string;
  RealName?: string;
}

/** `GET /user/:id`. */
export interface RtUser {
  id: number | string;
  Name: string;
  EmailAddress?: string;
  RealName?: string;
  /** 1: staff (RT's "privileged"); 0: a self-service customer */
  Privileged?: number | string;
}

/** A custom field as `fields[CustomFields]=Type,MaxValues` expands it in a search. */
export interface RtFieldValues {
  id: string;
  name: string;
  values: unknown[];
  Type?: string;
  MaxValues?: string;
}

/** One ticket of a search (`GET /tickets?query=…&fields=…`). */
export interface RtTicket {
  id: string;
  Subject: string;
  Status: string;
  Queue: { id: string; Name?: string };
  Creator: RtPerson;
  Created: string;
  LastUpdated: string;
  Requestor?: RtPerson[];
  Cc?: RtPerson[];
  CustomFields?: RtFieldValues[];
  /** the tickets this one refers to: RT link URIs, e.g. "fsck.com-rt://example.com/ticket/41" */
  RefersTo?: string | string[];
}

/** A page of a collection; `total` and `pages` are null when RT will not count what the user may not see. */
export interface RtPage<T> {
  page: number;
  per_page: number;
  count: number;
  total: number | null;
  items: T[];
}

export interface RtLink {
  ref: string;
  type?: string;
  id?: string | number;
  to?: string;
}

/** `GET /queues/all?fields=Name,Description,Lifecycle,Disabled,_hyperlinks`. */
export interface RtQueueItem {
  id: string;
  Name: string;
  Description?: string;
  Lifecycle?: string;
  Disabled?: string;
  _hyperlinks?: RtLink[];
}

/** `GET /queue/:id`: the custom fields this user may see, in the queue's order. */
export interface RtQueue {
  id: number | string;
  Name: string;
  Description?: string;
  TicketCustomFields?: Array<{ id: string; name: string }>;
  TicketTransactionCustomFields?: Array<{ id: string; name: string }>;
}

/** `GET /customfield/:id` (Values only for select lists, in their sort order). */
export interface RtCustomField {
  id: number | string;
  Name: string;
  /** Select, Freeform, Text, Wikitext, HTML, Date, DateTime, Autocomplete, Combobox, IPAddress, Image, Binary… */
  Type: string;
  /** "1": one value; "0": any number */
  MaxValues: string;
  /** a Perl regular expression; "(?#Mandatory)." is RT's idiom for a required field */
  Pattern?: string;
  Description?: string;
  EntryHint?: string;
  LookupType?: string;
  Disabled?: string;
  Values?: string[] | '';
}

/** A transaction of a ticket's history (`fields=Type,Creator,Created`). */
export interface RtTransaction {
  id: string;
  Type: string;
  Created: string;
  Creator: RtPerson;
}

/** A MIME part (`GET /ticket/:id/attachments?fields=…`). */
export interface RtAttachmentPart {
  id: string;
  TransactionId: string;
  ContentType: string;
  Filename?: string;
  ContentLength?: string;
  Content?: string;
  Created?: string;
}

/** `GET /attachment/:id`: the content in base64. */
export interface RtAttachment {
  id: number | string;
  Filename?: string;
  ContentType: string;
  Content: string;
  TransactionId?: { id: string } | string;
}

/** What `POST /ticket` takes. */
export interface RtNewTicket {
  Queue: string;
  Subject: string;
  Requestor: string;
  Content: string;
  ContentType: 'text/plain';
  CustomFields?: Record<string, string | string[]>;
  Attachments?: RtFile[];
  RefersTo?: string;
}

/** What `POST /ticket/:id/correspond` takes. */
export interface RtNewReply {
  Content: string;
  ContentType: 'text/plain';
  Attachments?: RtFile[];
  TxnCustomFields?: Record<string, string>;
}

export interface RtFile {
  FileName: string;
  FileType: string;
  /** base64 */
  FileContent: string;
}

/** Errors: `{"message": "…"}`. (Updates answer 200 with a list of messages instead, refusals included.) */
export interface RtError {
  message?: string;
}
