Feature: The board, the syndic's mandate and the auditor
  A building of 20 lots or more (cellars, garages and parkings not counted) must have a board
  (conseil de copropriété, Civil Code art. 3.90), whose members are owners elected by the
  assembly. The syndic is appointed for at most 3 years (art. 3.89), and is reminded 90 days
  before the mandate ends; the auditor is appointed each year (art. 3.91).

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And today is "2026-03-02"

  Scenario: Twenty apartments make a board mandatory; parkings do not count
    Given the building has the lots:
      | number | type      | tantiemes |
      | 1      | apartment | 45        |
      | 2      | apartment | 45        |
      | 3      | apartment | 45        |
      | 4      | apartment | 45        |
      | 5      | apartment | 45        |
      | 6      | apartment | 45        |
      | 7      | apartment | 45        |
      | 8      | apartment | 45        |
      | 9      | apartment | 45        |
      | 10     | apartment | 45        |
      | 11     | apartment | 45        |
      | 12     | apartment | 45        |
      | 13     | apartment | 45        |
      | 14     | apartment | 45        |
      | 15     | apartment | 45        |
      | 16     | apartment | 45        |
      | 17     | apartment | 45        |
      | 18     | apartment | 45        |
      | 19     | apartment | 45        |
      | P1     | parking   | 50        |
      | P2     | parking   | 50        |
    When I send GET "/api/v1/buildings/{{building}}/governance"
    Then the response field "counted_lots" is the number 19
    And the response field "board_required" is false
    Given the building has the lots:
      | number | type      | tantiemes |
      | 20     | apartment | 45        |
    When I send GET "/api/v1/buildings/{{building}}/governance"
    Then the response field "counted_lots" is the number 20
    And the response field "board_required" is true
    And the response field "has_board" is false
    And the response field "notice_days" is the number 15

  Scenario: Board members and the syndic are appointed by adopted resolutions; the syndic is reminded 90 days ahead
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                              | decision_type      |
      | Élection du conseil de copropriété | other              |
      | Désignation du syndic              | syndic_appointment |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Élire Anne au conseil de copropriété"
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | yes    |
    And the vote is closed
    When I send POST "/api/v1/buildings/{{building}}/mandates"
      """
      {"role": "board_member", "owner_id": "{{anne}}", "starts_on": "2026-03-23", "ends_on": "2027-03-22",
       "resolution_id": "{{resolution}}"}
      """
    Then the response status is 201
    And the response field "holder_name" is "Anne"
    Given point 2 is put to the vote as "Désigner Syndic Dupont SRL pour trois ans"
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | yes    |
    And the vote is closed
    # Three years and a day is more than the law allows.
    When I send POST "/api/v1/buildings/{{building}}/mandates"
      """
      {"role": "syndic", "holder_name": "Syndic Dupont SRL", "starts_on": "2026-03-23", "ends_on": "2029-03-24",
       "resolution_id": "{{resolution}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "ends_on"
    When I send POST "/api/v1/buildings/{{building}}/mandates"
      """
      {"role": "syndic", "holder_name": "Syndic Dupont SRL", "starts_on": "2026-03-23", "ends_on": "2029-03-23",
       "resolution_id": "{{resolution}}"}
      """
    Then the response status is 201
    Given today is "2026-04-01"
    When I send GET "/api/v1/buildings/{{building}}/governance"
    Then the response field "has_board" is true
    And the response field "board[0].holder_name" is "Anne"
    And the response field "syndic.holder_name" is "Syndic Dupont SRL"
    And the response field "syndic_mandate_ends_soon" is false
    # 81 days before the end of the mandate.
    Given today is "2029-01-01"
    And "sam" logs in
    When I send GET "/api/v1/buildings/{{building}}/governance"
    Then the response field "syndic_mandate_ends_soon" is true
    And the job "governance-mandate-alerts" runs
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "governance.syndic_mandate_ending"

  Scenario: A mandate needs an adopted resolution of this building's assembly
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                 | decision_type       |
      | Désignation du syndic | syndic_appointment  |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Désigner Syndic Martin SRL"
    And the votes are:
      | owner | ballot |
      | anne  | no     |
      | bruno | yes    |
    And the vote is closed
    When I send POST "/api/v1/buildings/{{building}}/mandates"
      """
      {"role": "syndic", "holder_name": "Syndic Martin SRL", "starts_on": "2026-03-23", "ends_on": "2027-03-23",
       "resolution_id": "{{resolution}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "resolution_id"
