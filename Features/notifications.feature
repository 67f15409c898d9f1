Feature: Notifications and SLA breaches
  Users are notified when an intervention is assigned to them, when one they opened is closed,
  and once when an intervention passes its SLA due time (per priority, configurable per
  organization: urgente 4 h, haute 24 h, normale 72 h, basse 7 days by default).

  Background:
    Given the API is running
    And the maintenance company "Maintenance Dupont" of "sam", with its members:
      | name | role       |
      | tom  | technicien |
    And "sam" adds the equipment "ASC-01" named "Ascenseur principal", remembered as "lift"
    And "sam" adds the technicians:
      | member | hourly_rate |
      | tom    | 48          |
    And I send POST "/api/v1/interventions"
      """
      {"title": "Ascenseur bloqué", "priority": "urgente", "equipement_id": "{{lift}}"}
      """
    And I remember the response field "id" as "job"
    And I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    Then the response status is 200

  Scenario: An SLA breach notifies the managers and the technician once
    Given 239 minutes pass
    And "sam" logs in
    And "tom" logs in
    And I am "sam"
    When the job "sla-breach" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 0 items
    Given 2 minutes pass
    When the job "sla-breach" runs
    And the job "sla-breach" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "intervention.sla_breached"
    And the response field "data[0].entity_id" is "{{job}}"
    When I send GET "/api/v1/interventions/{{job}}"
    Then the response field "sla_breached" is true
    And the response field "sla_remaining_minutes" is the number -1
    Given I am "tom"
    When I send GET "/api/v1/notifications?unread=true"
    Then the response field "data" has 2 items
    And the response field "data[0].type" is "intervention.sla_breached"
    And the response field "data[1].type" is "intervention.assigned"
    When I remember the response field "data[1].id" as "assigned"
    And I send POST "/api/v1/notifications/{{assigned}}/read"
    Then the response status is 204
    When I send GET "/api/v1/notifications?unread=true"
    Then the response field "data" has 1 items
    Given I am "sam"
    When I send POST "/api/v1/notifications/{{assigned}}/read"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/audit-log?entity=intervention&entity_id={{job}}"
    Then the response field "data[0].action" is "intervention.sla_breached"
    And the response has no field "data[0].user_id"

  Scenario: A closed intervention is not a breach; the SLA is set per organization
    When I send PUT "/api/v1/sla-settings"
      """
      {"urgente_minutes": 60, "haute_minutes": 480, "normale_minutes": 1440, "basse_minutes": 4320}
      """
    Then the response status is 200
    When I send POST "/api/v1/interventions"
      """
      {"title": "Porte coincée", "priority": "urgente", "equipement_id": "{{lift}}"}
      """
    Then the response field "sla_remaining_minutes" is the number 60
    When I send POST "/api/v1/interventions/{{job}}/start"
    And I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"report": "Réparé", "actual_minutes": 45}
      """
    Given 300 minutes pass
    And "sam" logs in
    When the job "sla-breach" runs
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].body" is "Porte coincée"
    When I send PUT "/api/v1/sla-settings"
      """
      {"urgente_minutes": 0, "haute_minutes": 480, "normale_minutes": 1440, "basse_minutes": 4320}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "urgente_minutes"

  Scenario: KPIs of a known period are exact
    Given 30 minutes pass
    And "sam" logs in
    When I send POST "/api/v1/interventions/{{job}}/start"
    And 60 minutes pass
    And "sam" logs in
    And I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"report": "Contacteur remplacé", "actual_minutes": 90, "parts_cost": "30.50"}
      """
    And I send POST "/api/v1/interventions"
      """
      {"title": "Graissage", "priority": "basse", "equipement_id": "{{lift}}"}
      """
    And I send POST "/api/v1/interventions"
      """
      {"title": "Bruit moteur", "priority": "haute", "equipement_id": "{{lift}}"}
      """
    And I remember the response field "id" as "noise"
    And I send POST "/api/v1/interventions/{{noise}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    And I send POST "/api/v1/interventions/{{noise}}/start"
    And 1500 minutes pass
    And "sam" logs in
    And I send POST "/api/v1/interventions/{{noise}}/close"
      """
      {"report": "Roulement changé", "actual_minutes": 60}
      """
    And I send GET "/api/v1/interventions/kpis"
    Then the response status is 200
    And the response field "total" is the number 3
    And the response field "by_status.cloturee" is the number 2
    And the response field "by_status.ouverte" is the number 1
    And the response field "by_priority.haute" is the number 1
    And the response field "closed" is the number 2
    And the response field "closed_within_sla" is the number 1
    And the response field "sla_compliance_percent" is "50.00"
    And the response field "mean_minutes_to_repair" is the number 795
    And the response field "total_cost" is "150.50"
    And the response field "average_cost" is "75.25"
    And the response field "technicians" has 1 items
    And the response field "technicians[0].technicien_id" is "{{tomTech}}"
    And the response field "technicians[0].closed" is the number 2
    And the response field "technicians[0].total_cost" is "150.50"
    Given "tom" logs in
    And I am "tom"
    When I send GET "/api/v1/interventions/kpis"
    Then the response is a problem 403 with code "forbidden"

  Scenario: Notifications are mailed once by the mail job, through the outbox
    When the job "mail" runs
    Then the outbox holds 1 email to "tom", one about "Ascenseur bloqué"
    When the job "mail" runs
    Then the outbox holds 1 email to "tom", one about "Ascenseur bloqué"
    And the outbox holds no email to "sam"

  Scenario: A member chooses how each type of notification is emailed; turning one off drops the emails already waiting
    Given "tom" logs in
    And I am "tom"
    When I send GET "/api/v1/me/notification-preferences"
    Then the response status is 200
    And the response field "preferences" has an item whose "type" is "intervention.assigned"
    And the response field "preferences" has an item whose "delivery" is "immediate"
    When I send PUT "/api/v1/me/notification-preferences"
      """
      {"preferences": [{"type": "intervention.assigned", "delivery": "off"}]}
      """
    Then the response status is 200
    And the response field "preferences" has an item whose "delivery" is "off"
    When the job "mail" runs
    Then the outbox holds no email to "tom"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    When I send PUT "/api/v1/me/notification-preferences"
      """
      {"preferences": [{"type": "intervention.teleported", "delivery": "off"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "preferences[0].type"
    When I send PUT "/api/v1/me/notification-preferences"
      """
      {"preferences": [{"type": "intervention.assigned", "delivery": "weekly"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "preferences[0].delivery"

  Scenario: Notifications chosen as a daily digest arrive together in one email
    Given "tom" logs in
    And I am "tom"
    And I send PUT "/api/v1/me/notification-preferences"
      """
      {"preferences": [{"type": "intervention.assigned", "delivery": "daily_digest"}, {"type": "intervention.sla_breached", "delivery": "daily_digest"}]}
      """
    And 241 minutes pass
    When the job "sla-breach" runs
    And the job "mail" runs
    Then the outbox holds no email to "tom"
    When the job "notification-digest" runs
    And the job "mail" runs
    Then the outbox holds 1 email to "tom", one about "Since the last digest:"
    When the job "notification-digest" runs
    And the job "mail" runs
    Then the outbox holds 1 email to "tom", one about "Since the last digest:"

  Scenario: A member who restricts the processing of their data is emailed nothing, not even what was waiting
    Given "tom" logs in
    And I am "tom"
    When I send POST "/api/v1/me/restriction"
    Then the response status is 200
    When the job "mail" runs
    Then the outbox holds no email to "tom"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
