package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.leadsla.LeadSlaProperties;
import io.leadsla.metrics.SlaCounters;
import io.leadsla.notification.NotificationOutbox.Claimed;
import io.leadsla.notification.NotificationOutbox.Status;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What the sender records when the SMTP server takes some mails of a claim and not others: each mail its own
 * outcome, and a mail the server took is never tried again.
 */
class NotificationSenderTest {

  final NotificationOutbox outbox = mock(NotificationOutbox.class);
  final JavaMailSenderImpl smtp = mock(JavaMailSenderImpl.class);
  final Instant claimedAt = Instant.parse("2026-03-02T09:00:00Z");
  final Claimed toSam = claimed(1, "sam@example.com");
  final Claimed toSara = claimed(2, "sara@example.com");
  final NotificationSender sender = new NotificationSender(outbox, smtp, mock(ChatWebhook.class),
      mock(NotificationIncidents.class), mock(SlaCounters.class), new LeadSlaProperties("http://x",
          new LeadSlaProperties.Mail("lead-sla@example.com", ZoneId.of("UTC"), new LeadSlaProperties.Sender(1, null,
              null)), null, null, null, null, null, null),
      false);

  Claimed claimed(long id, String to) {
    return new Claimed(id, "L-1/1/response/WARNING/1", to, NotificationKind.WARNING, "Going cold", "text", "<p>h</p>",
        1, null, null, claimedAt);
  }

  void claim(Claimed... claimed) {
    when(smtp.getSession()).thenReturn(Session.getInstance(new Properties()));
    when(outbox.claimDue(anyInt(), any(), any())).thenReturn(List.of(claimed), List.of());
  }

  @SuppressWarnings("unchecked")
  List<Claimed> recordedAsSent() {
    ArgumentCaptor<List<Claimed>> sent = ArgumentCaptor.forClass(List.class);
    verify(outbox).sent(sent.capture(), any());
    return sent.getValue();
  }

  @Test
  void aMailTheServerRefusedWaitsForItsNextAttemptAndTheOtherIsRecordedAsSent() {
    claim(toSam, toSara);
    doAnswer(invocation -> {   // the server takes the first mail and refuses the second
      MimeMessage[] mails = (MimeMessage[]) invocation.getRawArguments()[0];
      Map<Object, Exception> failed = new LinkedHashMap<>();
      failed.put(mails[1], new SendFailedException("550 mailbox unavailable"));
      throw new MailSendException(failed);
    }).when(smtp).send(any(MimeMessage[].class));

    sender.sendDue();

    assertThat(recordedAsSent()).containsExactly(toSam);
    ArgumentCaptor<String> why = ArgumentCaptor.forClass(String.class);
    verify(outbox).retryAt(eq(toSara), eq(Status.PENDING), any(), why.capture(), eq(null));
    assertThat(why.getValue()).contains("550 mailbox unavailable");
    verify(outbox, never()).retryAt(eq(toSam), any(), any(), any(), any());
  }

  @Test
  void aConnectionThatFailsOnlyWhenClosedAfterSendingLeavesEveryMailSent() {
    claim(toSam, toSara);
    doThrow(new MailSendException("Failed to close server connection after message sending"))
        .when(smtp).send(any(MimeMessage[].class));

    sender.sendDue();

    assertThat(recordedAsSent()).containsExactly(toSam, toSara);
    verify(outbox, never()).retryAt(any(), any(), any(), any(), any());
  }

  @Test
  void aRefusedLoginSendsNothingAndEveryMailWaitsForItsNextAttempt() {
    claim(toSam, toSara);
    doThrow(new MailAuthenticationException("535 authentication failed")).when(smtp).send(any(MimeMessage[].class));

    sender.sendDue();

    assertThat(recordedAsSent()).isEmpty();
    verify(outbox).retryAt(eq(toSam), eq(Status.PENDING), any(), anyString(), eq(null));
    verify(outbox).retryAt(eq(toSara), eq(Status.PENDING), any(), anyString(), eq(null));
  }
}
