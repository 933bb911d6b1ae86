package ke.childprotection.reporting;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

/**
 * The monthly county report and the quarterly summary for the Area Advisory Council: the outcome
 * figures of a period, in total and by sub-county (county or all counties), sex and age band. Figures
 * only: no child is named, whatever the reader's role.
 */
@Service
public class CountyReport {
  /** One section of the report: a table of figures by group. */
  public record Section(String title, List<String> groups, Map<String, Map<OutcomeFigures.Measure, Long>> counts) {}

  public record Report(String title, String scope, OutcomeFigures.Figures totals, List<Section> sections) {}

  private final OutcomeFigures figures;
  private final ke.childprotection.web.PlainWords words;

  CountyReport(OutcomeFigures figures, ke.childprotection.web.PlainWords words) {
    this.figures = figures;
    this.words = words;
  }

  public Report build(OutcomeFigures.Period period, DashboardScope scope) {
    OutcomeFigures.Filter filter = new OutcomeFigures.Filter(scope.county(), null, null, null);
    boolean quarterly = period.label().contains("-Q");
    String scopeName = scope.county() == null ? words.format("pdf.report.allCounties")
        : words.county(scope.county()) + " (" + scope.county() + ")";
    String title = words.format(quarterly ? "pdf.report.quarterly" : "pdf.report.monthly", period.label());
    // the totals come with the first breakdown (their sums); the other breakdowns only add their groups
    OutcomeFigures.Dimension place = scope.county() == null ? OutcomeFigures.Dimension.COUNTY : OutcomeFigures.Dimension.SUB_COUNTY;
    OutcomeFigures.Figures total = figures.figures(period, filter, place);
    List<Section> sections = new ArrayList<>();
    sections.add(section(words.format(scope.county() == null ? "pdf.report.byCounty" : "pdf.report.bySubCounty"), total.groups()));
    sections.add(section(words.format("pdf.report.bySex"), figures.groups(period, filter, OutcomeFigures.Dimension.SEX)));
    sections.add(section(words.format("pdf.report.byAgeBand"), figures.groups(period, filter, OutcomeFigures.Dimension.AGE_BAND)));
    return new Report(title, scopeName, total, sections);
  }

  private static Section section(String title, List<OutcomeFigures.Group> groups) {
    Map<String, Map<OutcomeFigures.Measure, Long>> counts = new java.util.LinkedHashMap<>();
    groups.forEach(g -> counts.put(g.group(), g.counts()));
    return new Section(title, List.copyOf(counts.keySet()), counts);
  }

  public String csv(Report report) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("section", "group", "measure", "value").get())) {
      for (var entry : report.totals().totals().entrySet()) {
        csv.printRecord(words.format("pdf.report.total"), report.scope(), entry.getKey().name(), entry.getValue());
      }
      if (report.totals().missingAgainRate() != null) {
        csv.printRecord(words.format("pdf.report.total"), report.scope(), "MISSING_AGAIN_RATE", String.format(Locale.ROOT, "%.3f", report.totals().missingAgainRate()));
      }
      var locate = report.totals().timeToLocate();
      if (locate.medianHours() != null) {
        csv.printRecord(words.format("pdf.report.timeToLocate"), report.scope(), "MEDIAN_HOURS", String.format(Locale.ROOT, "%.1f", locate.medianHours()));
      }
      for (var bucket : locate.distribution().entrySet()) {
        csv.printRecord(words.format("pdf.report.timeToLocate"), bucket.getKey(), "LOCATED", bucket.getValue());
      }
      for (Section section : report.sections()) {
        for (String group : section.groups()) {
          for (var entry : section.counts().get(group).entrySet()) {
            csv.printRecord(section.title(), group, entry.getKey().name(), entry.getValue());
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  public byte[] pdf(Report report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
    PdfWriter.getInstance(document, out);
    document.open();
    Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14);
    Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
    Font body = FontFactory.getFont(FontFactory.HELVETICA, 8);
    document.add(new Paragraph(report.title(), heading));
    document.add(new Paragraph(words.format("pdf.report.figuresOnly", report.scope()), body));
    document.add(new Paragraph(" "));
    List<OutcomeFigures.Measure> measures = List.of(OutcomeFigures.Measure.values());
    PdfPTable totals = new PdfPTable(2);
    totals.setWidthPercentage(50);
    totals.setHorizontalAlignment(Element.ALIGN_LEFT);
    for (var entry : report.totals().totals().entrySet()) {
      totals.addCell(new Phrase(measure(entry.getKey()), body));
      totals.addCell(number(entry.getValue(), body));
    }
    var locate = report.totals().timeToLocate();
    totals.addCell(new Phrase(words.format("pdf.report.medianToLocate"), body));
    totals.addCell(new PdfPCell(new Phrase(locate.medianHours() == null ? "-" : String.format(Locale.ROOT, "%.1f", locate.medianHours()), body)));
    totals.addCell(new Phrase(words.format("pdf.report.missingAgainRate"), body));
    totals.addCell(new PdfPCell(new Phrase(report.totals().missingAgainRate() == null ? "-"
        : String.format(Locale.ROOT, "%.1f %%", 100 * report.totals().missingAgainRate()), body)));
    document.add(totals);
    for (Section section : report.sections()) {
      document.add(new Paragraph(section.title(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11)));
      PdfPTable table = new PdfPTable(measures.size() + 1);
      table.setWidthPercentage(100);
      table.addCell(new Phrase("", bold));
      measures.forEach(m -> table.addCell(new Phrase(measure(m), bold)));
      for (String group : section.groups()) {
        table.addCell(new Phrase(group, body));
        measures.forEach(m -> table.addCell(number(section.counts().get(group).get(m), body)));
      }
      if (section.groups().isEmpty()) {
        PdfPCell none = new PdfPCell(new Phrase(words.format("pdf.report.noCase"), body));
        none.setColspan(measures.size() + 1);
        table.addCell(none);
      }
      document.add(table);
    }
    document.close();
    return out.toByteArray();
  }

  private String measure(OutcomeFigures.Measure measure) {
    return words.text("measure." + measure.name(), measure.label());
  }

  private static PdfPCell number(Long value, Font font) {
    PdfPCell cell = new PdfPCell(new Phrase(String.valueOf(value == null ? 0 : value), font));
    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
    return cell;
  }
}
