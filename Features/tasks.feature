Feature: A project's tasks: dependencies, the critical path, progress and the board
  Tasks depend on one another finish-to-start, with a lag in days. A dependency that would close
  a cycle is refused, naming it, and a task cannot start before its predecessors are done. The
  schedule gives each task its earliest and latest days and its slack; the tasks without slack
  are the critical path, and the project's expected end is the last day of it. When the end
  moves later, the project's managers are told. Progress is the weighted completion, rolled up
  from tasks to their trade and to the project.

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
    And the tasks of the project "maison":
      | as          | title        | days | after                  |
      | terrasse    | Terrassement | 5    |                        |
      | fondations  | Fondations   | 10   | terrasse               |
      | grosoeuvre  | Gros œuvre   | 20   | fondations             |
      | electricite | Électricité  | 8    | fondations+2           |
      | plomberie   | Plomberie    | 6    | fondations             |
      | finitions   | Finitions    | 5    | grosoeuvre, electricite, plomberie |

  Scenario: The critical path and each task's slack, on a worked example
    When I send GET "/api/v1/projects/{{maison}}/gantt"
    Then the response field "expected_end" is "2027-04-09"
    And the response field "critical_path" has 4 items
    And the response field "critical_path[0]" is "{{terrasse}}"
    And the response field "critical_path[3]" is "{{finitions}}"
    And the response field "tasks[2].critical" is true
    And the response field "tasks[3].early_start" is "2027-03-18"
    And the response field "tasks[3].early_finish" is "2027-03-25"
    And the response field "tasks[3].slack_days" is the number 10
    And the response field "tasks[3].late_start" is "2027-03-28"
    And the response field "tasks[4].slack_days" is the number 14
    And the response field "tasks[5].early_start" is "2027-04-05"
    And the response field "dependencies" has 7 items

  Scenario: A dependency that would close a cycle is refused, naming it
    When I send POST "/api/v1/tasks/{{terrasse}}/dependencies"
      """
      {"predecessor_id": "{{fondations}}"}
      """
    Then the response is a problem 422 with code "dependency_cycle"
    And the response field "detail" is "the dependency would close a cycle: Fondations → Terrassement → Fondations"
    When I send POST "/api/v1/tasks/{{terrasse}}/dependencies"
      """
      {"predecessor_id": "{{terrasse}}"}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: A task cannot start before its predecessors are done
    When I send PATCH "/api/v1/tasks/{{fondations}}/status"
      """
      {"status": "in_progress"}
      """
    Then the response is a problem 409 with code "predecessors_not_done"
    And the response field "detail" is "the task cannot start before its predecessors are done: Terrassement"
    Given I send PATCH "/api/v1/tasks/{{terrasse}}/status"
      """
      {"status": "in_progress"}
      """
    And I send PATCH "/api/v1/tasks/{{terrasse}}/status"
      """
      {"status": "done"}
      """
    When I send PATCH "/api/v1/tasks/{{fondations}}/status"
      """
      {"status": "in_progress"}
      """
    Then the response field "status" is "in_progress"

  Scenario: A critical task that slips moves the expected end, and the project's managers are told
    When I send PATCH "/api/v1/tasks/{{plomberie}}"
      """
      {"duration_days": 9}
      """
    And I send GET "/api/v1/projects/{{maison}}"
    Then the response field "expected_end" is "2027-04-09"
    When I send PATCH "/api/v1/tasks/{{grosoeuvre}}"
      """
      {"duration_days": 25}
      """
    And I send GET "/api/v1/projects/{{maison}}"
    Then the response field "expected_end" is "2027-04-14"
    Given I am "arno"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "construction.schedule_slipped"
    And the response field "data[0].entity_id" is "{{maison}}"

  Scenario: Progress is weighted and rolled up from tasks to their trade and to the project
    Given I send POST "/api/v1/projects"
      """
      {"name": "Rénovation Leroy", "reference": "CH-2027-005", "client_name": "M. Leroy"}
      """
    And I remember the response field "id" as "leroy"
    And I send POST "/api/v1/projects/{{leroy}}/trades"
      """
      {"name": "Gros œuvre", "kind": "structural_work"}
      """
    And I remember the response field "id" as "structure"
    And I send POST "/api/v1/projects/{{leroy}}/trades"
      """
      {"name": "Peinture", "kind": "finishes"}
      """
    And I remember the response field "id" as "peinture"
    And the tasks of the project "leroy":
      | as   | title        | days | trade     | weight |
      | dalle| Dalle        | 2    | structure | 1      |
      | murs | Murs         | 4    | structure | 2      |
      | toit | Charpente    | 6    | structure | 3      |
      | pein | Mise en peinture | 3 | peinture | 4      |
    And I send PATCH "/api/v1/tasks/{{dalle}}/status"
      """
      {"status": "in_progress"}
      """
    And I send PATCH "/api/v1/tasks/{{dalle}}/status"
      """
      {"status": "done"}
      """
    And I send PATCH "/api/v1/tasks/{{murs}}"
      """
      {"percent_complete": 50}
      """
    When I send GET "/api/v1/projects/{{leroy}}"
    Then the response field "progress" is the number 20
    And the response field "trades[0].name" is "Gros œuvre"
    And the response field "trades[0].progress" is the number 33.3
    And the response field "trades[1].progress" is the number 0

  Scenario: The board shows the tasks by status in the team's order; a stale change is refused with the current task
    When I send PATCH "/api/v1/tasks/{{finitions}}"
      """
      {"position": 0, "version": 1}
      """
    Then the response field "version" is the number 2
    And I send PATCH "/api/v1/tasks/{{terrasse}}"
      """
      {"position": 9}
      """
    When I send GET "/api/v1/projects/{{maison}}/board"
    Then the response field "columns[0].status" is "todo"
    And the response field "columns[0].tasks" has 6 items
    And the response field "columns[0].tasks[0].title" is "Finitions"
    And the response field "columns[0].tasks[5].title" is "Terrassement"
    When I send PATCH "/api/v1/tasks/{{finitions}}"
      """
      {"percent_complete": 10, "version": 1}
      """
    Then the response is a problem 409 with code "stale_version"
    And the response field "current_task.version" is the number 2
    And the response field "current_task.position" is the number 0
