Feature: Working offline on the site: replayed writes and stale updates
  A site often has no network. A client keeps its changes and sends them again once back
  online; each write carries an Idempotency-Key, so a change sent twice is made once, and the
  replay gets the first answer. A task carries its version: an update made on an older version
  is refused with the task as it stands now, so that the client can merge.

  Background:
    Given the API is running
    And today is "2027-02-15"
    And the construction company "BTP Martin" of "marc", with its members:
      | name | role                |
      | eva  | entreprise_generale |
      | arno | architecte          |
    And I am "eva"
    And I send POST "/api/v1/projects"
      """
      {"name": "Maison Dupont", "reference": "CH-2027-004", "client_name": "Famille Dupont", "start_date": "2027-03-01"}
      """
    And I remember the response field "id" as "maison"
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{arno.id}}", "role": "architecte"}
      """

  Scenario: A write sent again with its Idempotency-Key is made once, and answered as the first time
    When I send POST "/api/v1/projects/{{maison}}/tasks" with the header "Idempotency-Key" set to "site-0001"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    Then the response status is 201
    And I remember the response field "id" as "coffrage"
    When I send POST "/api/v1/projects/{{maison}}/tasks" with the header "Idempotency-Key" set to "site-0001"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    Then the response status is 201
    And the response field "id" is "{{coffrage}}"
    And the response header "Idempotent-Replayed" is "true"
    When I send GET "/api/v1/projects/{{maison}}/tasks"
    Then the response field "data" has 1 items
    # The key belongs to one request.
    When I send POST "/api/v1/projects/{{maison}}/tasks" with the header "Idempotency-Key" set to "site-0001"
      """
      {"title": "Ferraillage", "duration_days": 2}
      """
    Then the response is a problem 422 with code "idempotency_key_reused"
    # Another member's keys are their own.
    Given I am "arno"
    When I send POST "/api/v1/projects/{{maison}}/tasks" with the header "Idempotency-Key" set to "site-0001"
      """
      {"title": "Ferraillage", "duration_days": 2}
      """
    Then the response status is 201
    When I send GET "/api/v1/projects/{{maison}}/tasks"
    Then the response field "data" has 2 items

  Scenario: A write that failed keeps nothing, so the client can correct it and send it again
    When I send POST "/api/v1/projects/{{maison}}/tasks" with the header "Idempotency-Key" set to "site-0002"
      """
      {"title": "Co", "duration_days": 3}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/projects/{{maison}}/tasks" with the header "Idempotency-Key" set to "site-0002"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    Then the response status is 201
    When I send POST "/api/v1/projects/{{maison}}/tasks" with the header "Idempotency-Key" set to "bad key"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    Then the response is a problem 400 with code "invalid_idempotency_key"

  Scenario: An update made on an older version is refused with the task as it stands
    Given I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    And I remember the response field "id" as "coffrage"
    When I send PATCH "/api/v1/tasks/{{coffrage}}"
      """
      {"percent_complete": 20, "version": 1}
      """
    Then the response field "version" is the number 2
    Given I am "arno"
    When I send PATCH "/api/v1/tasks/{{coffrage}}"
      """
      {"duration_days": 5, "version": 1}
      """
    Then the response is a problem 409 with code "stale_version"
    And the response field "current_task.version" is the number 2
    And the response field "current_task.percent_complete" is the number 20

  Scenario: The change feed gives what changed after the client's cursor, once each, with tombstones
    Given I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    And I remember the response field "id" as "coffrage"
    And I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Ferraillage", "duration_days": 2}
      """
    And I remember the response field "id" as "ferraillage"
    When I send GET "/api/v1/projects/{{maison}}/changes"
    Then the response field "data" has 2 items
    And the response field "data[0].task.title" is "Coffrage"
    And the response field "has_more" is false
    And I remember the response field "next_since" as "cursor"
    # The client goes offline; meanwhile the project moves on.
    When I send PATCH "/api/v1/tasks/{{coffrage}}"
      """
      {"percent_complete": 10}
      """
    And I send PATCH "/api/v1/tasks/{{coffrage}}"
      """
      {"percent_complete": 30}
      """
    And I send DELETE "/api/v1/tasks/{{ferraillage}}"
    Then the response status is 204
    Given I am "arno"
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Coffrage vu, bon pour le ferraillage"}
      """
    And I send POST "/api/v1/tasks/{{coffrage}}/comments"
      """
      {"body": "Prévoir les réservations"}
      """
    Given I am "eva"
    When I send GET "/api/v1/projects/{{maison}}/changes?since={{cursor}}"
    Then the response field "data" has 4 items
    And the response field "data[0].kind" is "task"
    And the response field "data[0].task.percent_complete" is the number 30
    And the response field "data[1].kind" is "task"
    And the response field "data[1].id" is "{{ferraillage}}"
    And the response field "data[1].operation" is "delete"
    And the response field "data[2].message.body" is "Coffrage vu, bon pour le ferraillage"
    And the response field "data[3].comment.body" is "Prévoir les réservations"
    When I send GET "/api/v1/projects/{{maison}}/changes?since={{cursor}}&limit=1"
    Then the response field "data" has 1 items
    And the response field "has_more" is true
    # A task that has started is not deleted; it is reported instead.
    When I send PATCH "/api/v1/tasks/{{coffrage}}/status"
      """
      {"status": "in_progress"}
      """
    And I send DELETE "/api/v1/tasks/{{coffrage}}"
    Then the response is a problem 409 with code "task_not_deletable"

  Scenario: Twenty changes made offline, sent twice on reconnecting, converge with another member's
    Given I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    And I remember the response field "id" as "coffrage"
    When I send GET "/api/v1/projects/{{maison}}/changes"
    And I remember the response field "next_since" as "cursor"
    # Offline, eva writes twenty tasks; online, arno reports progress on the formwork.
    Given I am "arno"
    And I send PATCH "/api/v1/tasks/{{coffrage}}"
      """
      {"percent_complete": 50, "version": 1}
      """
    When "eva" sends the 20 tasks written offline to the project "maison", each twice
    Given I am "eva"
    When I send GET "/api/v1/projects/{{maison}}/tasks"
    Then the response field "data" has 21 items
    When I send GET "/api/v1/projects/{{maison}}/changes?since={{cursor}}"
    Then the response field "data" has 21 items
    And the response field "data[0].task.percent_complete" is the number 50
    And the response field "data[20].task.title" is "Tâche hors ligne 20"
    When I send GET "/api/v1/projects/{{maison}}/changes?since={{cursor}}&limit=500"
    And I remember the response field "next_since" as "caught_up"
    When I send GET "/api/v1/projects/{{maison}}/changes?since={{caught_up}}"
    Then the response field "data" has 0 items

  Scenario: The documents of the project and of its tasks are in the feed, and leave a tombstone when deleted
    Given I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Coffrage", "duration_days": 3}
      """
    And I remember the response field "id" as "coffrage"
    And I send GET "/api/v1/projects/{{maison}}/changes"
    And I remember the response field "next_since" as "cursor"
    When I upload a PDF saying "Plan de coffrage" as "plan-coffrage.pdf" to "/api/v1/projects/{{maison}}/documents"
    And I remember the response field "id" as "plan"
    Given I am "arno"
    When I upload a PDF saying "Coffrage termine" as "photo-coffrage.pdf" to "/api/v1/tasks/{{coffrage}}/documents"
    And I remember the response field "id" as "photo"
    Given I am "eva"
    When I send GET "/api/v1/projects/{{maison}}/changes?since={{cursor}}"
    Then the response field "data" has 2 items
    And the response field "data[0].kind" is "document"
    And the response field "data[0].document.title" is "plan-coffrage.pdf"
    And the response field "data[0].document.entity_type" is "project"
    And the response field "data[1].document.entity_type" is "task"
    And the response field "data[1].document.entity_id" is "{{coffrage}}"
    And the response field "data[1].document.current_version" is the number 1
    And I remember the response field "next_since" as "cursor"
    When I send DELETE "/api/v1/documents/{{plan}}"
    Then the response status is 204
    # A task deleted takes its documents with it.
    When I send DELETE "/api/v1/tasks/{{coffrage}}"
    Then the response status is 204
    When I send GET "/api/v1/documents/{{photo}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/projects/{{maison}}/changes?since={{cursor}}"
    Then the response field "data" has 3 items
    And the response field "data[0].id" is "{{plan}}"
    And the response field "data[0].operation" is "delete"
    And the response field "data[1].id" is "{{photo}}"
    And the response field "data[1].operation" is "delete"
    And the response field "data[2].kind" is "task"
    And the response field "data[2].operation" is "delete"
