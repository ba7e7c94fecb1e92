package io.leadsla.notification;

/** The notifications the application sends; each kind has its templates in templates/mail/&lt;kind&gt;.html/.txt. */
public enum NotificationKind {
  /** A lead (or a new stage of it) is yours: owner. A tier-1 lead also goes to the chat webhook. */
  ALERT,
  /** The deadline is near: owner. */
  WARNING,
  /** The deadline passed: owner and the owner's manager. */
  BREACH,
  /** Still not done: executives. */
  ESCALATION,
  /** Thanks to the lead, and when to expect a call. */
  ACKNOWLEDGEMENT,
  /** Yesterday's figures for a manager's team. */
  DAILY_REPORT,
  /** A tier-1 lead posted to the chat webhook. */
  CHAT
}
