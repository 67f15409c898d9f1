Feature: Interventions
  A maintenance company's jobs, corrective or preventive, follow one lifecycle:
  ouverte → affectee → en_cours ⇄ en_attente → cloturee → archivee, and annulee from any state
  before cloturee. Every step is in the intervention's history and the organization's audit log.

  Background:
    Given the API is running
    And the maintenance company "Maintenance Dupont" of "sam", with its members:
      | name | role       |
      | tom  | technicien |
      | tim  | technicien |
      | cleo | client     |
    And "sam" adds the equipment "ASC-01" named "Ascenseur principal", remembered as "lift"
    And "sam" adds the technicians:
      | member | equipe | hourly_rate | competences           | disponibilite |
      | tom    | Nord   | 48.00       | Ascenseur, électricité |               |
      | tim    | Sud    | 40          | plomberie             | absent        |
    When I send POST "/api/v1/interventions"
      """
      {"title": "Ascenseur bloqué au 3e", "description": "Porte ne se ferme plus", "type": "corrective", "priority": "urgente", "equipement_id": "{{lift}}", "estimated_minutes": 120}
      """
    Then the response status is 201
    And I remember the response field "id" as "job"

  Scenario: The full lifecycle, with costs, history, notifications and the audit trail
    Given the response field "statut" is "ouverte"
    And the response field "sla_breached" is false
    And the response field "sla_remaining_minutes" is the number 240
    When I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    Then the response status is 200
    And the response field "statut" is "affectee"
    And the response field "technicien_id" is "{{tomTech}}"
    Given I am "tom"
    When I send GET "/api/v1/notifications?unread=true"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "intervention.assigned"
    And the response field "data[0].entity_id" is "{{job}}"
    When I send POST "/api/v1/interventions/{{job}}/start"
    Then the response field "statut" is "en_cours"
    When I send POST "/api/v1/interventions/{{job}}/pause"
      """
      {"remark": "Pièce à commander"}
      """
    Then the response field "statut" is "en_attente"
    When I send POST "/api/v1/interventions/{{job}}/resume"
    Then the response field "statut" is "en_cours"
    When I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"report": "Contacteur de porte remplacé", "actual_minutes": 90, "parts_cost": "30.50"}
      """
    Then the response status is 200
    And the response field "statut" is "cloturee"
    And the response field "labour_cost" is "72.00"
    And the response field "total_cost" is "102.50"
    And the response field "allowed_next_states" lists "archivee"
    Given I am "sam"
    When I send POST "/api/v1/interventions/{{job}}/archive"
    Then the response field "statut" is "archivee"
    When I send GET "/api/v1/interventions/{{job}}/history"
    Then the response field "data" has 7 items
    And the response field "data[0].to" is "ouverte"
    And the response field "data[2].to" is "en_cours"
    And the response field "data[3].remark" is "Pièce à commander"
    And the response field "data[3].by_user_id" is "{{tomUser}}"
    And the response field "data[6].to" is "archivee"
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "intervention.closed"
    When I send POST "/api/v1/notifications/read-all"
    Then the response field "marked" is the number 1
    When I send GET "/api/v1/notifications?unread=true"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/audit-log?entity=intervention&entity_id={{job}}"
    Then the response field "pagination.total_items" is the number 7
    And the response field "data[0].action" is "intervention.archived"
    And the response field "data[0].payload.from" is "cloturee"

  Scenario: A closed intervention's report is made a PDF and kept with the intervention
    When I send POST "/api/v1/interventions/{{job}}/report"
    Then the response is a problem 409 with code "not_closed"
    And the response field "current_state" is "ouverte"
    When I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    Given I am "tom"
    When I send POST "/api/v1/interventions/{{job}}/start"
    And I send POST "/api/v1/interventions/{{job}}/pause"
      """
      {"remark": "Pièce à commander"}
      """
    And I send POST "/api/v1/interventions/{{job}}/resume"
    And I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"report": "Contacteur de porte remplacé", "actual_minutes": 90, "parts_cost": "30.50"}
      """
    Then the response field "statut" is "cloturee"
    Given I am "sam"
    When I send POST "/api/v1/interventions/{{job}}/report"
    Then the response status is 201
    And the response field "entity_type" is "intervention"
    And the response field "entity_id" is "{{job}}"
    And the response field "title" is "Rapport d'intervention"
    And the response field "tags" lists "rapport-intervention"
    And the response field "versions[0].media_type" is "application/pdf"
    And I remember the response field "id" as "report"
    When I send GET "/api/v1/documents/{{report}}/versions/1/content"
    Then the response status is 200
    And the downloaded PDF reads "Ascenseur bloqué au 3e"
    And the downloaded PDF reads "ASC-01 — Ascenseur principal"
    And the downloaded PDF reads "Contacteur de porte remplacé"
    And the downloaded PDF reads "1 h 30 min"
    And the downloaded PDF reads "102,50 €"
    And the downloaded PDF reads "Pièce à commander"
    When I send GET "/api/v1/interventions/{{job}}/documents"
    Then the response field "data" has 1 items
    And the response field "data[0].id" is "{{report}}"
    Given I am "cleo"
    When I send POST "/api/v1/interventions/{{job}}/report"
    Then the response is a problem 403 with code "forbidden"

  Scenario: Every illegal transition is refused with the current and allowed states
    When I send POST "/api/v1/interventions/{{job}}/start"
    Then the response is a problem 409 with code "illegal_transition"
    And the response field "current_state" is "ouverte"
    And the response field "requested_state" is "en_cours"
    And the response field "allowed_next_states" lists "affectee, annulee"
    When I send POST "/api/v1/interventions/{{job}}/archive"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"report": "x", "actual_minutes": 10}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/interventions/{{job}}/cancel"
      """
      {"reason": "Doublon"}
      """
    Then the response field "statut" is "annulee"
    And the response field "cancel_reason" is "Doublon"
    When I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    And the response field "allowed_next_states" has 0 items

  Scenario: Closing needs a report and the time spent; nothing is edited once closed
    When I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    And I send POST "/api/v1/interventions/{{job}}/start"
    And I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"actual_minutes": 30}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "report"
    When I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"report": "Fait"}
      """
    Then the problem names the field "actual_minutes"
    When I send GET "/api/v1/interventions/{{job}}"
    Then the response field "statut" is "en_cours"
    When I send POST "/api/v1/interventions/{{job}}/close"
      """
      {"report": "Fait", "actual_minutes": 30}
      """
    And I send PATCH "/api/v1/interventions/{{job}}"
      """
      {"title": "Renamed"}
      """
    Then the response is a problem 409 with code "not_editable"
    And the response field "current_state" is "cloturee"

  Scenario: Technicians act only on their own jobs; assignment needs a technician
    When I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    Given I am "tim"
    When I send POST "/api/v1/interventions/{{job}}/start"
    Then the response is a problem 403 with code "forbidden"
    When I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{timTech}}"}
      """
    Then the response is a problem 403 with code "forbidden"
    Given I am "sam"
    When I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{lift}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "technicien_id"
    When I send PATCH "/api/v1/users/{{timUser}}/role"
      """
      {"roles": ["client"]}
      """
    And I send POST "/api/v1/interventions/{{job}}/assign"
      """
      {"technicien_id": "{{timTech}}"}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: A client opens requests and sees only their own
    Given I am "cleo"
    When I send POST "/api/v1/interventions"
      """
      {"title": "Fuite au parking", "equipement_id": "{{lift}}", "priority": "basse"}
      """
    Then the response status is 201
    And the response field "statut" is "ouverte"
    And I remember the response field "id" as "request"
    When I send GET "/api/v1/interventions"
    Then the response field "data" has 1 items
    And the response field "data[0].id" is "{{request}}"
    When I send GET "/api/v1/interventions/{{job}}"
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/interventions/{{request}}/assign"
      """
      {"technicien_id": "{{tomTech}}"}
      """
    Then the response is a problem 403 with code "forbidden"
    When I send GET "/api/v1/audit-log"
    Then the response is a problem 403 with code "forbidden"

  Scenario: Lists filter, sort and paginate
    When I send POST "/api/v1/interventions"
      """
      {"title": "Contrôle annuel", "type": "preventive", "priority": "basse", "equipement_id": "{{lift}}"}
      """
    And I send POST "/api/v1/interventions"
      """
      {"title": "Bruit moteur", "priority": "haute", "equipement_id": "{{lift}}"}
      """
    And I send GET "/api/v1/interventions?sort=-priority"
    Then the response field "data[0].priority" is "urgente"
    And the response field "data[1].priority" is "haute"
    And the response field "data[2].priority" is "basse"
    When I send GET "/api/v1/interventions?priorite=basse"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "preventive"
    When I send GET "/api/v1/interventions?statut=ouverte&per_page=2"
    Then the response field "data" has 2 items
    And the response field "pagination.total_items" is the number 3
    When I send GET "/api/v1/interventions?statut=closed"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "statut"
    When I send GET "/api/v1/techniciens?competence=ascenseur"
    Then the response field "data" has 1 items
    And the response field "data[0].id" is "{{tomTech}}"
    When I send GET "/api/v1/techniciens?disponible=true"
    Then the response field "data" has 1 items

  Scenario: Equipment codes are unique and referenced equipment is kept
    When I send POST "/api/v1/equipements"
      """
      {"code": "ASC-01", "name": "Twice"}
      """
    Then the response is a problem 409 with code "code_taken"
    When I send DELETE "/api/v1/equipements/{{lift}}"
    Then the response is a problem 409 with code "equipement_in_use"
    When I send POST "/api/v1/equipements"
      """
      {"code": "POMPE-2", "name": "Pompe de relevage"}
      """
    And I remember the response field "id" as "pump"
    And I send DELETE "/api/v1/equipements/{{pump}}"
    Then the response status is 204
    When I send POST "/api/v1/techniciens"
      """
      {"user_id": "{{tomUser}}"}
      """
    Then the response is a problem 409 with code "profile_exists"
    When I send PUT "/api/v1/techniciens/{{tomTech}}/competences"
      """
      {"competences": ["froid", "Froid"]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "competences"

  Scenario: Another organization sees none of it
    Given "zoe" has registered the organization "Other company"
    And I am "zoe"
    When I send GET "/api/v1/interventions/{{job}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/equipements/{{lift}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/audit-log"
    Then the response field "data" has 0 items
