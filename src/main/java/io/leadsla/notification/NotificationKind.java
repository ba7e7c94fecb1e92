package io.leadsla.notification;

/** The mails a stage clock sends, and who gets them. */
public enum NotificationKind {
  /** A lead (or a new stage of it) is yours: owner. */
  ALERT,
  /** The deadline is near: owner. */
  WARNING,
  /** The deadline passed: owner and sales managers. */
  BREACH,
  /** Still not done: executives. */
  ESCALATION
}
