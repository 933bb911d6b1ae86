package ke.childprotection.engine;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows when the engine does not belong to this database; supervisors and admins see why. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class EngineProblemBanner {
  private final EngineBinding binding;

  EngineProblemBanner(EngineBinding binding) {
    this.binding = binding;
  }

  @ModelAttribute("engineProblem")
  String engineProblem() {
    return binding.problem().orElse(null);
  }
}
