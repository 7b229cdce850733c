// The parts of Jira Service Management's customer REST API (/rest/servicedeskapi, Atlassian's "Service Management
// Public REST API") that the provider reads and sends, as the document names them. Only what tix uses is typed;
// the service sends more.
import type { JsmStatusCategory } from './statuses.ts';

/** Every list: offset pages that say whether they are the last (the service may cap `limit`). */
export interface JsmPage<T> {
  size: number;
  start: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
}

export interface JsmDate {
  iso8601?: string;
  jira?: string;
  friendly?: string;
  epochMillis?: number;
}

export interface JsmUser {
  accountId?: string;
  /** Data Center's user name */
  name?: string;
  key?: string;
  /** may be absent or null, depending on the person's privacy settings */
  emailAddress?: string | null;
  displayName?: string;
  active?: boolean;
  /** Jira platform's /myself: atlassian, app, customer */
  accountType?: string;
}

export interface JsmServiceDesk {
  id: string;
  projectId: string;
  projectKey: string;
  projectName: string;
}

export interface JsmRequestTypeGroup {
  id: string;
  name: string;
}

export interface JsmRequestType {
  id: string;
  name: string;
  description?: string;
  helpText?: string;
  serviceDeskId?: string;
  groupIds?: string[];
}

export interface JsmFieldValue {
  value: string;
  label: string;
}

export interface JsmRequestTypeField {
  fieldId: string;
  name: string;
  description?: string;
  required: boolean;
  visible?: boolean;
  jiraSchema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  validValues?: JsmFieldValue[];
  defaultValues?: JsmFieldValue[];
}

export interface JsmRequestTypeFields {
  canRaiseOnBehalfOf?: boolean;
  canAddRequestParticipants?: boolean;
  requestTypeFields: JsmRequestTypeField[];
}

export interface JsmStatus {
  status: string;
  statusCategory?: JsmStatusCategory;
  statusDate?: JsmDate;
}

export interface JsmAttachment {
  filename: string;
  author?: JsmUser;
  created?: JsmDate;
  size: number;
  mimeType?: string;
  /** the attachment has no id of its own in the document: its links end with it */
  _links?: { self?: string; content?: string; jiraRest?: string; thumbnail?: string };
}

export interface JsmComment {
  id: string;
  body: string;
  public: boolean;
  author?: JsmUser;
  created?: JsmDate;
  attachments?: JsmPage<JsmAttachment>;
}

export interface JsmRequest {
  issueId: string;
  issueKey: string;
  requestTypeId: string;
  serviceDeskId: string;
  createdDate?: JsmDate;
  reporter?: JsmUser;
  requestFieldValues?: Array<{ fieldId: string; label?: string; value?: unknown }>;
  currentStatus?: JsmStatus;
  comments?: JsmPage<JsmComment>;
  actions?: { addComment?: { allowed?: boolean }; addAttachment?: { allowed?: boolean } };
  _links?: { web?: string; self?: string; jiraRest?: string; agent?: string };
}

/** POST /request */
export interface JsmRequestCreate {
  serviceDeskId: string;
  requestTypeId: string;
  requestFieldValues: Record<string, unknown>;
  raiseOnBehalfOf?: string;
}

export interface JsmTransition {
  id: string;
  name: string;
}

export interface JsmTemporaryAttachments {
  temporaryAttachments: Array<{ temporaryAttachmentId: string; fileName: string }>;
}

export interface JsmInfo {
  version?: string;
  platformVersion?: string;
}

/** The error answer: `{"errorMessage": "...", "i18nErrorMessage": {...}}` */
export interface JsmError {
  errorMessage?: string;
  errorMessages?: string[];
  errors?: Record<string, string>;
  i18nErrorMessage?: { i18nKey?: string; parameters?: string[] };
}
