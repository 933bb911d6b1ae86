package ke.childprotection.cases;

import ke.childprotection.security.CurrentUser;
import org.springframework.ui.Model;

/**
 * A part of a child's case page that another module keeps (documents, records, matches, the correction
 * form): it adds the model attributes {@code case.html} names for it. Called after the user's read of the
 * case was checked and audited.
 */
public interface CasePageSection {
  void addTo(Model model, CurrentUser user, ChildCase childCase, boolean seesIdentity);
}
