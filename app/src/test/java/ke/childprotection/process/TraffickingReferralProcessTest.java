package ke.childprotection.process;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.community.process_test_coverage.junit5.platform8.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** trafficking-referral, the secretariat's process: every path, the Trust Fund deadline and further indications. */
@ZeebeProcessTest
class TraffickingReferralProcessTest extends ProcessTestBase {
  @RegisterExtension
  static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder()
      .excludeProcessDefinitionKeys("missing-child-case", "found-child-case", "family-tracing", "follow-up", "reintegration", "care-placement")
      .assertClassCoverageAtLeast(1.0).build();

  /** As the app starts it: the message the child's case escalation publishes, one instance per case number. */
  private ProcessInstanceEvent refer(String caseNumber) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseId", "00000000-0000-0000-0000-000000000009");
    variables.put("caseNumber", caseNumber);
    variables.put("countyCode", "047");
    variables.put("referralId", "00000000-0000-0000-0000-0000000000a1");
    variables.put("referralNumber", "TIP-2026-000001");
    variables.put("trafficking", Map.of("suspected", true, "act", true, "means", false, "purpose", true,
        "scope", "TRANSNATIONAL", "basis", "act and purpose (a child: the means need not be shown)"));
    variables.put("policy", ProcessTestSupport.policy());
    client.newPublishMessageCommand().messageName("trafficking-referral-requested").correlationKey(caseNumber)
        .timeToLive(Duration.ZERO).variables(variables).send().join();
    ProcessInstanceEvent instance = zeebe.startedByMessage("trafficking-referral", caseNumber);
    ActivatedJob review = zeebe.userTask(instance, "Task_ReviewScreening");
    assertThat(review.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"ctip-secretariat\"]");
    zeebe.completeUserTask(instance, "Task_ReviewScreening", Map.of("reviewActConfirmed", true, "reviewPurposeConfirmed", true,
        "reviewScope", "TRANSNATIONAL", "reviewNotes", "the child was moved from Busia with a promise of work"));
    return instance;
  }

  private void update(ProcessInstanceEvent instance, String expected) {
    ActivatedJob job = zeebe.completeJob(instance, "trafficking.update", Map.of());
    assertThat(job.getCustomHeaders()).containsEntry("update", expected);
  }

  private void close(ProcessInstanceEvent instance, String reason) {
    zeebe.completeUserTask(instance, "Task_CloseReferral", Map.of("closureReason", reason, "closureNotes", "done"));
    update(instance, "REFERRAL_CLOSED");
    assertThat(instance).hasPassedElement("End_ReferralClosed").isCompleted();
  }

  @Test
  void aChildNotIdentifiedAsAVictimClosesTheReferralAndTheCaseIsTold() {
    ProcessInstanceEvent instance = refer("MC-047-2026-000700");
    zeebe.completeUserTask(instance, "Task_IdentifyVictim", Map.of("victimIdentified", false,
        "identificationReasons", "the child travelled with an aunt to school; no exploitation"));
    update(instance, "NOT_IDENTIFIED");
    assertThat(instance).hasPassedElement("Flow_NotIdentified").hasNotPassedElement("Task_ProtectionMeasures");
    close(instance, "NOT_A_VICTIM");
  }

  @Test
  void anIdentifiedVictimIsProtectedReferredHelpedByTheTrustFundFollowedUpAndClosed() {
    ProcessInstanceEvent instance = refer("MC-047-2026-000701");
    zeebe.completeUserTask(instance, "Task_IdentifyVictim", Map.of("victimIdentified", true, "exploitationForm", "DOMESTIC_SERVITUDE",
        "identificationReasons", "recruited for domestic work in another county, wages withheld"));
    update(instance, "VICTIM_IDENTIFIED");
    zeebe.completeUserTask(instance, "Task_ProtectionMeasures", Map.of("restrictAccess", true, "pseudonym", "Child A-17",
        "witnessProtectionReferral", true));
    zeebe.completeJob(instance, "trafficking.protect", Map.of());
    zeebe.completeUserTask(instance, "Task_PlanReferrals", Map.of("referralsNeeded", List.of("SAFE_HOUSE", "POLICE_ATU"),
        "applyToTrustFund", true));
    zeebe.completeUserTasks(instance, "Task_MakeReferral", 2, job -> Map.of("referralOrganisation", "a safe house in Nakuru",
        "referralDate", "2026-11-24", "referralOutcome", "SAFE_HOUSE".equals(job.getVariablesAsMap().get("referral")) ? "PLACED" : "ACCEPTED"));
    update(instance, "SAFE_HOUSE_PLACEMENT");
    assertThat(instance).hasPassedElement("Flow_Placed").hasPassedElement("Flow_NoPlacement").hasPassedElement("End_ReferralMade", 2);

    zeebe.completeUserTask(instance, "Task_PrepareTrustFundApplication", Map.of("assistanceTypes", List.of("SHELTER_BASIC_NEEDS", "PSYCHOSOCIAL"),
        "applicantType", "VICTIM_OR_GUARDIAN", "eligibleIdentifiedVictim", true, "eligibleNeedNotMet", true, "eligibleConsent", true,
        "amountRequested", 45000, "applicationJustification", "shelter and counselling for six months"));
    assertThat(instance).hasVariableWithValue("requiredDocuments", List.of("VICTIM_IDENTIFICATION", "AGE_ASSESSMENT", "COST_ESTIMATE"));
    zeebe.completeUserTask(instance, "Task_SubmitTrustFundApplication", Map.of("documentsConfirmed", true, "applicationSubmittedOn", "2026-11-25"));
    update(instance, "TRUST_FUND_APPLIED");

    // The Fund does not decide in time: the secretariat is given a task to chase it; the decision task stays open.
    zeebe.passTime(Duration.ofDays(29));
    assertThat(instance).hasNotPassedElement("Timer_TrustFundDecisionOverdue");
    zeebe.passTime(Duration.ofDays(1).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_TrustFundDecisionOverdue").isWaitingAtElements("Task_TrustFundDecision", "Task_ChaseTrustFundDecision");
    zeebe.completeUserTask(instance, "Task_ChaseTrustFundDecision", Map.of("chaseAction", "called the Fund's secretary: board meets on Friday"));
    assertThat(instance).hasPassedElement("End_DecisionChased");
    zeebe.completeUserTask(instance, "Task_TrustFundDecision", Map.of("trustFundDecision", "PARTLY_APPROVED", "amountApproved", 30000,
        "trustFundDecisionReasons", "shelter approved, counselling through the county", "trustFundDecisionDate", "2026-12-28"));
    update(instance, "TRUST_FUND_DECIDED");

    zeebe.completeUserTask(instance, "Task_ReferralFollowUp", Map.of("victimSafe", true, "servicesReceived", "shelter", "furtherFollowUp", true));
    assertThat(instance).isWaitingAtElements("Timer_NextFollowUp");
    zeebe.passTime(Duration.ofDays(30).plusHours(1));
    zeebe.completeUserTask(instance, "Task_ReferralFollowUp", Map.of("victimSafe", true, "servicesReceived", "back in school", "furtherFollowUp", false));
    close(instance, "REINTEGRATED");
  }

  @Test
  void withoutTrustFundTheReferralGoesToFollowUpAndAFurtherIndicationIsReviewedInTheSameReferral() {
    ProcessInstanceEvent instance = refer("MC-047-2026-000702");
    // The child's case screens positive again: the same referral takes it; no second instance starts.
    zeebe.publish("trafficking-indication", "MC-047-2026-000702", Map.of("trafficking", Map.of("act", true, "purpose", true, "scope", "IN_COUNTRY")));
    assertThat(zeebe.instancesStarted("trafficking-referral")).isEqualTo(1);
    zeebe.completeUserTask(instance, "Task_ReviewIndication", Map.of("indicationAssessment", "same trafficker, informed the police unit"));
    assertThat(instance).hasPassedElement("End_IndicationReviewed");

    zeebe.completeUserTask(instance, "Task_IdentifyVictim", Map.of("victimIdentified", true, "identificationReasons", "forced begging in Mombasa"));
    update(instance, "VICTIM_IDENTIFIED");
    zeebe.completeUserTask(instance, "Task_ProtectionMeasures", Map.of("restrictAccess", false, "witnessProtectionReferral", false));
    zeebe.completeJob(instance, "trafficking.protect", Map.of());
    zeebe.completeUserTask(instance, "Task_PlanReferrals", Map.of("referralsNeeded", List.of("IOM"), "applyToTrustFund", false));
    zeebe.completeUserTasks(instance, "Task_MakeReferral", 1, job -> Map.of("referralOrganisation", "IOM Nairobi",
        "referralDate", "2026-11-24", "referralOutcome", "ACCEPTED"));
    assertThat(instance).hasPassedElement("Flow_NoTrustFund").hasNotPassedElement("Task_PrepareTrustFundApplication");
    zeebe.completeUserTask(instance, "Task_ReferralFollowUp", Map.of("victimSafe", true, "servicesReceived", "family tracing by IOM", "furtherFollowUp", false));
    close(instance, "TRANSFERRED");
  }
}
