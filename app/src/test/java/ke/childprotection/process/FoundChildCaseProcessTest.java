package ke.childprotection.process;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.community.process_test_coverage.junit5.platform8.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** found-child-case: matching, place of safety the same day, court order, screening, tracing or hand-over, closure. */
@ZeebeProcessTest
class FoundChildCaseProcessTest extends ProcessTestBase {
  @RegisterExtension
  static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder()
      .excludeProcessDefinitionKeys("missing-child-case", "family-tracing", "follow-up", "reintegration", "care-placement")
      .assertClassCoverageAtLeast(1.0).build();


  private ProcessInstanceEvent register(String caseNumber) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseId", "00000000-0000-0000-0000-000000000006");
    variables.put("caseNumber", caseNumber);
    variables.put("countyCode", "047");
    variables.put("childAge", 10);
    variables.put("reportedAt", OffsetDateTime.now().toString());
    variables.put("policy", ProcessTestSupport.policy("followUpSchedule", "P14D"));
    ProcessInstanceEvent instance = zeebe.start("found-child-case", variables);
    zeebe.completeJob(instance, "match.find", Map.of("newMatchCandidates", 0));
    return instance;
  }

  private void safetyMedicalCourtScreening(ProcessInstanceEvent instance) {
    zeebe.completeUserTask(instance, "Task_PlaceOfSafety", Map.of("placeOfSafetyType", "RESCUE_CENTRE",
        "placeOfSafetyName", "a rescue centre in Kasarani", "placedInSafetyOn", "2026-11-23"));
    assertThat(instance).hasVariableWithValue("caseworker", "cw.test");
    zeebe.completeUserTask(instance, "Task_MedicalCheck", Map.of("medicalCheckDate", "2026-11-23",
        "medicalFacility", "Mbagathi hospital", "medicalOutcome", "WELL"));
    zeebe.completeUserTask(instance, "Task_RecordCourtOrder", Map.of("courtName", "Children's Court, Milimani",
        "courtCaseNumber", "CP E123/2026", "courtOrderDate", "2026-11-25", "courtOrderTerms", "stay at the rescue centre pending tracing"));
    zeebe.completeUserTask(instance, "Task_ScreenTrafficking", Map.of("screenActRecruitedOrMoved", false,
        "screenMeansDeceptionOrForce", false, "screenPurposeExploitation", false, "screenCrossBorder", false));
  }

  private void close(ProcessInstanceEvent instance, boolean rejectFirst) {
    zeebe.completeUserTask(instance, "Task_RequestClosure", Map.of("closureSummary", "child with the family, follow-up done"));
    if (rejectFirst) {
      zeebe.completeUserTask(instance, "Task_ApproveClosure", Map.of("closureApproved", false, "closureRejectionReason", "attach the court's discharge"));
      zeebe.completeUserTask(instance, "Task_RequestClosure", Map.of("closureSummary", "child with the family, court discharged the order"));
    }
    zeebe.completeUserTask(instance, "Task_ApproveClosure", Map.of("closureApproved", true));
    zeebe.completeJob(instance, "case.close", Map.of());
    assertThat(instance).hasPassedElement("End_CaseClosed").isCompleted();
  }

  private void proposeAndConfirm(ProcessInstanceEvent instance, String caseNumber) {
    List<Map<String, Object>> options = List.of(Map.of("label", "LIKELY (0.92) MC-047-2026-000001", "value", "7"),
        Map.of("label", "None of these is the child", "value", "NONE"));
    zeebe.publish("match-proposed", caseNumber, Map.of("matchOptions", options));
    ActivatedJob verify = zeebe.userTask(instance, "Task_VerifyMatch");
    assertThat(verify.getVariablesAsMap()).containsKey("matchOptions");
    zeebe.completeUserTask(instance, "Task_VerifyMatch", Map.of("matchDecision", "7", "matchVerificationNotes", "mother identified the child by photo"));
    zeebe.completeJob(instance, "match.decide", Map.of("matchedMissingCase", "MC-047-2026-000001"));
    assertThat(instance).hasPassedElement("End_MatchDecided");
  }

  @Test
  void aChildMatchedAtOnceIsHandedToTheMissingChildCaseAndClosed() {
    ProcessInstanceEvent instance = register("FC-047-2026-000500");
    proposeAndConfirm(instance, "FC-047-2026-000500");
    safetyMedicalCourtScreening(instance);
    assertThat(instance).hasPassedElement("Flow_AlreadyMatched").hasNotPassedElement("CallActivity_FamilyTracing");
    close(instance, false);
  }

  @Test
  void aMatchConfirmedDuringTracingEndsTheTracing() {
    ProcessInstanceEvent instance = register("FC-047-2026-000501");
    safetyMedicalCourtScreening(instance);
    assertThat(instance).isWaitingAtElements("CallActivity_FamilyTracing");
    FamilyTracingProcessTest.traceAction(zeebe, instance, false);
    zeebe.publish("match-confirmed", "FC-047-2026-000501", Map.of("matchedMissingCase", "MC-047-2026-000009"));
    assertThat(instance).hasPassedElement("Message_MatchConfirmed").isWaitingAtElements("Task_RequestClosure");
    close(instance, false);
  }

  @Test
  void anUnmatchedChildIsTracedReintegratedFollowedUpAndClosed() {
    ProcessInstanceEvent instance = register("FC-047-2026-000502");
    safetyMedicalCourtScreening(instance);
    FamilyTracingProcessTest.traceAction(zeebe, instance, true);
    ReintegrationProcessTest.reintegrate(zeebe, instance);
    assertThat(instance).isWaitingAtElements("CallActivity_FollowUp");
    zeebe.passTime(Duration.ofDays(15));
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", Map.of("visitDate", "2026-12-09", "childWellbeing", "WELL",
        "visitNotes", "child settled with the aunt"));
    close(instance, true);
  }

  @Test
  void noFamilyContactForSixMonthsMeansAbandonedAndPermanencyPlanning() {
    ProcessInstanceEvent instance = register("FC-047-2026-000504");
    safetyMedicalCourtScreening(instance);
    FamilyTracingProcessTest.traceAction(zeebe, instance, false);
    zeebe.passTime(Duration.ofDays(150));
    assertThat(instance).hasNotPassedElement("Timer_Abandonment");
    zeebe.passTime(Duration.ofDays(35));
    assertThat(instance).hasPassedElement("Timer_Abandonment").isNotWaitingAtElements("CallActivity_FamilyTracing");
    ActivatedJob declare = zeebe.userTask(instance, "Task_DeclareAbandoned");
    assertThat(declare.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"supervisor\"]");
    zeebe.completeUserTask(instance, "Task_DeclareAbandoned", Map.of("abandonmentDeclaredOn", "2027-05-28",
        "abandonmentGrounds", "six months of individual, radio and mass tracing found no relative"));
    CarePlacementProcessTest.placeWithRelatives(zeebe, instance);
    assertThat(instance).hasPassedElement("Gateway_AfterPlacement").isWaitingAtElements("CallActivity_FollowUp");
    zeebe.passTime(Duration.ofDays(15));
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", Map.of("visitDate", "2027-06-12", "childWellbeing", "WELL",
        "visitNotes", "settled with the guardian"));
    close(instance, false);
  }

  @Test
  void aTracedFamilyFoundUnsuitableLeadsToCareAndTheChildLaterLeavesForAFamily() {
    ProcessInstanceEvent instance = register("FC-047-2026-000505");
    safetyMedicalCourtScreening(instance);
    FamilyTracingProcessTest.traceAction(zeebe, instance, true);
    ReintegrationProcessTest.assessFamily(zeebe, instance, false);
    zeebe.completeUserTask(instance, "Task_ReviewFailedReintegration", Map.of("reintegrationReviewNotes",
        "the traced father drinks heavily and has no home"));
    CarePlacementProcessTest.placeInInstitutionThenExitToFamily(zeebe, instance);
    assertThat(instance).isWaitingAtElements("CallActivity_Reintegration");
    ReintegrationProcessTest.reintegrate(zeebe, instance);
    assertThat(instance).isWaitingAtElements("CallActivity_FollowUp");
  }

  @Test
  void noPlaceOfSafetyTheSameDayAlertsTheSupervisor() {
    ProcessInstanceEvent instance = register("FC-047-2026-000503");
    ActivatedJob safety = zeebe.userTask(instance, "Task_PlaceOfSafety");
    assertThat(safety.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"caseworker\"]")
        .containsKey("io.camunda.zeebe:dueDate");
    zeebe.passTime(Duration.ofHours(7));
    assertThat(instance).hasNotPassedElement("Timer_PlaceOfSafetyDeadline");
    zeebe.passTime(Duration.ofHours(1).plusMinutes(1));
    ActivatedJob notify = zeebe.completeJob(instance, "supervisor.notify", Map.of());
    assertThat(notify.getCustomHeaders()).containsEntry("reason", "PLACE_OF_SAFETY_OVERDUE");
    assertThat(instance).hasPassedElement("End_SafetyReminderSent").isWaitingAtElements("Task_PlaceOfSafety");
  }

  @Test
  void aScreeningWithActAndPurposeEscalatesToTheSecretariatAndTheCaseGoesOnToTracing() {
    ProcessInstanceEvent instance = register("FC-047-2026-000800");
    zeebe.completeUserTask(instance, "Task_PlaceOfSafety", Map.of("placeOfSafetyType", "RESCUE_CENTRE",
        "placeOfSafetyName", "a rescue centre in Kasarani", "placedInSafetyOn", "2026-11-23"));
    zeebe.completeUserTask(instance, "Task_MedicalCheck", Map.of("medicalCheckDate", "2026-11-23",
        "medicalFacility", "Mbagathi hospital", "medicalOutcome", "WELL"));
    zeebe.completeUserTask(instance, "Task_RecordCourtOrder", Map.of("courtName", "Children's Court, Milimani",
        "courtCaseNumber", "CP E124/2026", "courtOrderDate", "2026-11-25", "courtOrderTerms", "stay at the rescue centre"));
    zeebe.completeUserTask(instance, "Task_ScreenTrafficking", Map.of("screenActRecruitedOrMoved", true,
        "screenMeansDeceptionOrForce", false, "screenPurposeExploitation", true, "screenCrossBorder", true));
    assertThat(instance).hasPassedElement("Event_FoundEscalateTrafficking")
        .hasVariableWithValue("trafficking", Map.of("suspected", true, "basis", "act and purpose (a child: the means need not be shown)",
            "act", true, "means", false, "purpose", true, "scope", "TRANSNATIONAL"))
        .isWaitingAtElements("CallActivity_FamilyTracing", "Task_ReferToSecretariat");
    zeebe.completeJob(instance, "trafficking.refer", Map.of());
    assertThat(instance).hasPassedElement("End_ReferredToSecretariat");
    zeebe.publish("trafficking-concern", "FC-047-2026-000800", Map.of("screenActRecruitedOrMoved", false, "screenPurposeExploitation", false));
    assertThat(instance).hasPassedElement("End_ConcernNotSuspected");
    zeebe.publish("trafficking-concern", "FC-047-2026-000800", Map.of("screenActRecruitedOrMoved", true, "screenPurposeExploitation", true));
    assertThat(instance).hasPassedElement("End_ConcernEscalated");
    zeebe.completeJob(instance, "trafficking.refer", Map.of());
    zeebe.publish("trafficking-update", "FC-047-2026-000800", Map.of("referralUpdate", "SAFE_HOUSE_PLACEMENT"));
    zeebe.completeJob(instance, "trafficking.case-update", Map.of());
    assertThat(instance).hasPassedElement("End_ReferralUpdateRecorded").isWaitingAtElements("CallActivity_FamilyTracing");
  }
}
