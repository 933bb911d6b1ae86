package ke.childprotection.process;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.community.process_test_coverage.junit5.platform8.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of missing-child-case, timers and reminders included, on Zeebe Process Test's engine
 * with the real DMN tables and forms. The coverage extension fails the class below 100 % of flow
 * nodes and sequence flows (each called process has its own test class).
 */
@ZeebeProcessTest
class MissingChildCaseProcessTest extends ProcessTestBase {
  @RegisterExtension
  static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder()
      .excludeProcessDefinitionKeys("follow-up", "reintegration", "care-placement").assertClassCoverageAtLeast(1.0).build();


  /** The configured policy; one follow-up visit keeps each path short (the schedule has its own test). */
  private static final Map<String, Object> POLICY = ProcessTestSupport.policy("followUpSchedule", "P14D");

  /** What alert.withdraw answers when no alert of the case was out. */
  private static final Map<String, Object> NO_ALERT_OUT =
      Map.of("alertChannelsToTakeDown", java.util.List.of(), "alertWithdrawnFrom", "");

  private ProcessInstanceEvent report(String caseNumber, int age, boolean consent) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseId", "00000000-0000-0000-0000-000000000001");
    variables.put("caseNumber", caseNumber);
    variables.put("countyCode", "047");
    variables.put("childAge", age);
    variables.put("disabilityOrMedicalNeed", false);
    variables.put("suspectedAbduction", false);
    variables.put("publicityConsent", consent);
    variables.put("reportedAt", OffsetDateTime.now().toString());
    variables.put("policy", POLICY);
    ProcessInstanceEvent instance = zeebe.start("missing-child-case", variables);
    zeebe.completeJob(instance, "case.register", Map.of("possibleDuplicateCount", 0));
    return instance;
  }

  /**
   * The app starts a case's process by a message that its outbox may send again after a lost answer:
   * the same message id is refused, and another start message for the same case number starts no
   * second process while the first runs.
   */
  @Test
  void aStartMessageSentAgainStartsNoSecondProcess() {
    ProcessInstanceEvent first = report("MC-047-2026-000901", 9, true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.newPublishMessageCommand()
            .messageName("missing-child-reported").correlationKey("MC-047-2026-000901")
            .messageId("case-started:MC-047-2026-000901").timeToLive(Duration.ofHours(1)).send().join())
        .hasMessageContaining("ALREADY_EXISTS");
    client.newPublishMessageCommand().messageName("missing-child-reported").correlationKey("MC-047-2026-000901")
        .messageId("case-started:another-attempt").timeToLive(Duration.ZERO).send().join();
    assertThat(zeebe.instancesStarted("missing-child-case")).isEqualTo(1);
    assertThat(first).isActive();
  }

  private void acceptAndAssess(ProcessInstanceEvent instance, Map<String, Object> indicators) {
    zeebe.completeUserTask(instance, "Task_AcceptCase", Map.of("acceptConfirmed", true));
    startSearch(instance);
    assess(instance, indicators);
  }

  private void startSearch(ProcessInstanceEvent instance) {
    zeebe.completeUserTask(instance, "Task_StartSearch", Map.of("firstActionsTaken", java.util.List.of("POLICE_OB", "AREA_SEARCH"),
        "searchActions", "OB 12/01/12/2026 at Kilimani; searched the way home with the uncle", "nextSteps", "call the school"));
  }

  private void assess(ProcessInstanceEvent instance, Map<String, Object> indicators) {
    Map<String, Object> assessment = new HashMap<>(indicators);
    assessment.put("riskNotes", "spoke to the mother and the class teacher");
    zeebe.completeUserTask(instance, "Task_AssessRisk", assessment);
    zeebe.completeJob(instance, "case.record-risk", Map.of());
  }

  private void locateAndConfirm(ProcessInstanceEvent instance, String caseNumber) {
    zeebe.publish("child-located", caseNumber, Map.of("locatedSummary", "found at Nyamakima police post"));
    assertThat(instance).isWaitingAtElements("Task_VerifyIdentity").isNotWaitingAtElements("Timer_SearchReview");
    zeebe.completeJob(instance, "alert.withdraw", NO_ALERT_OUT);
    zeebe.completeUserTask(instance, "Task_VerifyIdentity", Map.of("identityConfirmed", true, "verificationMethod", "PARENT_IDENTIFIED"));
  }

  private void reunifyAndFollowUp(ProcessInstanceEvent instance) {
    zeebe.completeUserTask(instance, "Task_ReturnInterview", Map.of("interviewDate", "2026-11-24",
        "reasonForGoingMissing", "ran away after a quarrel at home", "homeSafe", true));
    ReintegrationProcessTest.reintegrate(zeebe, instance);
    assertThat(instance).isWaitingAtElements("CallActivity_FollowUp");
    zeebe.passTime(Duration.ofDays(14));
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", Map.of("visitDate", "2026-12-09", "childWellbeing", "WELL",
        "visitNotes", "child back at school and settled"));
  }

  @Test
  void highRiskCaseWithApprovedAlertReviewSightingAndClosureRejectedOnce() {
    ProcessInstanceEvent instance = report("MC-047-2026-000001", 9, true);
    assertThat(instance).hasPassedElement("Task_TriageReport").isWaitingAtElements("Task_AcceptCase");
    ActivatedJob accept = zeebe.userTask(instance, "Task_AcceptCase");
    assertThat(accept.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"caseworker\"]")
        .containsKey("io.camunda.zeebe:formKey").containsKey("io.camunda.zeebe:dueDate");

    acceptAndAssess(instance, Map.of("withUnknownAdult", true));
    // The search does not wait for the alert decision.
    assertThat(instance).hasPassedElement("Task_DecideRisk").isWaitingAtElements("Task_ApproveAlert", "Timer_SearchReview");
    assertThat(instance).hasVariableWithValue("caseworker", "cw.test");
    zeebe.completeUserTask(instance, "Task_ApproveAlert", Map.of("alertApproved", true, "alertDecisionReason", "high risk, consent given"));
    zeebe.completeJob(instance, "alert.publish", Map.of());
    assertThat(instance).hasPassedElement("Task_PublishAlert").isWaitingAtElements("Timer_SearchReview");

    // HIGH risk: the review comes after 24 h, not before.
    zeebe.passTime(Duration.ofHours(23));
    assertThat(instance).isWaitingAtElements("Timer_SearchReview");
    zeebe.passTime(Duration.ofHours(2));
    zeebe.completeUserTask(instance, "Task_ReviewSearch", Map.of("searchActions", "checked hospitals and matatu stage", "searchOutcome", "CONTINUE", "nextSteps", "radio appeal"));
    assertThat(instance).isWaitingAtElements("Timer_SearchReview");

    zeebe.publish("sighting-reported", "MC-047-2026-000001", Map.of("lastSightingSummary", "seen near Gikomba"));
    zeebe.completeUserTask(instance, "Task_FollowUpSighting", Map.of("sightingActionTaken", "police patrol sent", "sightingOutcome", "CREDIBLE_LEAD"));
    assertThat(instance).hasPassedElement("End_SightingFollowedUp");

    // Located: the published alert is withdrawn and the supervisor takes it down everywhere it went.
    zeebe.publish("child-located", "MC-047-2026-000001", Map.of("locatedSummary", "found at Nyamakima police post"));
    assertThat(instance).isWaitingAtElements("Task_VerifyIdentity", "Task_WithdrawAlert");
    zeebe.completeJob(instance, "alert.withdraw", Map.of("alertChannelsToTakeDown",
        java.util.List.of(Map.of("label", "county-portal", "value", "county-portal")), "alertWithdrawnFrom", "county-portal"));
    ActivatedJob takeDown = zeebe.userTask(instance, "Task_TakeDownAlert");
    assertThat(takeDown.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"supervisor\"]")
        .containsKey("io.camunda.zeebe:dueDate");
    zeebe.completeUserTask(instance, "Task_TakeDownAlert", Map.of("channelsTakenDown", java.util.List.of("county-portal"),
        "takeDownNotes", "portal listing gone; radio station asked to stop the appeal"));
    assertThat(instance).hasPassedElement("End_AlertTakenDown");
    zeebe.completeUserTask(instance, "Task_VerifyIdentity", Map.of("identityConfirmed", true, "verificationMethod", "PARENT_IDENTIFIED"));
    reunifyAndFollowUp(instance);

    zeebe.completeUserTask(instance, "Task_RequestClosure", Map.of("closureSummary", "child reunified with mother and settled at school"));
    zeebe.completeUserTask(instance, "Task_ApproveClosure", Map.of("closureApproved", false, "closureRejectionReason", "add the school's report"));
    assertThat(instance).isWaitingAtElements("Task_RequestClosure");
    zeebe.completeUserTask(instance, "Task_RequestClosure", Map.of("closureSummary", "child reunified; school confirms attendance"));
    zeebe.completeUserTask(instance, "Task_ApproveClosure", Map.of("closureApproved", true));
    zeebe.completeJob(instance, "case.close", Map.of());
    assertThat(instance).hasPassedElement("End_CaseClosed").isCompleted();
  }

  @Test
  void lowRiskCaseSkipsTheAlertAndReviewsWeekly() {
    ProcessInstanceEvent instance = report("MC-047-2026-000002", 15, true);
    acceptAndAssess(instance, Map.of());
    assertThat(instance).hasPassedElement("Gateway_AlertRecommended").hasNotPassedElement("Task_ApproveAlert")
        .isWaitingAtElements("Timer_SearchReview");
    assertThat(instance).hasVariableWithValue("risk", Map.of("riskLevel", "LOW", "reviewInterval", "P7D",
        "alertRecommended", false, "alertApprovalDeadline", "PT24H", "longMissingEscalation", "P30D"));
    // The first review comes at the report's provisional interval (report-triage.dmn), later ones weekly.
    zeebe.passTime(Duration.ofHours(25));
    zeebe.completeUserTask(instance, "Task_ReviewSearch", Map.of("searchActions", "asked at the market and the church",
        "searchOutcome", "CONTINUE", "nextSteps", "radio appeal"));
    zeebe.passTime(Duration.ofDays(6));
    assertThat(instance).isWaitingAtElements("Timer_SearchReview");
    zeebe.passTime(Duration.ofDays(2));
    zeebe.userTask(instance, "Task_ReviewSearch");
  }

  @Test
  void aRejectedAlertEndsTheAlertStepWhileTheSearchGoesOn() {
    ProcessInstanceEvent instance = report("MC-047-2026-000003", 8, false);
    acceptAndAssess(instance, Map.of());
    zeebe.completeUserTask(instance, "Task_ApproveAlert", Map.of("alertApproved", false, "alertDecisionReason", "no consent, family objects"));
    assertThat(instance).hasNotPassedElement("Task_PublishAlert").hasPassedElement("End_AlertDecided")
        .isWaitingAtElements("Timer_SearchReview");
  }

  @Test
  void supervisorIsAlertedWhenNobodyAcceptsWithinTheSla() {
    ProcessInstanceEvent instance = report("MC-047-2026-000004", 9, true);
    zeebe.passTime(Duration.ofMinutes(59));
    assertThat(instance).hasNotPassedElement("Timer_AssignmentSla");
    zeebe.passTime(Duration.ofMinutes(2));
    ActivatedJob notify = zeebe.completeJob(instance, "supervisor.notify", Map.of());
    assertThat(notify.getElementId()).isEqualTo("Task_NotifyAssignmentOverdue");
    assertThat(notify.getCustomHeaders()).containsEntry("reason", "ASSIGNMENT_SLA_BREACHED");
    assertThat(instance).hasPassedElement("End_AssignmentReminderSent").isWaitingAtElements("Task_AcceptCase");
  }

  @Test
  void standardRiskReportGetsThreeHoursToBeAccepted() {
    ProcessInstanceEvent instance = report("MC-047-2026-000005", 15, true);
    zeebe.passTime(Duration.ofHours(2));
    assertThat(instance).hasNotPassedElement("Timer_AssignmentSla");
    zeebe.passTime(Duration.ofHours(1).plusMinutes(1));
    assertThat(instance).hasPassedElement("Timer_AssignmentSla");
  }

  @Test
  void supervisorIsAlertedWhenRiskAssessmentAndAlertDecisionAreLate() {
    ProcessInstanceEvent instance = report("MC-047-2026-000006", 9, true);
    zeebe.completeUserTask(instance, "Task_AcceptCase", Map.of("acceptConfirmed", true));
    zeebe.passTime(Duration.ofHours(2).plusMinutes(1));
    ActivatedJob riskLate = zeebe.completeJob(instance, "supervisor.notify", Map.of());
    assertThat(riskLate.getElementId()).isEqualTo("Task_NotifyRiskAssessmentOverdue");
    assertThat(instance).hasPassedElement("End_RiskReminderSent").isWaitingAtElements("Task_AssessRisk");

    zeebe.completeUserTask(instance, "Task_AssessRisk", Map.of("riskNotes", "assessed late but complete"));
    zeebe.completeJob(instance, "case.record-risk", Map.of());
    zeebe.passTime(Duration.ofHours(3).plusMinutes(1));
    ActivatedJob alertLate = zeebe.completeJob(instance, "supervisor.notify", Map.of());
    assertThat(alertLate.getElementId()).isEqualTo("Task_NotifyAlertApprovalOverdue");
    assertThat(instance).hasPassedElement("End_AlertReminderSent").isWaitingAtElements("Task_ApproveAlert");
  }

  @Test
  void unconfirmedIdentityReturnsToSearchAndLateInterviewAlertsSupervisor() {
    ProcessInstanceEvent instance = report("MC-047-2026-000007", 15, true);
    acceptAndAssess(instance, Map.of());
    zeebe.publish("child-located", "MC-047-2026-000007", Map.of("locatedSummary", "a child found in Eldoret"));
    zeebe.completeJob(instance, "alert.withdraw", NO_ALERT_OUT);
    assertThat(instance).hasPassedElement("End_NoAlertOut");
    zeebe.completeUserTask(instance, "Task_VerifyIdentity", Map.of("identityConfirmed", false, "verificationMethod", "PHOTO_MATCH"));
    // The search resumes where it was: nothing already done is asked again.
    assertThat(instance).hasPassedElement("Flow_AlreadyAccepted").hasPassedElement("Flow_SearchResumes")
        .hasPassedElement("Flow_RiskAlreadyAssessed").isWaitingAtElements("Timer_SearchReview", "Timer_LongMissing")
        .isNotWaitingAtElements("Task_AcceptCase", "Task_StartSearch", "Task_AssessRisk");

    locateAndConfirm(instance, "MC-047-2026-000007");
    zeebe.passTime(Duration.ofHours(72).plusMinutes(1));
    ActivatedJob late = zeebe.completeJob(instance, "supervisor.notify", Map.of());
    assertThat(late.getElementId()).isEqualTo("Task_NotifyInterviewOverdue");
    assertThat(instance).hasPassedElement("End_InterviewReminderSent").isWaitingAtElements("Task_ReturnInterview");
  }

  @Test
  void childLocatedInterruptsOpenSearchTasks() {
    ProcessInstanceEvent instance = report("MC-047-2026-000008", 15, true);
    acceptAndAssess(instance, Map.of());
    zeebe.publish("sighting-reported", "MC-047-2026-000008", Map.of("lastSightingSummary", "seen at the bus park"));
    zeebe.passTime(Duration.ofDays(8));
    assertThat(instance).isWaitingAtElements("Task_FollowUpSighting", "Task_ReviewSearch");
    zeebe.publish("child-located", "MC-047-2026-000008", Map.of("locatedSummary", "returned home"));
    assertThat(instance).isNotWaitingAtElements("Task_FollowUpSighting", "Task_ReviewSearch")
        .isWaitingAtElements("Task_VerifyIdentity");
  }

  @Test
  void childWhoReturnsOnTheirOwnGoesToIdentityVerification() {
    ProcessInstanceEvent instance = report("MC-047-2026-000009", 15, true);
    acceptAndAssess(instance, Map.of());
    zeebe.passTime(Duration.ofDays(7).plusHours(1));
    zeebe.completeUserTask(instance, "Task_ReviewSearch", Map.of("searchActions", "the boy walked in this morning", "searchOutcome", "RETURNED"));
    assertThat(instance).hasPassedElement("End_SearchConcluded").hasPassedElement("Gateway_SearchConcludedHow")
        .isWaitingAtElements("Task_VerifyIdentity");
  }

  @Test
  void withdrawnReportIsClosedWithTheSupervisorsApproval() {
    ProcessInstanceEvent instance = report("MC-047-2026-000010", 15, true);
    acceptAndAssess(instance, Map.of());
    zeebe.passTime(Duration.ofDays(7).plusHours(1));
    zeebe.completeUserTask(instance, "Task_ReviewSearch", Map.of("searchActions", "the mother called: the child was at her aunt's all along", "searchOutcome", "WITHDRAWN"));
    assertThat(instance).hasNotPassedElement("Task_VerifyIdentity").isWaitingAtElements("Task_RequestClosure", "Task_WithdrawAlert");
    zeebe.completeJob(instance, "alert.withdraw", NO_ALERT_OUT);
    zeebe.completeUserTask(instance, "Task_RequestClosure", Map.of("closureSummary", "report withdrawn: the child was never missing"));
    zeebe.completeUserTask(instance, "Task_ApproveClosure", Map.of("closureApproved", true));
    zeebe.completeJob(instance, "case.close", Map.of());
    assertThat(instance).isCompleted();
  }

  @Test
  void aDeadlineChangedInTheDmnTableChangesTheTimerWithoutJavaChanges() throws Exception {
    // A policy maker edits report-triage.dmn: high-risk reports must be accepted within 20 minutes.
    String table = java.nio.file.Files.readString(java.nio.file.Path.of("../processes/report-triage.dmn"));
    assertThat(table).contains("\"PT1H\"");
    client.newDeployResourceCommand().addResourceStringUtf8(table.replace("\"PT1H\"", "\"PT20M\""), "report-triage.dmn")
        .send().join();

    ProcessInstanceEvent instance = report("MC-047-2026-000011", 9, true);
    zeebe.passTime(Duration.ofMinutes(19));
    assertThat(instance).hasNotPassedElement("Timer_AssignmentSla");
    zeebe.passTime(Duration.ofMinutes(2));
    assertThat(instance).hasPassedElement("Timer_AssignmentSla");
  }

  @Test
  void highRiskChildStillMissingAfterSevenDaysGetsACaseConferenceWhileTheSearchGoesOn() {
    ProcessInstanceEvent instance = report("MC-047-2026-000012", 9, true);
    acceptAndAssess(instance, Map.of());
    zeebe.completeUserTask(instance, "Task_ApproveAlert", Map.of("alertApproved", false, "alertDecisionReason", "family objects"));
    for (int day = 1; day <= 6; day++) {
      zeebe.passTime(Duration.ofDays(1));
      zeebe.completeUserTask(instance, "Task_ReviewSearch", Map.of("searchActions", "daily review day " + day, "searchOutcome", "CONTINUE", "nextSteps", "continue"));
    }
    assertThat(instance).hasNotPassedElement("Timer_LongMissing");
    zeebe.passTime(Duration.ofDays(1).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_LongMissing");
    ActivatedJob conference = zeebe.userTask(instance, "Task_CaseConference");
    assertThat(conference.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"supervisor\"]");
    zeebe.completeUserTask(instance, "Task_CaseConference", Map.of("conferenceDate", "2026-12-01",
        "conferenceAttendees", "caseworker, OCS, chief", "conferenceActionPlan", "radio appeal in Kiswahili and Sheng; check Mombasa road"));
    assertThat(instance).hasPassedElement("End_CaseConferenceHeld").isWaitingAtElements("Task_ReviewSearch");

    // A child found in another county turns out to be someone else: the search resumes with no second
    // conference and no second alert decision (the supervisor refused it).
    zeebe.publish("child-located", "MC-047-2026-000012", Map.of("locatedSummary", "a boy at Naivasha police station"));
    zeebe.completeJob(instance, "alert.withdraw", NO_ALERT_OUT);
    zeebe.completeUserTask(instance, "Task_VerifyIdentity", Map.of("identityConfirmed", false, "verificationMethod", "PHOTO_MATCH"));
    assertThat(instance).hasPassedElement("End_NoSecondConference").isWaitingAtElements("Timer_SearchReview")
        .isNotWaitingAtElements("Task_ApproveAlert", "Task_CaseConference", "Timer_LongMissing");
  }

  private void confirmedAndInterviewed(ProcessInstanceEvent instance, String caseNumber, boolean homeSafe) {
    acceptAndAssess(instance, Map.of());
    locateAndConfirm(instance, caseNumber);
    Map<String, Object> interview = new HashMap<>(Map.of("interviewDate", "2026-11-24",
        "reasonForGoingMissing", "ran away from beatings at home", "homeSafe", homeSafe));
    if (!homeSafe) {
      interview.put("safetyConcerns", "stepfather beats the child");
    }
    zeebe.completeUserTask(instance, "Task_ReturnInterview", interview);
  }

  @Test
  void homeNotSafeGoesToGatekeepingAndAFamilyPlacementIsFollowedUp() {
    ProcessInstanceEvent instance = report("MC-047-2026-000013", 15, true);
    confirmedAndInterviewed(instance, "MC-047-2026-000013", false);
    assertThat(instance).hasPassedElement("Gateway_HomeSafe").isWaitingAtElements("CallActivity_CarePlacement");
    CarePlacementProcessTest.placeWithRelatives(zeebe, instance);
    assertThat(instance).hasNotPassedElement("CallActivity_Reintegration").isWaitingAtElements("CallActivity_FollowUp")
        .hasVariableWithValue("placementType", "KINSHIP");
  }

  @Test
  void aFamilyFoundUnsuitableIsReviewedBySupervisorAndTheChildGoesToGatekeeping() {
    ProcessInstanceEvent instance = report("MC-047-2026-000015", 15, true);
    confirmedAndInterviewed(instance, "MC-047-2026-000015", true);
    ReintegrationProcessTest.assessFamily(zeebe, instance, false);
    assertThat(instance).hasPassedElement("Gateway_Reunified").isWaitingAtElements("Task_ReviewFailedReintegration");
    zeebe.completeUserTask(instance, "Task_ReviewFailedReintegration", Map.of("reintegrationReviewNotes",
        "the abusive uncle lives in the home; the mother cannot move out yet"));
    assertThat(instance).isWaitingAtElements("CallActivity_CarePlacement");
    CarePlacementProcessTest.placeWithRelatives(zeebe, instance);
    assertThat(instance).isWaitingAtElements("CallActivity_FollowUp");
  }

  @Test
  void childLeavingInstitutionalCareForAFamilyIsReintegrated() {
    ProcessInstanceEvent instance = report("MC-047-2026-000014", 15, true);
    confirmedAndInterviewed(instance, "MC-047-2026-000014", false);
    CarePlacementProcessTest.placeInInstitutionThenExitToFamily(zeebe, instance);
    assertThat(instance).hasPassedElement("Gateway_AfterPlacement").isWaitingAtElements("CallActivity_Reintegration");
  }

  @Test
  void traffickingIndicatorsInTheRiskAssessmentEscalateToTheSecretariatWhileTheCaseGoesOn() {
    ProcessInstanceEvent instance = report("MC-047-2026-000800", 14, true);
    // Missing with an unknown adult (act) and signs of grooming (purpose).
    acceptAndAssess(instance, Map.of("withUnknownAdult", true, "groomingOrExploitation", true));
    assertThat(instance).hasPassedElement("Event_RiskEscalateTrafficking").hasPassedElement("Start_TraffickingEscalated")
        .isWaitingAtElements("Task_ApproveAlert", "Task_ReferToSecretariat");
    zeebe.completeJob(instance, "trafficking.refer", Map.of("traffickingReferralNumber", "TIP-2026-000001"));
    assertThat(instance).hasPassedElement("End_ReferredToSecretariat").isWaitingAtElements("Task_ApproveAlert");
    // The secretariat's updates come back as messages.
    zeebe.publish("trafficking-update", "MC-047-2026-000800", Map.of("referralUpdate", "VICTIM_IDENTIFIED"));
    zeebe.completeJob(instance, "trafficking.case-update", Map.of());
    assertThat(instance).hasPassedElement("End_ReferralUpdateRecorded").isWaitingAtElements("Task_ApproveAlert");
  }

  @Test
  void aConcernRaisedLaterIsScreenedAndEscalatesOnlyWithActAndPurpose() {
    ProcessInstanceEvent instance = report("MC-047-2026-000801", 15, false);
    acceptAndAssess(instance, Map.of("withUnknownAdult", true));
    assertThat(instance).hasPassedElement("Flow_RiskNotSuspected").hasNotPassedElement("Event_RiskEscalateTrafficking");
    zeebe.publish("trafficking-concern", "MC-047-2026-000801", Map.of("screenPurposeExploitation", false));
    assertThat(instance).hasPassedElement("End_ConcernNotSuspected").hasNotPassedElement("Start_TraffickingEscalated");
    zeebe.publish("trafficking-concern", "MC-047-2026-000801", Map.of("screenPurposeExploitation", true));
    assertThat(instance).hasPassedElement("End_ConcernEscalated").hasPassedElement("Start_TraffickingEscalated");
    zeebe.completeJob(instance, "trafficking.refer", Map.of());
    assertThat(instance).hasPassedElement("End_ReferredToSecretariat").isWaitingAtElements("Task_ApproveAlert");
  }
  @Test
  void aHighRiskReportGetsItsFirstSearchActionsTheMomentTheCaseIsAccepted() {
    ProcessInstanceEvent instance = report("MC-047-2026-000020", 9, true);
    zeebe.completeUserTask(instance, "Task_AcceptCase", Map.of("acceptConfirmed", true));
    // No waiting period: the search and the risk assessment start together.
    assertThat(instance).isWaitingAtElements("Task_StartSearch", "Task_AssessRisk");
    ActivatedJob start = zeebe.userTask(instance, "Task_StartSearch");
    assertThat(start.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "cw.test");
    // The first actions and how soon they are due come from the policy table (report-triage.dmn).
    OffsetDateTime due = java.time.ZonedDateTime.parse(start.getCustomHeaders().get("io.camunda.zeebe:dueDate")).toOffsetDateTime();
    assertThat(due).isBefore(OffsetDateTime.now().plusMinutes(61));
    @SuppressWarnings("unchecked")
    java.util.List<Map<String, Object>> actions = (java.util.List<Map<String, Object>>) start.getVariablesAsMap().get("firstActions");
    assertThat(actions).extracting(a -> a.get("value")).contains("POLICE_OB", "TRANSPORT_HUBS", "HOSPITALS_CELLS");

    startSearch(instance);
    assertThat(instance).hasVariableWithValue("searchStarted", true)
        .isWaitingAtElements("Timer_SearchReview", "Task_AssessRisk");
  }

  @Test
  void aStandardReportGetsFewerFirstActionsWithMoreTime() {
    ProcessInstanceEvent instance = report("MC-047-2026-000021", 15, true);
    zeebe.completeUserTask(instance, "Task_AcceptCase", Map.of("acceptConfirmed", true));
    ActivatedJob start = zeebe.userTask(instance, "Task_StartSearch");
    OffsetDateTime due = java.time.ZonedDateTime.parse(start.getCustomHeaders().get("io.camunda.zeebe:dueDate")).toOffsetDateTime();
    assertThat(due).isAfter(OffsetDateTime.now().plusHours(3)).isBefore(OffsetDateTime.now().plusHours(5));
    @SuppressWarnings("unchecked")
    java.util.List<Map<String, Object>> actions = (java.util.List<Map<String, Object>>) start.getVariablesAsMap().get("firstActions");
    assertThat(actions).extracting(a -> a.get("value")).contains("POLICE_OB", "KNOWN_PLACES").doesNotContain("TRANSPORT_HUBS");
  }

  @Test
  void locatedBeforeTheRiskAssessmentEndsTheCaseWithoutAnAlertTask() {
    ProcessInstanceEvent instance = report("MC-047-2026-000022", 9, true);
    zeebe.completeUserTask(instance, "Task_AcceptCase", Map.of("acceptConfirmed", true));
    zeebe.publish("child-located", "MC-047-2026-000022", Map.of("locatedSummary", "walked into Kilimani police station"));
    assertThat(instance).isNotWaitingAtElements("Task_AssessRisk", "Task_StartSearch", "Timer_RiskAssessmentDeadline")
        .isWaitingAtElements("Task_VerifyIdentity", "Task_WithdrawAlert");
    zeebe.completeJob(instance, "alert.withdraw", NO_ALERT_OUT);
    zeebe.completeUserTask(instance, "Task_VerifyIdentity", Map.of("identityConfirmed", true, "verificationMethod", "PARENT_IDENTIFIED"));
    // Hours later the risk-assessment deadline passes: nothing is due any more, nobody is alerted.
    zeebe.passTime(Duration.ofHours(3));
    assertThat(instance).hasNotPassedElement("Timer_RiskAssessmentDeadline");
    reunifyAndFollowUp(instance);
    zeebe.completeUserTask(instance, "Task_RequestClosure", Map.of("closureSummary", "child home the same day, settled"));
    zeebe.completeUserTask(instance, "Task_ApproveClosure", Map.of("closureApproved", true));
    zeebe.completeJob(instance, "case.close", Map.of());
    assertThat(instance).isCompleted().hasNotPassedElement("Task_ApproveAlert").hasNotPassedElement("Task_DecideRisk")
        .hasNotPassedElement("Task_TakeDownAlert");
  }

  @Test
  void locatedBeforeAnyoneAcceptedTheCaseGoesStraightToIdentityVerification() {
    ProcessInstanceEvent instance = report("MC-047-2026-000023", 15, true);
    zeebe.publish("child-located", "MC-047-2026-000023", Map.of("locatedSummary", "the mother called: he is home"));
    assertThat(instance).isNotWaitingAtElements("Task_AcceptCase").isWaitingAtElements("Task_VerifyIdentity");
    ActivatedJob verify = zeebe.userTask(instance, "Task_VerifyIdentity");
    assertThat(verify.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"caseworker\"]")
        .doesNotContainKey("io.camunda.zeebe:assignee");
    // The assignment SLA would have passed by now: a located child's case alerts nobody about it.
    zeebe.passTime(Duration.ofHours(4));
    assertThat(instance).hasNotPassedElement("Timer_AssignmentSla");
  }

  @Test
  void aPublishedAlertIsWithdrawnWhenTheChildIsLocated() {
    ProcessInstanceEvent instance = report("MC-047-2026-000024", 9, true);
    acceptAndAssess(instance, Map.of());
    zeebe.completeUserTask(instance, "Task_ApproveAlert", Map.of("alertApproved", true, "alertDecisionReason", "young child, consent given"));
    zeebe.completeJob(instance, "alert.publish", Map.of());
    zeebe.publish("child-located", "MC-047-2026-000024", Map.of("locatedSummary", "matched to a found child in Nakuru"));
    ActivatedJob withdraw = zeebe.completeJob(instance, "alert.withdraw", Map.of("alertChannelsToTakeDown",
        java.util.List.of(Map.of("label", "county-portal", "value", "county-portal"), Map.of("label", "police", "value", "police")),
        "alertWithdrawnFrom", "county-portal, police"));
    assertThat(withdraw.getElementId()).isEqualTo("Task_WithdrawAlert");
    assertThat(instance).hasPassedElement("Flow_AlertWasOut").isWaitingAtElements("Task_TakeDownAlert", "Task_VerifyIdentity");
    zeebe.completeUserTask(instance, "Task_TakeDownAlert", Map.of("channelsTakenDown", java.util.List.of("county-portal", "police"),
        "postersRemoved", true, "takeDownNotes", "police signal sent; posters at the bus park removed"));
    assertThat(instance).hasPassedElement("End_AlertTakenDown").isWaitingAtElements("Task_VerifyIdentity");
  }

  @Test
  void locatedWhileTheAlertDecisionIsPendingEndsIt() {
    ProcessInstanceEvent instance = report("MC-047-2026-000025", 9, true);
    acceptAndAssess(instance, Map.of());
    assertThat(instance).isWaitingAtElements("Task_ApproveAlert");
    zeebe.publish("child-located", "MC-047-2026-000025", Map.of("locatedSummary", "returned home"));
    assertThat(instance).isNotWaitingAtElements("Task_ApproveAlert", "Timer_AlertApprovalDeadline", "Timer_LongMissing")
        .isWaitingAtElements("Task_VerifyIdentity");
    zeebe.passTime(Duration.ofHours(4));
    assertThat(instance).hasNotPassedElement("Task_NotifyAlertApprovalOverdue").hasNotPassedElement("Task_PublishAlert");
  }

  @Test
  void aWithdrawnAlertIsDecidedAgainWhenTheChildFoundWasSomeoneElse() {
    ProcessInstanceEvent instance = report("MC-047-2026-000026", 9, true);
    acceptAndAssess(instance, Map.of());
    zeebe.completeUserTask(instance, "Task_ApproveAlert", Map.of("alertApproved", true, "alertDecisionReason", "consent given"));
    zeebe.completeJob(instance, "alert.publish", Map.of());
    zeebe.publish("child-located", "MC-047-2026-000026", Map.of("locatedSummary", "a girl at Thika"));
    zeebe.completeJob(instance, "alert.withdraw", Map.of("alertChannelsToTakeDown",
        java.util.List.of(Map.of("label", "county-portal", "value", "county-portal")), "alertWithdrawnFrom", "county-portal"));
    zeebe.completeUserTask(instance, "Task_VerifyIdentity", Map.of("identityConfirmed", false, "verificationMethod", "PHOTO_MATCH"));
    // The alert came down with the false location: the supervisor is asked again, the search goes on.
    assertThat(instance).isWaitingAtElements("Task_ApproveAlert", "Timer_SearchReview", "Task_TakeDownAlert");
  }

  @Test
  void aReportWithdrawnOnTheCasePageEndsEverySearchAndAlertStep() {
    ProcessInstanceEvent instance = report("MC-047-2026-000027", 9, true);
    acceptAndAssess(instance, Map.of());
    zeebe.publish("sighting-reported", "MC-047-2026-000027", Map.of("lastSightingSummary", "seen at the bus park"));
    assertThat(instance).isWaitingAtElements("Task_ApproveAlert", "Task_FollowUpSighting", "Timer_SearchReview");
    zeebe.publish("report-withdrawn", "MC-047-2026-000027", Map.of("searchOutcome", "WITHDRAWN",
        "withdrawalSummary", "withdrawn by the mother: the child was at her grandmother's"));
    assertThat(instance).hasPassedElement("Message_ReportWithdrawn")
        .isNotWaitingAtElements("Task_ApproveAlert", "Task_FollowUpSighting", "Timer_SearchReview", "Timer_LongMissing")
        .isWaitingAtElements("Task_RequestClosure", "Task_WithdrawAlert").hasNotPassedElement("Task_VerifyIdentity");
  }
}
