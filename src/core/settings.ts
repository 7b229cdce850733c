// Organisation settings of seed 002.

/** manual: only an explicit "mark as read" clears unread messages; on-open: viewing a ticket does. */
export const markReadPolicies = ['manual', 'on-open'] as const;
export type MarkReadPolicy = (typeof markReadPolicies)[number];
