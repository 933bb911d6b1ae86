package ke.childprotection.reporting;

import java.util.List;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;

/**
 * The dashboard queries as the benchmark (deploy/benchmark.sh) calls them: the same services the
 * API uses, as a national user, without HTTP in between. Test code: it lives in the services' package
 * only to reach their scope type.
 */
public class BenchmarkAccess {
  private static final CurrentUser NATIONAL = new CurrentUser("benchmark", "", "Benchmark", Role.ADMIN, null, true);
  private final ProcessHeatmap heatmap;
  private final OutcomeFigures figures;
  private final Operations operations;
  private final CountyReport reports;

  public BenchmarkAccess(ProcessHeatmap heatmap, OutcomeFigures figures, Operations operations, CountyReport reports) {
    this.heatmap = heatmap;
    this.figures = figures;
    this.operations = operations;
    this.reports = reports;
  }

  public List<ProcessHeatmap.Step> heatmap(String county) {
    return heatmap.steps("missing-child-case", new DashboardScope(county));
  }

  public List<ProcessHeatmap.WaitingCase> waitingAt(String county, String elementId) {
    return heatmap.waitingAt(NATIONAL, "missing-child-case", elementId, new DashboardScope(county));
  }

  public OutcomeFigures.Figures outcomes(String period, String county) {
    return figures.figures(figures.period(period, null, null), new OutcomeFigures.Filter(county, null, null, null),
        county == null ? OutcomeFigures.Dimension.COUNTY : OutcomeFigures.Dimension.SUB_COUNTY);
  }

  public List<OutcomeFigures.CaseRow> reportedCases(String period, String county) {
    return figures.cases(NATIONAL, OutcomeFigures.Measure.REPORTED, figures.period(period, null, null),
        new OutcomeFigures.Filter(county, null, null, null));
  }

  public Operations.Dashboard operations(String county) {
    return operations.dashboard(NATIONAL, new DashboardScope(county), 14);
  }

  public byte[] pdf(String period, String county) {
    return reports.pdf(reports.build(figures.period(period, null, null), new DashboardScope(county)));
  }
}
