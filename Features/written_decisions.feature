Feature: Written decisions
  Between assemblies the owners may decide in writing (Civil Code art. 3.87 §4), but only
  unanimously: every owner of the building, not only those who answer, must agree in writing.
  One refusal or one missing answer is enough for the proposal to fail. The syndic draws up the
  minutes, and the decision goes into the building's register either way.

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And today is "2026-03-02"
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 500       |
      | B      | apartment | 300       |
      | C      | apartment | 200       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
      | C   | chloe |

  Scenario: Every owner agrees in writing: the decision is adopted and registered
    Given the written proposal "Peinture du hall" is sent to the owners, answers until "2026-03-31"
    When the written answers are:
      | owner | agrees |
      | anne  | true   |
      | bruno | true   |
    Then the response field "status" is "open"
    And the response field "voters" has an item whose "answer" is "none"
    When the written answers are:
      | owner | agrees |
      | chloe | true   |
    Then the response field "status" is "adopted"
    When I send GET "/api/v1/buildings/{{building}}/register"
    Then the response field "data[0].source" is "written_decision"
    And the response field "data[0].majority" is "unanimity"
    And the response field "data[0].result" is "adopted"
    And the response field "data[0].title" is "Peinture du hall"
    When I send GET "/api/v1/written-decisions/{{decision}}/minutes.pdf"
    Then the response status is 200
    And the downloaded PDF reads "ADOPTÉE à l'unanimité de tous les propriétaires"

  Scenario: One refusal fails the decision at once; no answer is taken after it
    Given the written proposal "Abattage du tilleul" is sent to the owners, answers until "2026-03-31"
    When the written answers are:
      | owner | agrees |
      | anne  | true   |
      | bruno | false  |
    Then the response field "status" is "failed"
    When I send POST "/api/v1/written-decisions/{{decision}}/answers"
      """
      {"owner_id": "{{chloe}}", "agrees": true}
      """
    Then the response is a problem 409 with code "decision_concluded"
    When I send GET "/api/v1/buildings/{{building}}/register"
    Then the response field "data[0].result" is "rejected"

  Scenario: A missing answer fails the decision when the period is closed
    Given the written proposal "Nouveau digicode" is sent to the owners, answers until "2026-03-31"
    And the written answers are:
      | owner | agrees |
      | anne  | true   |
      | bruno | true   |
    When I send GET "/api/v1/written-decisions/{{decision}}/minutes.pdf"
    Then the response is a problem 409 with code "not_concluded"
    When I send POST "/api/v1/written-decisions/{{decision}}/close"
    Then the response status is 200
    And the response field "status" is "failed"
    When I send GET "/api/v1/written-decisions/{{decision}}/minutes.pdf"
    Then the downloaded PDF reads "pas de réponse"

  Scenario: An owner answers once, and a proposal needs an answer period ahead
    Given the written proposal "Local vélos" is sent to the owners, answers until "2026-03-31"
    And the written answers are:
      | owner | agrees |
      | anne  | true   |
    When I send POST "/api/v1/written-decisions/{{decision}}/answers"
      """
      {"owner_id": "{{anne}}", "agrees": false}
      """
    Then the response is a problem 409 with code "already_answered"
    When I send POST "/api/v1/buildings/{{building}}/written-decisions"
      """
      {"title": "Trop tard", "text": "Une proposition", "due_on": "2026-03-01"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "due_on"
