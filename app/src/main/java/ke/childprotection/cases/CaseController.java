package ke.childprotection.cases;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import ke.childprotection.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
@Tag(name = "Cases", description = "Children's cases of the caller's county, their current steps and timeline")
class CaseController {

  record CaseSummary(UUID id, String caseNumber, String status, String countyCode, String childName, String childSex,
      Integer childAge, OffsetDateTime reportedAt, String caseworker) {
    static CaseSummary of(ChildCase c, boolean identity) {
      return new CaseSummary(c.getId(), c.getCaseNumber(), c.getStatus().name(), c.getCountyCode(),
          CaseView.childName(c, identity), c.getChildSex(), c.getChildAge(), c.getReportedAt(), c.getCaseworker());
    }
  }

  record TimelineEntry(OffsetDateTime at, String kind, String step, String elementId, String actor, String detail) {}

  record CaseDetails(CaseView child, List<OpenSteps.Step> currentSteps, List<TimelineEntry> timeline) {}

  private final CaseAccess access;
  private final CaseTimeline timeline;
  private final OpenSteps steps;

  CaseController(CaseAccess access, CaseTimeline timeline, OpenSteps steps) {
    this.access = access;
    this.timeline = timeline;
    this.steps = steps;
  }

  @GetMapping
  List<CaseSummary> list(@AuthenticationPrincipal CurrentUser user) {
    List<ChildCase> listed = access.casesOf(user);
    access.listed(user, listed.stream().map(ChildCase::getId).toList(), "GET /api/cases");
    return listed.stream().map(c -> CaseSummary.of(c, access.seesIdentity(user, c))).toList();
  }

  @GetMapping("/{id}")
  CaseDetails get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
    return details(user, access.read(user, id, "GET /api/cases/{id}"));
  }

  @GetMapping("/{id}/timeline")
  List<TimelineEntry> timeline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
    ChildCase c = access.read(user, id, "GET /api/cases/{id}/timeline");
    return timelineOf(c.getId(), access.seesIdentity(user, c));
  }

  CaseDetails details(CurrentUser user, ChildCase c) {
    return new CaseDetails(access.view(user, c), steps.of(c.getId()), timelineOf(c.getId(), access.seesIdentity(user, c)));
  }

  private List<TimelineEntry> timelineOf(UUID caseId, boolean seesIdentity) {
    return timeline.of(caseId).stream()
        .map(e -> new TimelineEntry(e.getOccurredAt(), e.getKind().name(), e.getStepName(), e.getElementId(),
            e.getActor(), e.detailSeenBy(seesIdentity)))
        .toList();
  }
}
