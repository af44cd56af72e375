package org.sotto.testkit.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.round.RoundKind;
import org.sotto.testkit.audit.AuditRecorder.Call;
import org.sotto.testkit.audit.AuditRecorder.Mixed;
import org.sotto.testkit.audit.AuditRecorder.Submission;
import org.sotto.testkit.audit.AuditReport.Check;

/**
 * Turns what the servers recorded during an audit's window into the report: each observation
 * is named by the client it came from through the clients' own taps (session ids and local
 * addresses), so every number here is what the coordinator or a mix saw, sorted by what the
 * audit knows the clients were doing.
 */
final class AuditAnalysis {
  /** The services every client calls as part of every round, whatever its user does. */
  private static final Set<String> ROUND_SERVICES =
      Set.of("sotto.v1.ClientGateway", "sotto.v1.DialingGateway");
  /** Per-client rates of two classes may differ by this much before the wire is "not identical". */
  private static final double RATE_TOLERANCE = 0.05;
  /**
   * How much the classes' largest requests of one kind may differ: a varint field (a round,
   * a version, a bucket index that is 0 and so absent) is a byte or two longer for some clients
   * than for others whatever they do. Onions, where a byte would matter, are compared exactly.
   */
  private static final int REQUEST_BYTES_TOLERANCE = 2;

  private final ClusterDescriptor descriptor;
  private final AuditPlan plan;
  private final List<AuditedClient> clients;
  private final Audit.Window window;
  private final List<Submission> submissions;
  private final List<Call> calls;
  private final List<Mixed> mixed;
  private final Map<String, AuditedClient> bySession = new HashMap<>();
  private final Map<String, AuditedClient> byPeer = new HashMap<>();
  private final List<Check> checks = new ArrayList<>();
  private final StringBuilder table = new StringBuilder();

  AuditAnalysis(ClusterDescriptor descriptor, AuditPlan plan, List<AuditedClient> clients,
      AuditRecorder recorder, Audit.Window window) {
    this.descriptor = descriptor;
    this.plan = plan;
    this.clients = clients;
    this.window = window;
    for (AuditedClient c : clients) {
      c.tap.sessions.forEach(s -> bySession.put(s, c));
      c.tap.localAddresses.forEach(a -> byPeer.put(a, c));
    }
    this.submissions = recorder.submissions.stream().filter(s -> measured(s.kind(), s.round()))
        .filter(s -> bySession.containsKey(s.session())).toList();
    this.calls = recorder.calls.stream()
        .filter(c -> c.nanos() >= window.startNanos() && c.nanos() <= window.endNanos())
        .toList();
    this.mixed = recorder.mixed.stream().filter(m -> measured(m.kind(), m.round())).toList();
  }

  private boolean measured(RoundKind kind, long round) {
    return (kind == RoundKind.CONVERSATION ? window.rounds() : window.dialingRounds())
        .contains(round);
  }

