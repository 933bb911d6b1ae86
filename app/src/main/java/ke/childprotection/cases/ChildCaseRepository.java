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

  /** The cases escalated to the Counter-Trafficking Secretariat, nationwide. */
  List<ChildCase> findByTraffickingReferralIdIsNotNullOrderByReportedAtDesc();


  /**
   * Missing reports of the county, in the given states, that may describe the same child (same first
   * name and sex, age within a year or two): open ones are duplicate reports, located or closed ones
   * are earlier episodes.
   */
  @Query("""
      select c from ChildCase c
      where c.caseType = ke.childprotection.cases.ChildCase.Type.MISSING and c.countyCode = :county
        and c.status in :states and c.id <> :exclude
        and lower(c.childFirstName) = lower(:firstName) and c.childSex = :sex
        and (c.childAge is null or :age is null or abs(c.childAge - :age) <= :ageGap)
      order by c.reportedAt desc
      """)
  List<ChildCase> findSameChild(String county, java.util.Collection<ChildCase.Status> states, UUID exclude,
      String firstName, String sex, Integer age, int ageGap);


}
