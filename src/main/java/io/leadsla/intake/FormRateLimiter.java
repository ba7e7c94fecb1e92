package io.leadsla.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} submissions per client address and minute on the public form. Kept per node in memory:
 * with N nodes a client gets at most N times the limit, which is still a limit, and no node needs another's count.
 */
class FormRateLimiter {

  private record Window(long minute, int count) {}

  private final int limit;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  FormRateLimiter(int limit) {
    this.limit = limit;
  }

  /** Empty if the submission may go ahead, else how long the client has to wait. */
  java.util.Optional<Duration> acquire(String client, Instant now) {
    long minute = now.getEpochSecond() / 60;
    Window window = windows.compute(client, (key, old) ->
        old == null || old.minute() != minute ? new Window(minute, 1) : new Window(minute, old.count() + 1));
    if (windows.size() > 10_000) {
      windows.values().removeIf(w -> w.minute() != minute);
    }
    if (window.count() <= limit) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Duration.ofSeconds((minute + 1) * 60 - now.getEpochSecond()));
  }
}
