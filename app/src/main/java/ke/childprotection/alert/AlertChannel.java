package ke.childprotection.alert;

import ke.childprotection.cases.ChildCase;

/**
 * Where an approved alert goes (police, media, social channels, a poster service). A deployment adds
 * a bean per real channel; every channel is called once per alert and records what it sent.
 */
public interface AlertChannel {
  String name();

  void publish(ChildCase childCase);

  /**
   * Takes the case's alert down (the child is located, or the report withdrawn). Called once per
   * withdrawal job; a channel that cannot take things down itself leaves it to the take-down task.
   */
  default void withdraw(ChildCase childCase) {}
}
