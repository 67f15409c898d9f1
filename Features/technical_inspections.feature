Feature: Regulated technical inspections
  A building's lift, boiler, fire extinguishers and other equipment must be inspected as often
  as the law of its region says. A regulated plan is a maintenance preventive plan whose
  frequency comes from the legal table: each inspection is one period of it. Completing one
  schedules the next one legal period later, failing one opens a maintenance intervention, and
  the syndic is warned 90, 60 and 30 days before each due date, and on the day, once each.

  Background:
    Given the API is running
    And today is "2026-03-01"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    When I send POST "/api/v1/equipements"
      """
      {"code": "EXT-01", "name": "Extincteurs du hall", "building_id": "{{building}}"}
      """
    Then the response status is 201
    And I remember the response field "id" as "extinguishers"
    When I send POST "/api/v1/equipements"
      """
      {"code": "ASC-01", "name": "Ascenseur", "building_id": "{{building}}"}
      """
    And I remember the response field "id" as "lift"

  Scenario: The next due date comes from the legal frequency of the type in the building's region
    When I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "fire_extinguishers", "equipement_id": "{{extinguishers}}", "last_inspected_on": "2025-04-10",
       "inspector": "Sicli"}
      """
    Then the response status is 201
    And the response field "region" is "wallonia"
    And the response field "frequency.months" is the number 12
    And the response field "frequency.verified" is true
    And the response field "due_on" is "2026-04-10"
    And the response field "next_due_date" is "2026-04-10"
    And the response field "status" is "scheduled"
    And I remember the response field "id" as "inspection"
    And I remember the response field "plan_id" as "plan"
    When I send GET "/api/v1/plannings/{{plan}}"
    Then the response field "frequency.every" is the number 12
    And the response field "frequency.unit" is "months"
    And the response field "next_date" is "2026-04-10"
    When I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "fire_extinguishers", "equipement_id": "{{extinguishers}}", "due_on": "2026-05-01"}
      """
    Then the response is a problem 409 with code "inspection_already_open"
    Given today is "2026-03-20"
    And "sam" logs in
    When I send POST "/api/v1/technical-inspections/{{inspection}}/complete"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/technical-inspections/{{inspection}}/start"
    Then the response field "status" is "in_progress"
    When I send POST "/api/v1/technical-inspections/{{inspection}}/complete"
      """
      {"findings": "Six extincteurs vérifiés, conformes"}
      """
    Then the response status is 200
    And the response field "status" is "completed"
    And the response field "completed_on" is "2026-03-20"
    And the response field "next_due_date" is "2027-03-20"
    When I send GET "/api/v1/buildings/{{building}}/technical-inspections?status=scheduled"
    Then the response field "data" has 1 items
    And the response field "data[0].due_on" is "2027-03-20"
    And the response field "data[0].plan_id" is "{{plan}}"
    When I send GET "/api/v1/plannings/{{plan}}"
    Then the response field "next_date" is "2027-03-20"

  Scenario: The organization overrides a frequency it is not sure of
    When I send GET "/api/v1/technical-inspection-frequencies"
    Then the response field "data" has an item whose "type" is "lift"
    When I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "lift", "equipement_id": "{{lift}}", "last_inspected_on": "2026-01-15"}
      """
    Then the response field "frequency.months" is the number 6
    And the response field "frequency.verified" is false
    And the response field "due_on" is "2026-07-15"
    And I remember the response field "id" as "first"
    When I send PUT "/api/v1/technical-inspection-frequencies"
      """
      {"type": "lift", "region": "wallonia", "months": 3, "source": "Contrat d'entretien et avis du SECT"}
      """
    Then the response field "overridden" is true
    And the response field "months" is the number 3
    When I send PUT "/api/v1/technical-inspection-frequencies"
      """
      {"type": "lift", "region": "wallonia", "months": 0, "source": "?"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "months"
    Given I send POST "/api/v1/technical-inspections/{{first}}/cancel"
    When I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "lift", "equipement_id": "{{lift}}", "last_inspected_on": "2026-01-15"}
      """
    Then the response field "due_on" is "2026-04-15"
    And the response field "frequency.overridden" is true
    When I send DELETE "/api/v1/technical-inspection-frequencies?type=lift&region=wallonia"
    Then the response field "months" is the number 6

  Scenario: Alerts at 90, 60 and 30 days before the due date and on it, each sent once
    Given I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "fire_extinguishers", "equipement_id": "{{extinguishers}}", "due_on": "2026-06-30"}
      """
    And I remember the response field "id" as "inspection"
    When the job "technical-inspection-alerts" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 0 items
    Given today is "2026-04-01"
    And "sam" logs in
    When the job "technical-inspection-alerts" runs
    And the job "technical-inspection-alerts" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "legal_file.technical_inspection_due"
    And the response field "data[0].title" is "Contrôle extincteurs EXT-01 dû dans 90 jours"
    Given today is "2026-05-01"
    And "sam" logs in
    When the job "technical-inspection-alerts" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 2 items
    Given today is "2026-05-31"
    And "sam" logs in
    When the job "technical-inspection-alerts" runs
    And the job "technical-inspection-alerts" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 3 items
    Given today is "2026-06-30"
    And "sam" logs in
    When the job "technical-inspection-alerts" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 4 items
    And the response field "data[0].title" is "Contrôle extincteurs EXT-01 dû aujourd'hui"
    When I send GET "/api/v1/technical-inspections/{{inspection}}"
    Then the response field "alerts_sent" has 4 items
    And the response field "overdue" is false
    Given today is "2026-07-01"
    And "sam" logs in
    When I send GET "/api/v1/technical-inspections/{{inspection}}"
    Then the response field "overdue" is true
    When I send GET "/api/v1/buildings/{{building}}/technical-inspections?due_within=0"
    Then the response field "data" has 1 items

  Scenario: An inspection planned late gets one alert, the most urgent
    Given I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "fire_extinguishers", "equipement_id": "{{extinguishers}}", "due_on": "2026-03-21"}
      """
    When the job "technical-inspection-alerts" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Contrôle extincteurs EXT-01 dû dans 30 jours"
    When I send GET "/api/v1/buildings/{{building}}/technical-inspections?due_within=30"
    Then the response field "data[0].alerts_sent" has 3 items

  Scenario: A failed inspection opens a maintenance intervention on the equipment
    Given I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "lift", "equipement_id": "{{lift}}", "due_on": "2026-03-15", "scheduled_on": "2026-03-10"}
      """
    And I remember the response field "id" as "inspection"
    And I send POST "/api/v1/technical-inspections/{{inspection}}/start"
    When I send POST "/api/v1/technical-inspections/{{inspection}}/fail"
      """
      {}
      """
    Then the response is a problem 422 with code "missing_field"
    When I send POST "/api/v1/technical-inspections/{{inspection}}/fail"
      """
      {"findings": "Parachute de la cabine défectueux"}
      """
    Then the response field "status" is "failed"
    And the response field "next_due_date" is "2026-03-15"
    And I remember the response field "intervention_id" as "repair"
    When I send GET "/api/v1/interventions/{{repair}}"
    Then the response field "type" is "corrective"
    And the response field "priority" is "haute"
    And the response field "statut" is "ouverte"
    And the response field "equipement_id" is "{{lift}}"
    And the response field "description" is "Parachute de la cabine défectueux"
    When I send POST "/api/v1/technical-inspections/{{inspection}}/cancel"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      {"type": "lift", "equipement_id": "{{lift}}", "due_on": "2026-03-15", "inspector": "AIB-Vinçotte"}
      """
    Then the response status is 201

  Scenario Outline: Invalid inspections are refused with the field named
    When I send POST "/api/v1/buildings/{{building}}/technical-inspections"
      """
      <body>
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "<field>"

    Examples:
      | body                                                                                  | field         |
      | {"type": "sauna", "equipement_id": "{{lift}}", "due_on": "2026-05-01"}                | type          |
      | {"type": "lift", "equipement_id": "{{lift}}"}                                         | due_on        |
      | {"type": "lift", "equipement_id": "{{lift}}", "due_on": "2026-05-01", "region": "x"}  | region        |
      | {"type": "lift", "equipement_id": "{{lift}}", "due_on": "2026-02-30"}                 | due_on        |
