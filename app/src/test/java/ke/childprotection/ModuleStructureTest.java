package ke.childprotection;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a module. The build fails when modules depend on each other in a cycle or
 * when one reaches into another's internals (a sub-package, or a type that is not public).
 */
class ModuleStructureTest {
  static final ApplicationModules MODULES = ApplicationModules.of(CaseSystemApplication.class);

  @Test
  void modulesDependOnEachOtherOneWayOnlyAndThroughTheirPublicTypes() {
    MODULES.verify();
  }
}
