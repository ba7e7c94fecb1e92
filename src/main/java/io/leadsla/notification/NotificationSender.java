package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import io.leadsla.metrics.SlaCounters;
import io.leadsla.notification.NotificationOutbox.Claimed;
import io.leadsla.notification.NotificationOutbox.Status;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends what the outbox holds, after the transaction that queued it committed: claim a few due notifications
 * (one statement), talk to the SMTP server (the claim's mails over one connection) or the chat webhook holding no
 * database connection, then record the outcome (one statement for what went out). A failure is tried again after 1, 5 and 15 minutes; then an incident where
 * the lead's instance waits tells Cockpit, and it is tried every hour until it goes out, which resolves the
 * incident. SMTP never runs on a job executor thread, so a slow or dead mail server cannot delay an SLA timer.
 *
 * <p>A notification goes out once: a claim takes the row for one sender (other nodes skip it), and only a claim
 * older than {@code leadsla.mail.sender.stale-claim} (its sender died while sending) is taken over; the copy then
 * carries the same Message-ID, so mail clients show it once.
 */
@Service
public class NotificationSender implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  /** The waits after the first, second and third failed attempt; after the fourth, every hour. */
  static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
  static final Duration AFTER_BACKOFF = Duration.ofHours(1);
  private static final int BATCH = 10;

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
  private final ChatWebhook chat;
  private final NotificationIncidents incidents;
  private final SlaCounters meters;
  private final String from;
  private final boolean enabled;
  private final int threads;
  private final Duration pollInterval;
  private final Duration staleClaim;
  private volatile ScheduledExecutorService workers;

  NotificationSender(NotificationOutbox outbox, JavaMailSenderImpl mailSender, ChatWebhook chat,
      NotificationIncidents incidents,
      SlaCounters meters, LeadSlaProperties properties,
      @Value("${leadsla.mail.sender.enabled:${camunda.bpm.job-execution.enabled:true}}") boolean enabled) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.chat = chat;
    this.incidents = incidents;
    this.meters = meters;
    this.from = properties.mail().from();
    this.enabled = enabled;
    this.threads = properties.mail().sender().threads();
    this.pollInterval = properties.mail().sender().pollInterval();
    this.staleClaim = properties.mail().sender().staleClaim();
  }

  /** Sends every notification that is due now, on the calling thread; how many were tried. */
  public int sendDue() {
    int tried = 0;
    List<Claimed> claimed;
    do {
      Instant now = ClockUtil.getCurrentTime().toInstant();
      claimed = outbox.claimDue(BATCH, now, staleClaim);
      send(claimed);
      tried += claimed.size();
    } while (claimed.size() == BATCH);
    return tried;
  }

  /**
   * Chat posts one by one; the mails of a claim over one SMTP connection, each with its own outcome. What went out
   * is recorded first, then each failure on its own, so that a failure to record one cannot send the others again.
   */
  private void send(List<Claimed> claimed) {
    List<Claimed> sent = new ArrayList<>();
    Map<Claimed, String> refused = new LinkedHashMap<>();
    Map<MimeMessage, Claimed> mails = new LinkedHashMap<>();
    for (Claimed notification : claimed) {
      try {
        if (notification.kind() == NotificationKind.CHAT) {
          chat.post(notification.text());
          sent.add(notification);
        } else {
          mails.put(message(notification.mail()), notification);
        }
      } catch (RuntimeException e) {
        refused.put(notification, String.valueOf(e.getMessage()));
      }
    }
    Map<Object, String> notSent = sendMails(mails.keySet());
    mails.forEach((mail, notification) -> {
      if (notSent.containsKey(mail)) {
        refused.put(notification, notSent.get(mail));
      } else {
        sent.add(notification);
      }
    });
    outbox.sent(sent, ClockUtil.getCurrentTime().toInstant());
    for (Claimed notification : sent) {
      meters.notification(notification.kind().name(), true);
      if (notification.incidentId() != null) {
        incidents.resolve(notification.incidentId());
      }
    }
    refused.forEach((notification, error) -> {
      try {
        failed(notification, error);
      } catch (RuntimeException e) {
        // not recorded: the claim goes stale and the mail is tried again then
        LOG.warn("Could not record the failure of notification {}: {}", notification.dedupKey(), e.getMessage());
      }
    });
  }

  /** The mails the server did not take, with why; the others went out. */
  private Map<Object, String> sendMails(Collection<MimeMessage> mails) {
    Map<Object, String> notSent = new HashMap<>();
    if (mails.isEmpty()) {
      return notSent;
    }
    try {
      mailSender.send(mails.toArray(MimeMessage[]::new));
    } catch (MailSendException e) {
      // per message what went wrong; none named (closing the connection failed after sending): all went out
      e.getFailedMessages().forEach((mail, why) -> notSent.put(mail, e.getMessage() + ": " + why.getMessage()));
    } catch (MailException e) {
      // the server refused our login: nothing went out
      mails.forEach(mail -> notSent.put(mail, e.getMessage()));
    }
    return notSent;
  }

  private void failed(Claimed notification, String error) {
    meters.notification(notification.kind().name(), false);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    int attempt = notification.attempts();
    if (attempt <= BACKOFF.size()) {
      LOG.info("Notification {} to {} failed (attempt {}), next try in {}: {}", notification.dedupKey(),
          notification.recipient(), attempt, BACKOFF.get(attempt - 1), error);
      outbox.retryAt(notification, Status.PENDING, now.plus(BACKOFF.get(attempt - 1)), error, null);
      return;
    }
    LOG.warn("Notification {} to {} failed {} times, tried again every hour: {}", notification.dedupKey(),
        notification.recipient(), attempt, error);
    boolean known = incidents.stillOpen(notification.incidentId());
    String incident = known ? notification.incidentId() : incidents.raise(notification, error);
    boolean recorded = false;
    try {
      recorded = outbox.retryAt(notification, Status.FAILED, now.plus(AFTER_BACKOFF), error, incident);
    } finally {
      if (!recorded && !known && incident != null) {
        incidents.resolve(incident);   // the claim was taken over (or not recorded): no incident that no row points to
      }
    }
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

  @Override
  public void start() {
    if (!enabled || workers != null) {
      return;
    }
    ScheduledExecutorService started = Executors.newScheduledThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "notification-sender");
      thread.setDaemon(true);
      return thread;
    });
    for (int i = 0; i < threads; i++) {
      started.scheduleWithFixedDelay(this::sendQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    workers = started;
  }

  private void sendQuietly() {
    try {
      sendDue();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      // the database is away for a moment (or worse): the next round tries again, and this thread must live on,
      // since a scheduled task that throws is never run again
      LOG.warn("Could not look for notifications to send: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = workers;
    workers = null;
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return workers != null;
  }

  /** Starts after the engine (and stops before it). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
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
