package ke.childprotection.alert;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import ke.childprotection.support.Languages;
import ke.childprotection.web.PlainWords;
import org.springframework.stereotype.Component;

/**
 * The A4 poster of a public alert, in English and Kiswahili side by side: the photo, the name, age,
 * description, where and when the child was last seen, the number to call and the case number. Once the
 * child is found (where the county shows it): "found — thank you", with no photo and no details.
 */
@Component
class AlertPoster {
  private static final Color MISSING = new Color(0xB0, 0x1C, 0x1C);
  private static final Color FOUND = new Color(0x00, 0x6B, 0x3F);
  private static final List<Locale> LANGUAGES = List.of(Languages.ENGLISH, Languages.KISWAHILI);

  private final PlainWords words;
  private final PublicAlerts alerts;

  AlertPoster(PlainWords words, PublicAlerts alerts) {
    this.words = words;
    this.alerts = alerts;
  }

  byte[] pdf(PublicAlerts.Poster poster, byte[] photo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 36, 36, 36, 36);
    PdfWriter.getInstance(document, out);
    document.open();
    Color colour = poster.found() ? FOUND : MISSING;
    document.add(band(poster.found() ? "alert.poster.found" : "alert.poster.missing", colour));
    if (!poster.found() && photo != null) {
      try {
        Image image = Image.getInstance(photo);
        image.scaleToFit(260, 300);
        image.setAlignment(Element.ALIGN_CENTER);
        document.add(image);
      } catch (Exception e) {
        // a photo the PDF library cannot read: the poster goes out without it
      }
    }
    Paragraph name = new Paragraph(poster.childName(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 30, Color.BLACK));
    name.setAlignment(Element.ALIGN_CENTER);
    name.setSpacingBefore(12);
    name.setSpacingAfter(10);
    document.add(name);
    PdfPTable both = new PdfPTable(2);
    both.setWidthPercentage(100);
    Font body = FontFactory.getFont(FontFactory.HELVETICA, 13);
    Font strong = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16, colour);
    for (Locale language : LANGUAGES) {
      PdfPCell cell = new PdfPCell();
      cell.setBorder(Rectangle.NO_BORDER);
      cell.setPadding(6);
      if (poster.found()) {
        cell.addElement(new Paragraph(words.formatIn(language, "alert.poster.thanks"), body));
      } else {
        cell.addElement(new Paragraph(words.formatIn(language, "alert.poster.ageSex",
            poster.age() == null ? "?" : poster.age(), words.wordIn(language, poster.sex())), body));
        cell.addElement(new Paragraph(words.formatIn(language, "alert.poster.lastSeen",
            alerts.date(poster.lastSeenAt(), language), PublicAlerts.place(poster)), body));
        if (poster.description() != null && !poster.description().isBlank()) {
          cell.addElement(new Paragraph(words.formatIn(language, "alert.poster.description", poster.description()), body));
        }
        Paragraph call = new Paragraph(words.formatIn(language, "alert.poster.call", poster.contactNumber()), strong);
        call.setSpacingBefore(10);
        cell.addElement(call);
      }
      both.addCell(cell);
    }
    document.add(both);
    Paragraph number = new Paragraph(words.formatIn(Languages.ENGLISH, "alert.poster.case", poster.caseNumber()) + "  ·  "
        + words.formatIn(Languages.KISWAHILI, "alert.poster.case", poster.caseNumber()), FontFactory.getFont(FontFactory.HELVETICA, 10));
    number.setAlignment(Element.ALIGN_CENTER);
    number.setSpacingBefore(16);
    document.add(number);
    document.close();
    return out.toByteArray();
  }

  private PdfPTable band(String key, Color colour) {
    PdfPTable band = new PdfPTable(1);
    band.setWidthPercentage(100);
    PdfPCell cell = new PdfPCell();
    cell.setBackgroundColor(colour);
    cell.setBorder(Rectangle.NO_BORDER);
    cell.setPadding(10);
    for (Locale language : LANGUAGES) {
      boolean first = language.equals(LANGUAGES.get(0));
      Paragraph line = new Paragraph(words.formatIn(language, key),
          FontFactory.getFont(FontFactory.HELVETICA_BOLD, first ? 40 : 28, Color.WHITE));
      line.setAlignment(Element.ALIGN_CENTER);
      cell.addElement(line);
    }
    band.addCell(cell);
    band.setSpacingAfter(12);
    return band;
  }
}
