package io.leadsla.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsla.LeadSlaProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Posts each tier-1 lead to a chat channel through a Slack-compatible incoming webhook ({@code {"text": ...}}),
 * if {@code leadsla.notification.chat-webhook-url} is set. Once per lead cycle, queued in the outbox like a mail
 * and posted by {@link NotificationSender}.
 */
@Component
class ChatWebhook {

  static final String RECIPIENT = "chat-webhook";

  private final URI url;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ChatWebhook(LeadSlaProperties properties) {
    String configured = properties.notification() == null ? null : properties.notification().chatWebhookUrl();
    this.url = configured == null ? null : URI.create(configured);
  }

  /** The chat post of a tier-1 lead, if a webhook is configured. */
  Optional<OutgoingMail> hotLead(SlaNotification lead) {
    if (url == null) {
      return Optional.empty();
    }
    String text = "Hot lead: " + MailText.oneLine(lead.leadName(), 120)
        + (lead.company() == null ? "" : " (" + MailText.oneLine(lead.company(), 80) + ")")
        + ", source " + MailText.oneLine(lead.source(), 40) + ", owner " + MailText.oneLine(lead.ownerName(), 80)
        + ". Respond by " + lead.deadline() + ": " + lead.taskLink();
    return Optional.of(new OutgoingMail(
        OutgoingMail.leadKey(lead.leadId(), lead.cycle(), lead.stage(), NotificationKind.CHAT, lead.round()),
        NotificationKind.CHAT, lead.leadId(), lead.cycle(), lead.stage(), lead.round(), RECIPIENT,
        "Hot lead " + lead.leadId(), text, null));
  }

  void post(String text) {
    if (url == null) {
      throw new IllegalStateException("No chat webhook is configured (leadsla.notification.chat-webhook-url)");
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text))))
          .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("Chat webhook answered " + response.statusCode());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new IllegalStateException("Chat webhook not reachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while posting to the chat webhook", e);
    }
  }
}
