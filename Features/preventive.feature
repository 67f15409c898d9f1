Feature: Preventive maintenance
  A plan brings an equipment's preventive job back every N days, weeks or months. The
  preventive job turns each due plan into one `ouverte` preventive intervention and moves the
  plan forward; running it again, or on two server instances at once, creates nothing more.

  Background:
    Given the API is running
    And "sam" has registered the organization "Maintenance Dupont"
    And I am "sam"
    And today is "2026-03-01"
    When I send POST "/api/v1/equipements"
      """
      {"code": "ASC-01", "name": "Ascenseur principal"}
      """
    And I remember the response field "id" as "lift"
    And I send POST "/api/v1/plannings"
      """
      {"equipement_id": "{{lift}}", "title": "Contrôle ascenseur", "frequency": {"every": 1, "unit": "months"},
       "next_date": "2026-03-01", "checklist": ["Câbles", "Freins"]}
      """
    Then the response status is 201
    And I remember the response field "id" as "plan"

  Scenario: A due plan creates one intervention and moves forward; a second run does nothing
    When the job "preventive" runs
    And I send GET "/api/v1/interventions?statut=ouverte"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "preventive"
    And the response field "data[0].title" is "Contrôle ascenseur (2026-03-01)"
    When I send GET "/api/v1/plannings/{{plan}}"
    Then the response field "last_date" is "2026-03-01"
    And the response field "next_date" is "2026-04-01"
    When the job "preventive" runs
    And I send GET "/api/v1/interventions"
    Then the response field "pagination.total_items" is the number 1

  Scenario: A plan due several periods ago creates one intervention, for the latest missed date
    Given today is "2026-06-15"
    When the job "preventive" runs
    And I send GET "/api/v1/interventions"
    Then the response field "pagination.total_items" is the number 1
    And the response field "data[0].title" is "Contrôle ascenseur (2026-06-01)"
    When I send GET "/api/v1/plannings/{{plan}}"
    Then the response field "last_date" is "2026-06-01"
    And the response field "next_date" is "2026-07-01"
    And the response field "skipped_dates" lists "2026-03-01, 2026-04-01, 2026-05-01"

  Scenario: Two instances running the job at once create one intervention per plan and date
    When the job "preventive" runs on two instances at once
    And I send GET "/api/v1/interventions"
    Then the response field "pagination.total_items" is the number 1

  Scenario: Plans are listed, changed and deleted; their interventions stay
    Given the job "preventive" runs
    When I send PATCH "/api/v1/plannings/{{plan}}"
      """
      {"frequency": {"every": 2, "unit": "weeks"}, "title": "Contrôle bimensuel"}
      """
    Then the response field "frequency.unit" is "weeks"
    And the response field "next_date" is "2026-04-01"
    When I send GET "/api/v1/plannings"
    Then the response field "data" has 1 items
    When I send DELETE "/api/v1/plannings/{{plan}}"
    Then the response status is 204
    When I send GET "/api/v1/interventions"
    Then the response field "data" has 1 items

  Scenario Outline: Invalid plans are refused
    When I send POST "/api/v1/plannings"
      """
      <body>
      """
    Then the response is a problem <status> with code "<code>"
    And the problem names the field "<field>"

    Examples:
      | body                                                                                                        | status | code              | field           |
      | {"equipement_id": "{{lift}}", "title": "x", "frequency": {"every": 1, "unit": "years"}, "next_date": "2026-03-01"} | 422 | validation_failed | frequency.unit  |
      | {"equipement_id": "{{lift}}", "title": "x", "frequency": {"every": 0, "unit": "days"}, "next_date": "2026-03-01"}  | 422 | validation_failed | frequency.every |
      | {"equipement_id": "{{lift}}", "title": "x", "frequency": {"every": 1, "unit": "days"}}                              | 422 | missing_field     | next_date       |
      | {"equipement_id": "{{plan}}", "title": "x", "frequency": {"every": 1, "unit": "days"}, "next_date": "2026-03-01"}  | 422 | validation_failed | equipement_id   |
