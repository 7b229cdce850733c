// Who someone is, in the words of the kernel. Three questions that used to share one name:
//   Role          what a signed-in person is to the helpdesk, as tix shows it (tix auth status, --json)
//   AuthorRole    who wrote a message: support, or the customer's side
//   AccountKind   how tix serve stores an account (support staff, or a customer whose establishments say more)

/**
 * tix serve: `admin` of one or more establishments, support `agent` (sees everything), or `employee` (no access
 * to messages). Helpdesks without establishments (Request Tracker, Jira, Zendesk) say `agent` or `customer`.
 */
export const serverRoles = ['admin', 'agent', 'employee'] as const;
export const roles = [...serverRoles, 'customer'] as const;
export type Role = (typeof roles)[number];

/** A message's author: `agent` is support; tix serve says `admin` for its customers (only admins reach messages). */
export type AuthorRole = 'agent' | 'admin' | 'customer';

/** tix serve's accounts: support staff, or customers (admin or employee of establishments through memberships). */
export type AccountKind = 'customer' | 'agent';
export type MembershipRole = 'admin' | 'employee';

/** Which side acts on a ticket: the status rules of tix serve depend on it. */
export type Actor = 'customer' | 'agent';
