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
  // SQL, not JPQL: Hibernate translates a JPQL update again on every call (a tenth of a registering job's CPU)
  @org.springframework.data.jpa.repository.Modifying
  @org.springframework.data.jpa.repository.Query(nativeQuery = true,
      value = "update child_case set process_instance_key = :instance where id = :id and process_instance_key is null")
  int recordProcessInstance(UUID id, long instance);
  List<ChildCase> findByCountyCodeOrderByReportedAtDesc(String countyCode);

  /** The county of a case (without loading it; SQL, the JPQL's handling cost a task's storing more than its reading). */
  @Query(nativeQuery = true, value = "select county_code from child_case where id = :id")
  java.util.Optional<String> countyOf(UUID id);

  /** The cases escalated to the Counter-Trafficking Secretariat, nationwide. */
  List<ChildCase> findByTraffickingReferralIdIsNotNullOrderByReportedAtDesc();
}
