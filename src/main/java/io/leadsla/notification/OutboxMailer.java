package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import io.leadsla.metrics.SlaCounters;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends a mail at most once per outbox key: claim the row, talk to SMTP, mark it sent. A failure marks it failed
 * and is thrown, so the job's retry cycle (and in the end an incident in Cockpit) takes over.
 */
@Service
public class OutboxMailer {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    // Jakarta Mail looks its stream provider up with a ServiceLoader scan of every jar for each body part it
    // builds, unless this property names it: about a tenth of a burst's CPU samples (DrainBenchmark, JFR).
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  /** Attachment types are never looked up (mails carry none); one map instead of reading mime.types per mail. */
  private static final FileTypeMap FILE_TYPES = new ConfigurableMimeFileTypeMap();

  private final NotificationOutbox outbox;
  private final JavaMailSenderImpl mailSender;
  private final String from;
  private final SlaCounters meters;

  OutboxMailer(NotificationOutbox outbox, JavaMailSenderImpl mailSender, LeadSlaProperties properties,
      SlaCounters meters) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.from = properties.mail().from();
    this.meters = meters;
  }

  public void deliver(OutgoingMail mail) {
    once(mail, () -> mailSender.send(message(mail)));
  }

  /** Whether the notification with this key went out to this recipient. */
  public boolean wentOut(String dedupKey, String recipient) {
    return outbox.sent(dedupKey, recipient);
  }

  /** Runs {@code send} unless the outbox row of this notification and recipient says it went out already. */
  void once(OutgoingMail entry, Runnable send) {
    switch (outbox.claim(entry, ClockUtil.getCurrentTime().toInstant())) {
      case ALREADY_SENT -> {
        LOG.info("Not sending {} to {} again: it went out before", entry.dedupKey(), entry.to());
        return;
      }
      case BUSY -> throw new IllegalStateException("Notification " + entry.dedupKey() + " to " + entry.to()
          + " is being sent by another worker; this job retries later");
      case CLAIMED -> { }
    }
    try {
      send.run();
    } catch (RuntimeException e) {
      outbox.failed(entry, String.valueOf(e.getMessage()));
      meters.notification(entry.kind().name(), false);
      throw e;
    }
    outbox.sent(entry, ClockUtil.getCurrentTime().toInstant());
    meters.notification(entry.kind().name(), true);
  }

  private MimeMessage message(OutgoingMail mail) {
    try {
      MimeMessage message = new StableIdMimeMessage(mailSender.getSession(), messageId(mail));
      MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null, StandardCharsets.UTF_8.name()) {
        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
          return FILE_TYPES;
        }
      };
      helper.setFrom(from);
      helper.setTo(mail.to());
      helper.setSubject(MailText.oneLine(mail.subject(), 250));
      if (mail.html() != null) {
        helper.setText(mail.text(), mail.html());
      } else {
        helper.setText(mail.text());
      }
      return message;
    } catch (MessagingException e) {
      throw new MailPreparationException(e);
    }
  }

  /** The same notification always carries the same Message-ID, so a copy sent after a crash can be recognized. */
  static String messageId(OutgoingMail mail) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((mail.dedupKey() + "\n" + mail.to()).getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@lead-sla>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class StableIdMimeMessage extends MimeMessage {

    private final String messageId;

    StableIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
