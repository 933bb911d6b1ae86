package ke.childprotection.cases;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ChildCaseRepository extends JpaRepository<ChildCase, UUID> {

  /**
   * The case learns its process instance from the process's first step (the process is started by a
   * message, whose answer names no instance). Only the first instance is kept: bookkeeping, no version bump.
   */
  @org.springframework.data.jpa.repository.Modifying
  @org.springframework.data.jpa.repository.Query(
      "update ChildCase c set c.processInstanceKey = :instance where c.id = :id and c.processInstanceKey is null")
  int recordProcessInstance(UUID id, long instance);
  List<ChildCase> findByCountyCodeOrderByReportedAtDesc(String countyCode);

  /** The county of a case (without loading it). */
  @Query("select c.countyCode from ChildCase c where c.id = :id")
  java.util.Optional<String> countyOf(UUID id);

  /** The cases escalated to the Counter-Trafficking Secretariat, nationwide. */
  List<ChildCase> findByTraffickingReferralIdIsNotNullOrderByReportedAtDesc();
}
