package io.leadsla.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * An open-model HTTP load: request i is due at start + i / rate and is sent then, whatever happened to the ones
 * before (no coordinated omission: a slow answer does not delay the next send, and latency counts from the
 * scheduled moment, not from when the request finally left). Every request has a 30 s time-out; one without an
 * answer by then counts as unanswered (status 0).
 */
final class ConstantRateLoad {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** One request: when it was due (ms after the start), its status (0: no answer), latency from due to answer. */
  record Sent(long dueMillis, int status, long latencyMillis, String body) {}

  private ConstantRateLoad() {}

  /** Sends {@code rate * seconds} requests to the targets in turn (several nodes share the load). */
  static List<Sent> run(HttpClient http, List<URI> targets, double rate, int seconds, IntFunction<String> body,
      Map<String, String> headers) throws InterruptedException {
    int count = (int) Math.round(rate * seconds);
    long start = System.nanoTime();
    List<CompletableFuture<Sent>> inFlight = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long dueNanos = start + (long) (i * 1e9 / rate);
      long wait = dueNanos - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(targets.get(i % targets.size())).timeout(TIMEOUT)
          .POST(HttpRequest.BodyPublishers.ofString(body.apply(i)));
      headers.forEach(request::header);
      long dueMillis = (dueNanos - start) / 1_000_000;
      inFlight.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
          .handle((response, failure) -> new Sent(dueMillis, failure == null ? response.statusCode() : 0,
              (System.nanoTime() - dueNanos) / 1_000_000, failure == null ? response.body() : null)));
    }
    List<Sent> sent = new ArrayList<>(count);
    for (CompletableFuture<Sent> request : inFlight) {
      sent.add(request.join());
    }
    return sent;
  }

  static Map<Integer, Long> statuses(List<Sent> sent) {
    Map<Integer, Long> counts = new TreeMap<>();
    sent.forEach(request -> counts.merge(request.status(), 1L, Long::sum));
    return counts;
  }

  /** Nearest-rank percentile of the latencies of the requests with this status. */
  static long percentile(List<Sent> sent, int status, double quantile) {
    List<Long> millis = new ArrayList<>();
    sent.stream().filter(request -> request.status() == status).forEach(request -> millis.add(request.latencyMillis()));
    return percentile(millis, quantile);
  }

  static long percentile(List<Long> values, double quantile) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)));
  }
}