  AuditReport report() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rounds", window.rounds().size());
    json.put("dialing_rounds", window.dialingRounds().size());
    json.put("aborted_rounds", window.aborted());
    Map<String, Object> counts = new LinkedHashMap<>();
    for (ClientClass c : ClientClass.values()) {
      counts.put(c.key(), plan.count(c));
    }
    json.put("clients", counts);
    table.append(String.format(Locale.ROOT, "%d conversation rounds of %d ms, %d dialing rounds "
            + "of %d ms (%d aborted); clients: %s%n", window.rounds().size(),
        descriptor.roundIntervalMs(), window.dialingRounds().size(),
        descriptor.dialing().roundIntervalMs(), window.aborted(), counts));
    json.put("wire", wire());
    json.put("timing", timing());
    Map<String, Object> directory = directory();
    json.put("directory_lookups_during_dialing", directory.get("tied_to_dialing"));
    json.put("directory", directory);
    json.put("noise", noise());
    Map<String, Object> shuffle = shuffle();
    json.put("shuffle_p", shuffle.get("p"));
    json.put("shuffle", shuffle);
    table.append(String.format("%nchecks%n"));
    for (Check c : checks) {
      table.append(String.format(Locale.ROOT, "  %-9s %s  %s%n", c.name(),
          c.passed() ? "pass" : "FAIL", c.summary()));
    }
    return new AuditReport(json, checks, table.toString());
  }

  // ---- wire: the same submissions and the same calls from every class ---------------------

  private Map<String, Object> wire() {
    table.append(String.format("%nwire: per client, over the measured rounds%n"));
    table.append(String.format("  %-9s %-42s %10s %12s  %s%n", "class", "what", "per client",
        "per round", "request bytes"));
    Map<String, Object> subs = new LinkedHashMap<>();
    boolean submissionsSame = true;
    for (RoundKind kind : RoundKind.values()) {
      int rounds = (kind == RoundKind.CONVERSATION ? window.rounds() : window.dialingRounds())
          .size();
      Map<ClientClass, Double> rates = new LinkedHashMap<>();
      Map<ClientClass, Set<String>> shapes = new LinkedHashMap<>();
      for (ClientClass c : ClientClass.values()) {
        List<Submission> mine = submissions.stream().filter(s -> s.kind() == kind
            && bySession.get(s.session()).kind == c).toList();
        double perClient = (double) mine.size() / plan.count(c);
        double perRound = rounds == 0 ? 0 : perClient / rounds;
        // The shape of a submission: how many onions, of which sizes.
        Set<String> shape = mine.stream().map(s -> s.sizes().toString())
            .collect(Collectors.toCollection(TreeSet::new));
        rates.put(c, perRound);
        shapes.put(c, shape);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("submissions", mine.size());
        entry.put("per_client_per_round", round4(perRound));
        entry.put("onion_sizes", List.copyOf(shape));
        subs.computeIfAbsent(c.key(), k -> new LinkedHashMap<String, Object>());
        @SuppressWarnings("unchecked")
        Map<String, Object> perKind = (Map<String, Object>) subs.get(c.key());
        perKind.put(kindKey(kind), entry);
        table.append(String.format(Locale.ROOT, "  %-9s %-42s %10.1f %12.3f  onions %s%n",
            c.key(), kindKey(kind) + " submissions", perClient, perRound, shape));
      }
      submissionsSame &= shapes.values().stream().distinct().count() == 1
          && close(rates.values());
    }
    Map<String, Map<ClientClass, List<Call>>> byMethod = new TreeMap<>();
    int unattributed = 0;
    for (Call call : calls) {
      AuditedClient from = byPeer.get(call.peer());
      if (from == null) {
        unattributed++;
        continue;
      }
      byMethod.computeIfAbsent(call.method(), k -> new LinkedHashMap<>())
          .computeIfAbsent(from.kind, k -> new ArrayList<>()).add(call);
    }
    Map<String, Object> callsJson = new LinkedHashMap<>();
    boolean callsSame = true;
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, Map<ClientClass, List<Call>>> e : byMethod.entrySet()) {
      String method = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
      List<Double> perClient = new ArrayList<>();
      TreeSet<Integer> maxSizes = new TreeSet<>();
      for (ClientClass c : ClientClass.values()) {
        List<Call> mine = e.getValue().getOrDefault(c, List.of());
        double rate = (double) mine.size() / plan.count(c);
        perClient.add(rate);
        int min = mine.stream().mapToInt(Call::bytes).min().orElse(0);
        int max = mine.stream().mapToInt(Call::bytes).max().orElse(0);
        maxSizes.add(max);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("calls", mine.size());
        entry.put("per_client", round4(rate));
        entry.put("request_bytes_min", min);
        entry.put("request_bytes_max", max);
        @SuppressWarnings("unchecked")
        Map<String, Object> perClass = (Map<String, Object>) callsJson.computeIfAbsent(c.key(),
            k -> new LinkedHashMap<String, Object>());
        perClass.put(method, entry);
        table.append(String.format(Locale.ROOT, "  %-9s %-42s %10.1f %12s  %s%n", c.key(),
            method, rate, "", mine.isEmpty() ? "-" : min == max ? min : min + ".." + max));
      }
      int spread = maxSizes.isEmpty() ? 0 : maxSizes.last() - maxSizes.first();
      if (!closeCounts(perClient) || spread > REQUEST_BYTES_TOLERANCE) {
        callsSame = false;
        differing.add(method);
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("identical", submissionsSame && callsSame);
    json.put("submissions_identical", submissionsSame);
    json.put("calls_identical", callsSame);
    json.put("calls_differing", differing);
    json.put("unattributed_calls", unattributed);
    json.put("submissions", subs);
    json.put("calls", callsJson);
    checks.add(new Check("wire", submissionsSame && callsSame,
        (submissionsSame ? "every class submits the same onions at the same rate"
            : "the classes' submissions differ in count or size")
            + "; " + (callsSame ? "every class makes the same calls"
            : "calls that differ between classes: " + String.join(", ", differing))));
    return json;
  }

  /** Per-round rates (0..1 and so on) equal within {@link #RATE_TOLERANCE}. */
  private static boolean close(java.util.Collection<Double> rates) {
    double min = rates.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return max - min <= RATE_TOLERANCE * Math.max(1, max);
  }

  /**
   * Calls per client over the whole window equal within one call (a call on a schedule may fall
   * just inside the window for one client and just outside for another) or
   * {@link #RATE_TOLERANCE}; a kind of call one class makes and another never does always
   * differs.
   */
  private static boolean closeCounts(List<Double> perClient) {
    double min = perClient.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = perClient.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (min == 0 && max > 0) {
      return false;
    }
    return max - min <= Math.max(1, RATE_TOLERANCE * max);
  }

  // ---- timing: arrival after the round's announcement, per class ---------------------------

  private Map<String, Object> timing() {
    double[] idleConversation = arrivals(RoundKind.CONVERSATION, ClientClass.IDLE, null);
    double[] chatting = arrivals(RoundKind.CONVERSATION, ClientClass.CHATTING, null);
    // Real invitations go out in some dialing rounds only, and rounds differ from one another
    // (one announced late has a shorter window, so every submission in it arrives sooner): the
    // idle clients are compared in the same rounds, not in all of them.
    Set<String> real = realInvitations();
    Set<Long> realRounds = real.stream()
        .map(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1)))
        .collect(java.util.stream.Collectors.toSet());
    double[] idleDialing = submissions.stream()
        .filter(s -> s.kind() == RoundKind.DIALING
            && bySession.get(s.session()).kind == ClientClass.IDLE
            && realRounds.contains(s.round()))
        .mapToDouble(s -> s.sinceAnnouncedNanos() / 1e6).toArray();
    double[] dialing = arrivals(RoundKind.DIALING, ClientClass.DIALING, real);
    table.append(String.format("%ntiming: ms from a round's announcement to a submission's "
        + "arrival at the coordinator%n"));
    table.append(String.format("  %-34s %6s %8s %8s %8s %10s %10s%n", "", "n", "p10", "median",
        "p90", "KS p", "M-W p"));
    Map<String, Object> conversation = compare("conversation: idle", idleConversation,
        "conversation: chatting", chatting);
    Map<String, Object> dialingJson = compare("dialing: idle (same rounds)", idleDialing,
        "dialing: dialing (real invitations)", dialing);
    double ks = minP(conversation.get("ks_p"), dialingJson.get("ks_p"));
    double mw = minP(conversation.get("mann_whitney_p"), dialingJson.get("mann_whitney_p"));
    boolean passed = ks >= AuditReport.TIMING_MIN_P && mw >= AuditReport.TIMING_MIN_P;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ks_p", p(ks));
    json.put("mann_whitney_p", p(mw));
    json.put("passed", passed);
    json.put("conversation", conversation);
    json.put("dialing", dialingJson);
    checks.add(new Check("timing", passed, String.format(Locale.ROOT,
        "lowest KS p %s, lowest Mann-Whitney p %s (need >= %s); chatting arrives %+.2f ms, "
            + "dialing %+.2f ms from idle (medians)", fmt(ks), fmt(mw), AuditReport.TIMING_MIN_P,
        (Double) conversation.get("median_shift_ms"), (Double) dialingJson.get("median_shift_ms"))));
    return json;
  }

  /**
   * Arrival times (ms) of class {@code c}'s submissions of {@code kind}; with {@code only}, just
   * those (session, round) pairs.
   */
  private double[] arrivals(RoundKind kind, ClientClass c, Set<String> only) {
    return submissions.stream()
        .filter(s -> s.kind() == kind && bySession.get(s.session()).kind == c)
        .filter(s -> only == null || only.contains(s.session() + "/" + s.round()))
        .mapToDouble(s -> s.sinceAnnouncedNanos() / 1e6).toArray();
  }

  /**
   * The dialing submissions that carried a real invitation, as "session/round": for each time
   * the audit made a client dial, the first dialing round it submitted to after that (a client
   * sends one call per round, and the audit queues the next only when none is pending).
   */
  private Set<String> realInvitations() {
    Set<String> real = new java.util.HashSet<>();
    for (AuditedClient c : clients) {
      for (long dialed : c.dials) {
        c.tap.dialingSubmissions.entrySet().stream()
            .filter(e -> e.getValue() > dialed)
            .min(Map.Entry.comparingByValue())
            .ifPresent(e -> c.tap.sessions.forEach(s -> real.add(s + "/" + e.getKey())));
      }
    }
    return real;
  }

  private Map<String, Object> compare(String nameA, double[] a, String nameB, double[] b) {
    double ks = AuditStatistics.ksP(a, b);
    double mw = AuditStatistics.mannWhitneyP(a, b);
    row(nameA, a, Double.NaN, Double.NaN);
    row(nameB, b, ks, mw);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("samples", List.of(a.length, b.length));
    json.put("median_ms", List.of(round4(quantile(a, 0.5)), round4(quantile(b, 0.5))));
    json.put("median_shift_ms", round4(quantile(b, 0.5) - quantile(a, 0.5)));
    json.put("ks_p", p(ks));
    json.put("mann_whitney_p", p(mw));
    return json;
  }

  private void row(String name, double[] x, double ks, double mw) {
    table.append(String.format(Locale.ROOT, "  %-34s %6d %8.2f %8.2f %8.2f %10s %10s%n", name,
        x.length, quantile(x, 0.1), quantile(x, 0.5), quantile(x, 0.9),
        Double.isNaN(ks) ? "" : fmt(ks), Double.isNaN(mw) ? "" : fmt(mw)));
  }

  private static double quantile(double[] x, double q) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }

  // ---- directory calls tied to dialing -----------------------------------------------------

  /**
   * Calls outside the round services, by kind. Those "tied to dialing" are of a kind idle clients
   * never made during the window, made by a client within one dialing interval of its own
   * dialing (the audit made it dial) or of being called (an invitation to it was reported): what
   * lets the coordinator link a call to a dialing event. Calls every client makes on a schedule
   * (idle ones too) are not tied, whatever their timing; the wire check compares their rates.
   */
  private Map<String, Object> directory() {
    Set<String> idleKinds = new TreeSet<>();
    List<Call> other = calls.stream().filter(c -> !ROUND_SERVICES.contains(c.service()))
        .filter(c -> byPeer.containsKey(c.peer())).toList();
    for (Call c : other) {
      if (byPeer.get(c.peer()).kind == ClientClass.IDLE) {
        idleKinds.add(c.method());
      }
    }
    long slack = descriptor.dialing().roundIntervalMs() * 1_000_000;
    Map<String, Integer> tied = new TreeMap<>();
    Map<String, Map<String, Integer>> perClass = new LinkedHashMap<>();
    for (ClientClass k : ClientClass.values()) {
      perClass.put(k.key(), new TreeMap<>());
    }
    for (Call c : other) {
      AuditedClient from = byPeer.get(c.peer());
      perClass.get(from.kind.key()).merge(c.shortName(), 1, Integer::sum);
      if (idleKinds.contains(c.method())) {
        continue;
      }
      boolean near = java.util.stream.Stream.concat(from.dials.stream(), from.called.stream())
          .anyMatch(t -> Math.abs(c.nanos() - t) <= slack);
      if (near) {
        tied.merge(c.shortName(), 1, Integer::sum);
      }
    }
    int total = tied.values().stream().mapToInt(Integer::intValue).sum();
    int dials = clients.stream().mapToInt(c -> c.dials.size()).sum();
    int called = clients.stream().mapToInt(c -> c.called.size()).sum();
    table.append(String.format("%ndirectory: calls outside the round services, per class%n"));
    perClass.forEach((k, v) -> table.append(String.format("  %-9s %s%n", k,
        v.isEmpty() ? "none" : v)));
    table.append(String.format(Locale.ROOT, "  tied to dialing (%d dials, %d invitations "
        + "received): %d %s%n", dials, called, total, tied.isEmpty() ? "" : tied));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tied_to_dialing", total);
    json.put("tied_by_method", tied);
    json.put("dials", dials);
    json.put("invitations_received", called);
    json.put("calls_per_class", perClass);
    checks.add(new Check("directory", total == 0, total == 0
        ? "no directory call follows dialing or being called (" + dials + " dials, " + called
            + " invitations received)"
        : total + " directory calls within one dialing round of a client's own dialing or "
            + "invitation " + tied + ", over " + dials + " dials and " + called
            + " invitations received"));
    return json;
  }

  // ---- noise: each mix's counts against the descriptor's Laplace ---------------------------

  private Map<String, Object> noise() {
    ClusterDescriptor.NoiseSettings conv = descriptor.noise();
    ClusterDescriptor.NoiseSettings dial = descriptor.dialing().noise();
    table.append(String.format(Locale.ROOT, "%nnoise: each mix's draws per round against "
        + "Laplace(mu, b) as configured (conversation %s/%s per kind, dialing %s/%s per "
        + "bucket)%n", num(conv.mu()), num(conv.b()), num(dial.mu()), num(dial.b())));
    table.append(String.format("  %-6s %-22s %7s %9s %10s%n", "mix", "draws", "n", "mean",
        "chi2 p"));
    List<Object> mixes = new ArrayList<>();
    double conversationP = Double.POSITIVE_INFINITY;
    double dialingP = Double.POSITIVE_INFINITY;
    List<String> failing = new ArrayList<>();
    for (int i = 0; i < descriptor.chainLength(); i++) {
      int mix = i;
      long[] singles = draws(mix, RoundKind.CONVERSATION, 0);
      long[] doubles = draws(mix, RoundKind.CONVERSATION, 1);
      long[] buckets = draws(mix, RoundKind.DIALING, -1);
      double pSingles = fit(mix, "conversation singles", singles,
          k -> AuditStatistics.laplaceCountP(conv.mu(), conv.b(), k));
      double pDoubles = fit(mix, "conversation doubles", doubles,
          k -> AuditStatistics.laplaceDoublesP(conv.mu(), conv.b(), k));
      double pBuckets = fit(mix, "dialing per bucket", buckets,
          k -> AuditStatistics.laplaceCountP(dial.mu(), dial.b(), k));
      double pConversation = Math.min(pSingles, pDoubles);
      conversationP = minP(conversationP, pConversation);
      dialingP = minP(dialingP, pBuckets);
      if (!(pConversation >= AuditReport.NOISE_MIN_P) || !(pBuckets >= AuditReport.NOISE_MIN_P)) {
        failing.add(descriptor.mixes().get(mix).name());
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("mix", descriptor.mixes().get(mix).name());
      entry.put("conversation_p", p(pConversation));
      entry.put("conversation_singles_mean", round4(mean(singles)));
      entry.put("conversation_doubles_mean", round4(mean(doubles)));
      entry.put("conversation_rounds", singles.length);
      entry.put("dialing_p", p(pBuckets));
      entry.put("dialing_bucket_mean", round4(mean(buckets)));
      entry.put("dialing_bucket_draws", buckets.length);
      mixes.add(entry);
    }
    boolean passed = conversationP >= AuditReport.NOISE_MIN_P
        && dialingP >= AuditReport.NOISE_MIN_P;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("conversation_p", p(conversationP));
    json.put("dialing_p", p(dialingP));
    json.put("passed", passed);
    json.put("configured", Map.of("conversation", Map.of("mu", conv.mu(), "b", conv.b()),
        "dialing", Map.of("mu", dial.mu(), "b", dial.b())));
    json.put("mixes", mixes);
    checks.add(new Check("noise", passed, String.format(Locale.ROOT,
        "lowest chi2 p: conversation %s, dialing %s (need >= %s)%s", fmt(conversationP),
        fmt(dialingP), AuditReport.NOISE_MIN_P,
        failing.isEmpty() ? "" : "; off: " + String.join(", ", failing))));
    return json;
  }

  /** Mix {@code mix}'s draws of {@code kind} in the window: draw {@code index} of each round, or all. */
  private long[] draws(int mix, RoundKind kind, int index) {
    return mixed.stream().filter(m -> m.mix() == mix && m.kind() == kind)
        .flatMapToLong(m -> index < 0 ? Arrays.stream(m.draws())
            : java.util.stream.LongStream.of(m.draws()[index]))
        .toArray();
  }

  /** χ² p of {@code observed} against {@code pmf}; NaN (a failure) if the mix mixed nothing. */
  private double fit(int mix, String what, long[] observed, LongToDoubleFunction pmf) {
    double p = observed.length == 0 ? Double.NaN : AuditStatistics.countsFitP(observed, pmf);
    table.append(String.format(Locale.ROOT, "  %-6s %-22s %7d %9.2f %10s%n",
        descriptor.mixes().get(mix).name(), what, observed.length, mean(observed), fmt(p)));
    return p;
  }

  private static double mean(long[] x) {
    return x.length == 0 ? Double.NaN : Arrays.stream(x).average().orElse(Double.NaN);
  }

  // ---- shuffle: where a known input lands -----------------------------------------------------

  private Map<String, Object> shuffle() {
    List<Mixed> samples = mixed.stream().filter(m -> m.displacement() >= 0).toList();
    int bins = Math.max(2, Math.min(10, samples.size() / 5));
    double p = samples.isEmpty() ? Double.NaN : AuditStatistics.uniformPositionsP(
        samples.stream().mapToInt(Mixed::displacement).toArray(),
        samples.stream().mapToInt(Mixed::items).toArray(), bins);
    Map<String, Object> perMix = new LinkedHashMap<>();
    for (int i = 0; i < descriptor.chainLength(); i++) {
      int mix = i;
      List<Mixed> mine = samples.stream().filter(m -> m.mix() == mix).toList();
      int b = Math.max(2, Math.min(10, mine.size() / 5));
      perMix.put(descriptor.mixes().get(mix).name(), p(mine.isEmpty() ? Double.NaN
          : AuditStatistics.uniformPositionsP(mine.stream().mapToInt(Mixed::displacement)
              .toArray(), mine.stream().mapToInt(Mixed::items).toArray(), b)));
    }
    boolean passed = p >= AuditReport.SHUFFLE_MIN_P;
    table.append(String.format(Locale.ROOT, "%nshuffle: (output - input) mod n of one random "
        + "input per round per mix, in %d bins: %d samples, chi2 p %s; per mix %s%n", bins,
        samples.size(), fmt(p), perMix.entrySet().stream().map(e -> e.getKey() + " "
            + fmt(e.getValue() == null ? Double.NaN : (Double) e.getValue()))
            .collect(Collectors.joining(", "))));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("p", p(p));
    json.put("samples", samples.size());
    json.put("bins", bins);
    json.put("per_mix_p", perMix);
    checks.add(new Check("shuffle", passed, String.format(Locale.ROOT,
        "chi2 p %s over %d rounds x mixes (need >= %s)", fmt(p), samples.size(),
        AuditReport.SHUFFLE_MIN_P)));
    return json;
  }

  // ---- formatting ------------------------------------------------------------------------------

  private static String kindKey(RoundKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** The smaller p-value; NaN (not computable) counts as the smallest, so it fails. */
  private static double minP(Object a, Object b) {
    double x = a == null ? Double.NaN : ((Number) a).doubleValue();
    double y = b == null ? Double.NaN : ((Number) b).doubleValue();
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.NaN;
    }
    return Math.min(x, y);
  }

  /** A p-value for the JSON: null when it could not be computed. */
  private static Double p(double p) {
    return Double.isNaN(p) || Double.isInfinite(p) ? null : p;
  }

  private static Double round4(double x) {
    return Double.isNaN(x) ? null : Math.round(x * 10_000) / 10_000.0;
  }

  private static String fmt(double p) {
    if (Double.isNaN(p)) {
      return "n/a";
    }
    return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p)
        : String.format(Locale.ROOT, "%.1e", p);
  }

  private static String num(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
  }
}
