Feature: Construction projects, and what each project role sees and does
  A project is shared by its client (maître d'ouvrage), its architect, its general contractor
  and its subcontractors. Organization roles only allow creating projects; inside a project,
  the project role decides. A subcontractor sees the project and its own trades' tasks, and
  works only on those; the client follows the progress but does not plan; on a project that
  requires it, only the architect or the general contractor marks a task done. Whoever is not a
  member of a project does not see it at all.

  Background:
    Given the API is running
    And today is "2027-02-15"
    And the construction company "BTP Martin" of "marc", with its members:
      | name | role                |
      | eva  | entreprise_generale |
      | arno | architecte          |
      | sami | sous_traitant       |
      | paul | sous_traitant       |
      | cleo | maitre_ouvrage      |
      | lina | architecte          |
      | tim  | technicien          |
    And I am "eva"
    And I send POST "/api/v1/projects"
      """
      {"name": "Maison Dupont", "reference": "CH-2027-004", "client_name": "Famille Dupont", "address": "Rue des Tilleuls 12, 1050 Ixelles", "start_date": "2027-03-01", "requires_validation": true}
      """
    And I remember the response field "id" as "maison"
    And I send POST "/api/v1/projects/{{maison}}/trades"
      """
      {"name": "Plomberie", "kind": "plumbing", "contractor": "Sanitaires Sami"}
      """
    And I remember the response field "id" as "plomberie"
    And I send POST "/api/v1/projects/{{maison}}/trades"
      """
      {"name": "Courant fort", "kind": "electricity", "contractor": "Élec Paul"}
      """
    And I remember the response field "id" as "courant"
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{arno.id}}", "role": "architecte"}
      """
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{sami.id}}", "role": "sous_traitant", "trade_ids": ["{{plomberie}}"]}
      """
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{paul.id}}", "role": "sous_traitant", "trade_ids": ["{{courant}}"]}
      """
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{cleo.id}}", "role": "maitre_ouvrage"}
      """
    And the tasks of the project "maison":
      | as     | title                    | days | trade     |
      | tuyaux | Tuyauterie de la cuisine | 3    | plomberie |
      | cables | Câblage du rez           | 4    | courant   |

  Scenario: The creator takes their role in the project; its members see it, others do not
    When I send GET "/api/v1/projects/{{maison}}"
    Then the response field "my_role" is "entreprise_generale"
    And the response field "members" has 5 items
    And the response field "status" is "planned"
    Given I am "cleo"
    When I send GET "/api/v1/projects"
    Then the response field "data" has 1 items
    And the response field "data[0].reference" is "CH-2027-004"
    Given I am "lina"
    When I send GET "/api/v1/projects"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/projects/{{maison}}"
    Then the response is a problem 404 with code "not_found"
    Given I am "tim"
    When I send GET "/api/v1/projects"
    Then the response is a problem 403 with code "forbidden"

  Scenario: A subcontractor sees their own trade's tasks, works on them, and plans nothing
    Given I am "sami"
    When I send GET "/api/v1/projects/{{maison}}/tasks"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Tuyauterie de la cuisine"
    When I send GET "/api/v1/tasks/{{cables}}"
    Then the response is a problem 404 with code "not_found"
    When I send PATCH "/api/v1/tasks/{{tuyaux}}"
      """
      {"percent_complete": 50}
      """
    Then the response field "percent_complete" is the number 50
    When I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Chauffe-eau", "duration_days": 1}
      """
    Then the response is a problem 403 with code "project_role"
    When I send PATCH "/api/v1/projects/{{maison}}"
      """
      {"status": "in_progress"}
      """
    Then the response is a problem 403 with code "project_role"

  Scenario: On a project that requires validation, the architect marks a task done, and the client follows
    Given I am "sami"
    When I send PATCH "/api/v1/tasks/{{tuyaux}}/status"
      """
      {"status": "in_progress"}
      """
    Then the response field "status" is "in_progress"
    When I send PATCH "/api/v1/tasks/{{tuyaux}}/status"
      """
      {"status": "done"}
      """
    Then the response is a problem 403 with code "validation_required"
    Given I am "cleo"
    When I send PATCH "/api/v1/tasks/{{tuyaux}}/status"
      """
      {"status": "done"}
      """
    Then the response is a problem 403 with code "project_role"
    Given I am "arno"
    When I send PATCH "/api/v1/tasks/{{tuyaux}}/status"
      """
      {"status": "done"}
      """
    Then the response field "status" is "done"
    And the response field "validated_by" is "{{arno.id}}"
    Given I am "cleo"
    When I send GET "/api/v1/projects/{{maison}}"
    Then the response field "progress" is the number 50
    And the response field "trades[0].name" is "Courant fort"
    And the response field "trades[0].progress" is the number 0
    And the response field "trades[1].progress" is the number 100

  Scenario: A member taken off the project no longer sees it; a project moves along its states
    When I send DELETE "/api/v1/projects/{{maison}}/members/{{paul.id}}"
    Then the response status is 204
    Given I am "paul"
    When I send GET "/api/v1/projects/{{maison}}"
    Then the response is a problem 404 with code "not_found"
    Given I am "eva"
    When I send PATCH "/api/v1/projects/{{maison}}"
      """
      {"status": "completed"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send PATCH "/api/v1/projects/{{maison}}"
      """
      {"status": "in_progress"}
      """
    Then the response field "status" is "in_progress"
    When I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{lina.id}}", "role": "sous_traitant"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "trade_ids"
    When I send PATCH "/api/v1/projects/{{maison}}"
      """
      {"start_date": "9999-12-01"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "start_date"
    When I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{tim.id}}", "role": "architecte"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "user_id"

  Scenario: A subcontractor of another company joins the project as a guest, and sees nothing else of the organization
    Given "olga" has registered the organization "Toitures Olga"
    And I am "eva"
    And I send POST "/api/v1/projects"
      """
      {"name": "Entrepôt Nord", "reference": "CH-2027-009", "client_name": "Logistique SA"}
      """
    And I remember the response field "id" as "entrepot"
    And I send POST "/api/v1/projects/{{maison}}/trades"
      """
      {"name": "Toiture", "kind": "roofing", "contractor": "Toitures Olga"}
      """
    And I remember the response field "id" as "toiture"
    And the tasks of the project "maison":
      | as     | title           | days | trade   |
      | tuiles | Pose des tuiles | 5    | toiture |
    When I send POST "/api/v1/projects/{{maison}}/guests"
      """
      {"email": "olga@example.com", "role": "sous_traitant", "trade_ids": ["{{toiture}}"]}
      """
    Then the response status is 201
    And the response field "role" is "sous_traitant"
    And I remember the response field "token" as "invitation"
    # Olga accepts with the account she has, then opens a session in the builder's organization.
    Given I am "olga"
    When I send POST "/api/v1/auth/invitations/accept"
      """
      {"invitation_token": "{{invitation}}"}
      """
    Then the response status is 200
    And the response field "roles" lists "project_guest"
    And the response field "organization_id" is "{{marc.org}}"
    When I send POST "/api/v1/auth/invitations/accept"
      """
      {"invitation_token": "{{invitation}}"}
      """
    Then the response is a problem 409 with code "invitation_not_pending"
    # Her own company is untouched.
    When I send GET "/api/v1/auth/me"
    Then the response field "roles" lists "admin"
    Given "olga" logs in to the organization of "marc"
    And I am "olga"
    When I send GET "/api/v1/projects"
    Then the response field "data" has 1 items
    And the response field "data[0].reference" is "CH-2027-004"
    When I send GET "/api/v1/projects/{{maison}}"
    Then the response field "my_role" is "sous_traitant"
    When I send GET "/api/v1/projects/{{maison}}/tasks"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Pose des tuiles"
    When I send PATCH "/api/v1/tasks/{{tuiles}}"
      """
      {"percent_complete": 20}
      """
    Then the response field "percent_complete" is the number 20
    # Nothing else of the organization: not its other projects, its people or its documents.
    When I send GET "/api/v1/projects/{{entrepot}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/users"
    Then the response is a problem 403 with code "forbidden"
    When I send GET "/api/v1/users/{{eva.id}}"
    Then the response is a problem 403 with code "forbidden"
    When I send GET "/api/v1/documents"
    Then the response is a problem 403 with code "forbidden"
    When I send POST "/api/v1/projects"
      """
      {"name": "Chantier à moi", "reference": "X-1", "client_name": "Moi"}
      """
    Then the response is a problem 403 with code "forbidden"

  Scenario: Someone without an account registers with the project's invitation and lands in the project
    Given I am "eva"
    When I send POST "/api/v1/projects/{{maison}}/guests"
      """
      {"email": "hugo@example.com", "role": "architecte"}
      """
    Then the response status is 201
    And I remember the response field "token" as "hugo.invitation"
    When "hugo" registers with the invitation
    And I am "hugo"
    And I send GET "/api/v1/projects/{{maison}}"
    Then the response field "my_role" is "architecte"
    And the response field "members" has 6 items
    # Those already in the organization are added as members; a subcontractor plans no guests.
    Given I am "eva"
    When I send POST "/api/v1/projects/{{maison}}/guests"
      """
      {"email": "lina@example.com", "role": "architecte"}
      """
    Then the response is a problem 409 with code "already_member"
    When I send POST "/api/v1/projects/{{maison}}/guests"
      """
      {"email": "ines@example.com", "role": "sous_traitant"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "trade_ids"
    Given I am "sami"
    When I send POST "/api/v1/projects/{{maison}}/guests"
      """
      {"email": "ines@example.com", "role": "sous_traitant", "trade_ids": ["{{plomberie}}"]}
      """
    Then the response is a problem 403 with code "project_role"

  Scenario: The project's documents and each task's, for the members who see them
    Given I am "eva"
    When I upload a PDF saying "Plan de la toiture" as "plan-toiture.pdf" to "/api/v1/projects/{{maison}}/documents"
    Then the response status is 201
    And the response field "entity_type" is "project"
    Given I am "sami"
    When I upload a PDF saying "Tuyauterie posee" as "tuyauterie.pdf" to "/api/v1/tasks/{{tuyaux}}/documents"
    Then the response status is 201
    When I upload a PDF saying "Cables" as "cables.pdf" to "/api/v1/tasks/{{cables}}/documents"
    Then the response is a problem 404 with code "not_found"
    # Inside a project the project role decides, whatever the organization role.
    When I upload a PDF saying "Mon plan" as "mon-plan.pdf" to "/api/v1/projects/{{maison}}/documents"
    Then the response is a problem 403 with code "project_role"
    When I send GET "/api/v1/projects/{{maison}}/documents"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "plan-toiture.pdf"
    When I send GET "/api/v1/tasks/{{tuyaux}}/documents"
    Then the response field "data" has 1 items
    Given I am "paul"
    When I send GET "/api/v1/tasks/{{tuyaux}}/documents"
    Then the response is a problem 404 with code "not_found"
    Given I am "lina"
    When I send GET "/api/v1/projects/{{maison}}/documents"
    Then the response is a problem 404 with code "not_found"
    # The organization's document list leaves them out: they are the project's.
    When I send GET "/api/v1/documents"
    Then the response field "data" has no item whose "title" is "plan-toiture.pdf"
    Given I am "eva"
    When I send GET "/api/v1/documents"
    Then the response field "data" has no item whose "title" is "plan-toiture.pdf"
