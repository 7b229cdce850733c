// Zendesk's end-user API (/api/v2) as JSON: the parts of its Support API document (Requests, Ticket Forms, Ticket
// Fields, Uploads, Users) the provider reads and writes. Only what tix uses is declared; Zendesk sends more.

/** A request's status: Zendesk's six, the same on every account. */
export type ZendeskStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface ZdUser {
  id: number;
  name: string;
  email?: string | null;
  /** end-user, agent or admin */
  role: string;
  organization_id?: number | null;
}

export interface ZdTicketForm {
  id: number;
  name: string;
  display_name?: string;
  default?: boolean;
  active?: boolean;
  end_user_visible?: boolean;
  position?: number;
  ticket_field_ids?: number[];
}

export interface ZdTicketField {
  id: number;
  /** subject, description, status, tickettype, priority, group, assignee, or a custom field's type: text,
   * textarea, checkbox, date, integer, decimal, regexp, tagger, multiselect, partialcreditcard, lookup… */
  type: string;
  title: string;
  title_in_portal?: string;
  description?: string;
  active?: boolean;
  visible_in_portal?: boolean;
  editable_in_portal?: boolean;
  required_in_portal?: boolean;
  position?: number;
  regexp_for_validation?: string | null;
  custom_field_options?: Array<{ id?: number; name: string; value: string }>;
  system_field_options?: Array<{ name: string; value: string }>;
}

export type ZdCustomValue = string | number | boolean | string[] | null;

export interface ZdRequest {
  id: number;
  url?: string;
  subject: string;
  description?: string;
  status: string;
  type?: string | null;
  priority?: string | null;
  requester_id: number;
  organization_id?: number | null;
  assignee_id?: number | null;
  ticket_form_id?: number | null;
  custom_fields?: Array<{ id: number; value: ZdCustomValue }>;
  followup_source_id?: number | null;
  can_be_solved_by_me?: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZdAttachment {
  id: number;
  file_name: string;
  content_type: string;
  size: number;
  content_url: string;
}

export interface ZdComment {
  id: number;
  author_id: number;
  body: string;
  public?: boolean;
  attachments?: ZdAttachment[];
  created_at: string;
}

/** Cursor pagination (lists) and offset pagination (search) answer with these. */
export interface ZdPaging {
  meta?: { has_more?: boolean; after_cursor?: string | null; before_cursor?: string | null };
  links?: { next?: string | null; prev?: string | null };
  next_page?: string | null;
  previous_page?: string | null;
  count?: number;
}

export interface ZdRequestsPage extends ZdPaging {
  requests: ZdRequest[];
}

export interface ZdCommentsPage extends ZdPaging {
  comments: ZdComment[];
  /** the comments' authors, side-loaded: no e-mail addresses for end users */
  users?: Array<{ id: number; name: string; agent?: boolean }>;
}

/** What Create Request takes (its prose: the document declares no body). */
export interface ZdNewRequest {
  subject: string;
  comment: { body: string; uploads?: string[] };
  ticket_form_id?: number;
  custom_fields?: Array<{ id: number; value: ZdCustomValue }>;
  type?: string;
  priority?: string;
  via_followup_source_id?: number;
}

/** Zendesk's error bodies: `{"error": "RecordNotFound", "description"}`, `{"error": {"title", "message"}}`,
 * `{"errors": [{"code", "title", "detail"}]}`; a 422 lists its problems in `details`. */
export interface ZdError {
  error?: string | { title?: string; message?: string };
  description?: string;
  details?: Record<string, Array<{ description?: string; error?: string }>>;
  errors?: Array<{ code?: string; title?: string; detail?: string }>;
}
