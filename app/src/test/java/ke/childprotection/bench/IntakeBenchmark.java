package ke.childprotection.bench;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.worker.JobWorker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.childprotection.cases.CasePolicy;
import ke.childprotection.engine.durable.DurableEngine;
import ke.childprotection.it.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Intake at engine speed (deploy/benchmark.sh intake): the app and the bare engine side by side in one
 * run, on the project's own models. The bare engine is a second in-process engine of the same kind (its
 * own directory), with the same models, the same start message and variables; a client completes every
 * service job at once and takes every user-task job. The app is the whole app over HTTP and PostgreSQL: a
 * report through the API until its first task is in the tasklist (the table the tasklist reads), and a
 * task completed through the API until the next one is there. Prints p50/p95 and the ratios; asserts
 * nothing about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = IntakeBenchmark.Database.class)
// the production settings of the tasklist (the test profile checks tasks every 5 s to keep tests short)
@TestPropertySource(properties = {"MCC_DB_SCHEMA=mcc_bench_intake", "mcc.demo-data.enabled=true",
    "mcc.tasklist.reconcile-interval=PT30S", "mcc.tasklist.job-lock=P1D"})
@Import(IntegrationTest.CleanSchema.class)
class IntakeBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  // a signed-in phone: the session cookie and the CSRF token of the sign-in, as the pages use them
  private static final java.net.CookieManager COOKIES = new java.net.CookieManager();
  private static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(COOKIES).build();
  private static final String USER_TASK_JOB = "io.camunda.zeebe:userTask";
  private static final Duration WAIT = Duration.ofMinutes(2);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CasePolicy policy;
  /** The bare workers poll as the app's do (a safety net: jobs are streamed to both). */
  @org.springframework.beans.factory.annotation.Value("${camunda.client.worker.defaults.poll-interval}") Duration poll;

  private final AtomicInteger numbers = new AtomicInteger();

  /** -Dbench.database: postgres (default; schema mcc_bench_intake) or h2 (the app's default: embedded, on disk). */
  private static final boolean H2 = "h2".equals(System.getProperty("bench.database", "postgres"));

  static class Database implements org.springframework.test.context.ActiveProfilesResolver {
    @Override
    public String[] resolve(Class<?> testClass) {
      return H2 ? new String[] {"test"} : new String[] {"postgres", "test"};
    }
  }

  /** On H2: the default's database, in a directory of its own (the test profile names PostgreSQL's). */
  @org.springframework.test.context.DynamicPropertySource
  static void database(org.springframework.test.context.DynamicPropertyRegistry registry) throws java.io.IOException {
    if (H2) {
      Path dir = Files.createTempDirectory("mcc-intake-bench-h2-");
      registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir + "/db/mcc;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
      registry.add("spring.datasource.username", () -> "sa");
      registry.add("spring.datasource.password", () -> "");
    }
  }

  @Test
  void reportToFirstTaskAppAndBareEngine() throws Exception {
    int sequential = Integer.getInteger("bench.reports", 40);
    int burst = Integer.getInteger("bench.burst", 400);
    int clients = Integer.getInteger("bench.clients", 8);
    List<String[]> rows = new ArrayList<>();
    Path dir = Files.createTempDirectory("mcc-intake-bench-");
    DurableEngine engine = DurableEngine.open(dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        DurableEngine.Settings.defaults());
    engine.start();
    try (ZeebeClient client = engine.createClient(WAIT)) {
      Bare bare = new Bare(client);
      signIn();
      // warm both up as a server in service meets a burst: its classes loaded, its pools filled and its
      // code compiled. On 2 cores the JIT compiler needs thousands of cases to settle on the app's code
      // (web, security, JSON, JPA, JDBC and the engine) against far fewer for the bare engine's: a fixed
      // warm-up of 1,000 left the app compiling ~20 ms per case through the measured burst (a third of
      // its CPU). Each side gets bursts until its compiling has settled, then both are measured.
      int maxRounds = Integer.getInteger("bench.warmup", 40);
      bare.reportAndWait();
      appReportAndWait();
      String bareWarm = warmUp(maxRounds, () -> burst(clients, burst, bare::report, bare::firstTasksSeen, null));
      String appWarm = warmUp(maxRounds, () -> appBurst(clients, burst, null));
      // a database in service has statistics on its tables (these were emptied at start and filled in
      // seconds, faster than autovacuum looks at them)
      if (H2) {
        jdbc.execute("analyze");
      } else {
        jdbc.queryForList("select tablename from pg_tables where schemaname = current_schema()", String.class)
            .forEach(table -> jdbc.execute("analyze " + table));
      }
      List<Double> bareReport = new ArrayList<>();
      List<Double> appReport = new ArrayList<>();
      List<Double> bareNext = new ArrayList<>();
      List<Double> appNext = new ArrayList<>();
      for (int i = 0; i < sequential; i++) {
        long t0 = System.nanoTime();
        ActivatedJob first = bare.reportAndWait();
        bareReport.add(ms(t0));
        t0 = System.nanoTime();
        bare.completeAndWaitForNext(first);
        bareNext.add(ms(t0));

        t0 = System.nanoTime();
        String caseId = appReportAndWait();
        appReport.add(ms(t0));
        appNext.add(appCompleteAndWaitForNext(caseId));
      }
      // Each side's burst follows its own warm-up: the sequential runs and the other side's burst (the same
      // libraries, one JVM) move the JIT's profiles, and code compiled for one is recompiled for the other.
      bareWarm += "; again " + warmUp(maxRounds, () -> burst(clients, burst, bare::report, bare::firstTasksSeen, null));
      CpuSplit bareCpu = new CpuSplit();
      double bareRate = burst(clients, burst, bare::report, bare::firstTasksSeen, bareCpu);
      // the bare engine's workers stop polling: the app's burst has the machine to itself
      bare.close();
      appWarm += "; again " + warmUp(maxRounds, () -> appBurst(clients, burst, null));
      CpuSplit appCpu = new CpuSplit();
      double appRate = appBurst(clients, burst, appCpu);
      rows.add(row("report -> first task visible, sequential", appReport, bareReport));
      rows.add(row("task completed -> next task visible", appNext, bareNext));
      System.out.println("Intake benchmark (" + sequential + " sequential, burst of " + burst + " from " + clients + " clients; ms; the app on "
          + (H2 ? "H2, the default" : "PostgreSQL") + ")");
      System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s %9s%n", "measure", "app p50", "app p95", "bare p50", "bare p95", "p50 ratio");
      rows.forEach(r -> System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s %9s%n", (Object[]) r));
      System.out.printf(Locale.ROOT, "%-44s %9.1f %9s %9.1f %9s %9.2f%n", "burst: cases/s (ratio app/bare)", appRate, "", bareRate, "",
          appRate / bareRate);
      System.out.println("warm-up (bursts of " + burst + " until the JIT compiler settles): bare " + bareWarm + "; app " + appWarm);
      System.out.println("burst: CPU ms per case (bare engine | app), by threads");
      bareCpu.print("bare", appCpu);
    } finally {
      engine.stop();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The bare engine: the same models and start message; jobs completed by a client at once. */
  private final class Bare {
    private final ZeebeClient client;
    private final Map<String, ActivatedJob> firstTasks = new ConcurrentHashMap<>();
    private final Map<Long, ActivatedJob> nextTasks = new ConcurrentHashMap<>();
    private final List<JobWorker> workers = new ArrayList<>();
    private volatile int burstStart = Integer.MAX_VALUE;

    Bare(ZeebeClient client) throws Exception {
      this.client = client;
      var deploy = client.newDeployResourceCommand();
      io.camunda.zeebe.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
      for (Resource resource : resources()) {
        byte[] content = resource.getContentAsByteArray();
        command = command == null ? deploy.addResourceBytes(content, resource.getFilename())
            : command.addResourceBytes(content, resource.getFilename());
      }
      command.send().join();
      for (String type : serviceJobTypes()) {
        workers.add(client.newWorker().jobType(type).handler((jobs, job) -> jobs.newCompleteCommand(job).send())
            .streamEnabled(true).pollInterval(poll).open());
      }
      workers.add(client.newWorker().jobType(USER_TASK_JOB).handler((jobs, job) -> {
        if ("Task_AcceptCase".equals(job.getElementId())) {
          firstTasks.put((String) job.getVariablesAsMap().get("caseNumber"), job);
        } else {
          nextTasks.putIfAbsent(job.getProcessInstanceKey(), job);
        }
      }).streamEnabled(true).pollInterval(poll).timeout(Duration.ofHours(1)).open());
    }

    String report() {
      String caseNumber = "MC-047-2026-B" + numbers.incrementAndGet();
      Map<String, Object> variables = new HashMap<>();
      variables.put("childAge", 9);
      variables.put("disabilityOrMedicalNeed", false);
      variables.put("suspectedAbduction", false);
      variables.put("publicityConsent", true);
      variables.put("caseId", java.util.UUID.randomUUID().toString());
      variables.put("caseNumber", caseNumber);
      variables.put("countyCode", "047");
      variables.put("reportedAt", OffsetDateTime.now().toString());
      variables.put("policy", policy.asVariable());
      client.newPublishMessageCommand().messageName("missing-child-reported").correlationKey(caseNumber)
          .messageId("case-started:" + caseNumber).timeToLive(Duration.ofHours(1)).variables(variables).send().join();
      return caseNumber;
    }

    ActivatedJob reportAndWait() {
      String caseNumber = report();
      until(() -> firstTasks.containsKey(caseNumber));
      return firstTasks.get(caseNumber);
    }

    void completeAndWaitForNext(ActivatedJob accept) {
      client.newCompleteCommand(accept).variables(Map.of("completedBy", "cw.nairobi", "acceptanceNote", "on it",
          "acceptConfirmed", true)).send().join();
      until(() -> nextTasks.containsKey(accept.getProcessInstanceKey()));
    }

    boolean firstTasksSeen(List<String> caseNumbers) {
      return caseNumbers.stream().allMatch(firstTasks::containsKey);
    }

    void close() {
      workers.forEach(JobWorker::close);
    }
  }

  private static Resource[] resources() throws java.io.IOException {
    var resolver = new PathMatchingResourcePatternResolver();
    List<Resource> found = new ArrayList<>();
    for (String pattern : List.of("processes/*.bpmn", "processes/*.dmn", "forms/*.form")) {
      found.addAll(List.of(resolver.getResources("classpath:" + pattern)));
    }
    return found.toArray(Resource[]::new);
  }

  /** Every service job type of the models (the bare client completes them all at once). */
  private static List<String> serviceJobTypes() throws java.io.IOException {
    List<String> types = new ArrayList<>();
    var pattern = java.util.regex.Pattern.compile("taskDefinition type=\"([^\"]+)\"");
    for (Resource resource : resources()) {
      if (resource.getFilename().endsWith(".bpmn")) {
        var matcher = pattern.matcher(new String(resource.getContentAsByteArray(), StandardCharsets.UTF_8));
        while (matcher.find()) {
          if (!types.contains(matcher.group(1))) {
            types.add(matcher.group(1));
          }
        }
      }
    }
    return types;
  }

  // --- the app, over HTTP, as the caseworker's phone reaches it

  private String appReport() {
    Map<String, Object> report = new HashMap<>();
    report.put("countyCode", "047");
    report.put("childFirstName", "Bench" + numbers.incrementAndGet());
    report.put("childSex", "FEMALE");
    report.put("childAge", 9);
    report.put("lastSeenAt", OffsetDateTime.now().minusHours(2).toString());
    report.put("lastSeenPlace", "Toi market");
    report.put("reporterName", "Synthetic parent");
    report.put("reporterPhone", "+254700000001");
    report.put("reporterRelationship", "PARENT");
    report.put("consentPublicity", true);
    report.put("consentTracing", true);
    return post("/api/cases", report).get("id").asText();
  }

  private String appReportAndWait() {
    String caseId = appReport();
    until(() -> appFirstTasksSeen(List.of(caseId)));
    return caseId;
  }

  /** The newest task before the app's current burst began (the engine's job keys only grow). */
  private volatile long tasksBeforeBurst;

  private double appBurst(int clients, int total, CpuSplit cpu) throws Exception {
    tasksBeforeBurst = jdbc.queryForObject("select coalesce(max(job_key), 0) from user_task", Long.class);
    return burst(clients, total, this::appReport, this::appFirstTasksSeen, cpu);
  }

  private boolean appFirstTasksSeen(List<String> caseIds) {
    // a burst: first a count of the first tasks stored since it began, read by the key's index (a check
    // must not load the app's database more than the check of the bare engine loads the engine), then
    // the exact cases once
    if (caseIds.size() > 1 && jdbc.queryForObject("select count(*) from user_task where job_key > ? and element_id = 'Task_AcceptCase'",
        Integer.class, tasksBeforeBurst) < caseIds.size()) {
      return false;
    }
    Integer seen = jdbc.queryForObject("select count(*) from user_task where element_id = 'Task_AcceptCase' and case_id in ("
        + String.join(", ", Collections.nCopies(caseIds.size(), "?")) + ")", Integer.class,
        caseIds.stream().map(java.util.UUID::fromString).toArray());
    return seen != null && seen == caseIds.size();
  }

  /** Claims the case's acceptance, then times its completion until the next step is in the tasklist. */
  private double appCompleteAndWaitForNext(String caseId) {
    Long task = jdbc.queryForObject("select job_key from user_task where element_id = 'Task_AcceptCase' and case_id = ?",
        Long.class, java.util.UUID.fromString(caseId));
    post("/api/tasks/" + task + "/claim", Map.of());
    long t0 = System.nanoTime();
    post("/api/tasks/" + task + "/complete", Map.of("acceptConfirmed", true, "acceptanceNote", "on it"));
    until(() -> jdbc.queryForObject("""
        select count(*) from user_task where case_id = ? and element_id in ('Task_StartSearch', 'Task_AssessRisk')""",
        Integer.class, java.util.UUID.fromString(caseId)) > 0);
    return ms(t0);
  }

  /** Signs in as the caseworker through the sign-in page, once: later calls carry the session, as a phone does. */
  private void signIn() throws Exception {
    String base = "http://127.0.0.1:" + port;
    String page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    var token = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    if (!token.find()) {
      throw new IllegalStateException("no CSRF token on the sign-in page");
    }
    String form = "username=cw.nairobi&password=demo1234&_csrf=" + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    // the sign-in renews the CSRF token: the next page hands out the new one
    HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tasks")).GET().build(), HttpResponse.BodyHandlers.discarding());
  }

  private String csrfToken() {
    return COOKIES.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue)
        .findFirst().orElseThrow(() -> new IllegalStateException("not signed in"));
  }

  private JsonNode post(String path, Object body) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("X-XSRF-TOKEN", csrfToken())
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // --- shared

  /**
   * Where a burst's CPU went, per case: this JVM's threads grouped by name, the JVM's own work (GC,
   * compiler) and the PostgreSQL server's processes (read from /proc; absent elsewhere). Two bursts run
   * one after the other, so each split is its own burst's CPU (the other side idles meanwhile).
   */
  private static final class CpuSplit {
    private static final String[][] GROUPS = {{"engine (zb-*)", "zb-"}, {"gRPC", "grpc-"}, {"web requests", "http-nio"},
        {"job handlers", "pool-"}, {"engine mirror", "engine-mirror"}, {"engine outbox", "engine-outbox"},
        {"benchmark clients", "bench-client", "HttpClient"}};
    private final Map<String, Long> threads;
    private final long process;
    private final long database;
    private final long gc;
    private final long compiling;
    private final long started;
    private Map<String, Double> perCase;
    private final Map<String, Double> others = new HashMap<>();

    CpuSplit() {
      gc = gcMillis();
      compiling = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      started = java.lang.management.ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
      threads = threadCpu();
      process = processCpu();
      database = databaseCpu();
    }

    void stop(int cases) {
      Map<String, Long> now = threadCpu();
      Map<String, Double> split = new java.util.LinkedHashMap<>();
      for (String[] group : GROUPS) {
        split.put(group[0], 0.0);
      }
      split.put("other threads", 0.0);
      double threadsTotal = 0;
      for (var e : now.entrySet()) {
        double ms = (e.getValue() - threads.getOrDefault(e.getKey(), 0L)) / 1e6 / cases;
        threadsTotal += ms;
        String name = e.getKey().substring(e.getKey().indexOf(':') + 1);
        String group = "other threads";
        for (String[] g : GROUPS) {
          for (int i = 1; i < g.length; i++) {
            if (name.startsWith(g[i])) {
              group = g[0];
            }
          }
        }
        split.merge(group, ms, Double::sum);
        if (group.equals("other threads")) {
          others.merge(name.replaceAll("\\d+", "N"), ms, Double::sum);
        }
      }
      split.put("JVM itself (GC, compiler)", (processCpu() - process) / 1e6 / cases - threadsTotal);
      split.put(" of which GC pauses (wall)", (gcMillis() - gc) / (double) cases);
      split.put(" of which compiling (wall)",
          (java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling) / (double) cases);
      // threads that ended during the burst: their CPU is counted as the JVM's own
      split.put(" threads started, per 100 cases",
          (java.lang.management.ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - started) * 100.0 / cases);
      split.put("PostgreSQL server", database < 0 ? Double.NaN : (databaseCpu() - database) / 1e6 / cases);
      perCase = split;
    }

    void print(String label, CpuSplit app) {
      double bareTotal = 0;
      double appTotal = 0;
      for (String group : perCase.keySet()) {
        double b = perCase.get(group);
        double a = app.perCase.get(group);
        if (!group.startsWith(" ")) {
          bareTotal += Double.isNaN(b) ? 0 : b;
          appTotal += Double.isNaN(a) ? 0 : a;
        }
        System.out.printf(Locale.ROOT, "burst cpu %-30s %9.1f %9.1f%n", group, b, a);
      }
      System.out.printf(Locale.ROOT, "burst cpu %-30s %9.1f %9.1f%n", "total", bareTotal, appTotal);
      System.out.println("burst cpu other threads of the app: " + app.others.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
          .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).toList());
    }

    /** CPU nanoseconds of every live thread, keyed by id and name. */
    private static Map<String, Long> threadCpu() {
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      Map<String, Long> cpu = new HashMap<>();
      for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (info != null) {
          long ns = mx.getThreadCpuTime(info.getThreadId());
          if (ns >= 0) {
            cpu.put(info.getThreadId() + ":" + info.getThreadName(), ns);
          }
        }
      }
      return cpu;
    }

    private static long gcMillis() {
      return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    /** CPU nanoseconds of the processes named postgres (Linux /proc, clock ticks of 10 ms); -1 elsewhere. */
    private static long databaseCpu() {
      Path proc = Path.of("/proc");
      if (!Files.isDirectory(proc)) {
        return -1;
      }
      long ticks = 0;
      try (Stream<Path> entries = Files.list(proc)) {
        for (Path dir : entries.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
          try {
            String stat = Files.readString(dir.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (stat.substring(open + 1, close).startsWith("postgres")) {
              String[] fields = stat.substring(close + 2).split(" ");
              ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
          } catch (java.io.IOException | RuntimeException gone) {
            // a process that ended meanwhile
          }
        }
      } catch (java.io.IOException e) {
        return -1;
      }
      return ticks * 10_000_000L;
    }
  }

  interface Burst {
    double run() throws Exception;
  }

  /**
   * Bursts until the JIT compiler has settled: a round in which compiling took at most 15% of the
   * process's CPU (or {@code maxRounds}). Returns the rounds, the last round's rate and its compiling.
   */
  private static String warmUp(int maxRounds, Burst burst) throws Exception {
    var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
    int round = 0;
    while (true) {
      round++;
      long compiled = compiler.getTotalCompilationTime();
      long cpu = processCpuNanos();
      double rate = burst.run();
      double compilingMs = compiler.getTotalCompilationTime() - compiled;
      double cpuMs = (processCpuNanos() - cpu) / 1e6;
      if (compilingMs <= cpuMs * 0.15 || round >= maxRounds) {
        return String.format(Locale.ROOT, "%d rounds, the last %.1f cases/s with compiling %.0f%% of the CPU", round, rate,
            100 * compilingMs / cpuMs);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** {@code total} reports from {@code clients} threads; returns reports a second until every first task is there. */
  private static double burst(int clients, int total, java.util.function.Supplier<String> report,
      java.util.function.Predicate<List<String>> allSeen, CpuSplit cpu) throws Exception {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "bench-client-" + threads.incrementAndGet()));
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int share = total / clients + (c < total % clients ? 1 : 0);
        sent.add(pool.submit(() -> {
          for (int i = 0; i < share; i++) {
            ids.add(report.get());
          }
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      if (cpu != null) {
        System.out.printf(Locale.ROOT, "burst: %d reports answered in %.0f ms%n", total, ms(t0));
      }
      List<String> all = List.copyOf(ids);
      until(() -> allSeen.test(all), 100);
      double rate = total / (ms(t0) / 1000.0);
      if (cpu != null) {
        cpu.stop(total);
      }
      return rate;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void until(BooleanSupplier condition) {
    until(condition, 2);
  }

  /** Checks every {@code everyMs} (a check of the app is a query: checked too often, it would take the app's CPU). */
  private static void until(BooleanSupplier condition, long everyMs) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not within " + WAIT);
      }
      try {
        Thread.sleep(everyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  private static String[] row(String name, List<Double> app, List<Double> bare) {
    double appP50 = percentile(app, 50);
    double bareP50 = percentile(bare, 50);
    return new String[] {name, f(appP50), f(percentile(app, 95)), f(bareP50), f(percentile(bare, 95)), String.format(Locale.ROOT, "%.1f", appP50 / bareP50)};
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
