Feature: The project's chat, live for its members and for no one else, and comments on tasks and documents
  A building site talks in one place instead of WhatsApp and email: every member of the project,
  subcontractors included, posts to its chat. A message can name a member with @ and their full
  name, or their first name when no one else on the project has it: the person named is
  notified. Plans and photos uploaded as documents are attached by their id. The chat reaches the
  members live on the WebSocket /ws/projects/{id}; someone who is not on the project is refused,
  and a member of another project hears nothing of it. Each member's read position gives their
  unread count and each message's readers; the chat is read in pages from the newest back, and
  its messages are found by the search of those who may read them.
  Tasks and documents carry comments, in threads: whoever may read one comments on it, and a
  person named who may read it too is notified.

  Background:
    Given the API is running
    And the construction company "BTP Martin" of "marc", with its members:
      | name | role                |
      | eva  | entreprise_generale |
      | arno | architecte          |
      | sami | sous_traitant       |
      | zoe  | architecte          |
    And I am "eva"
    And I send POST "/api/v1/projects"
      """
      {"name": "Maison Dupont", "reference": "CH-2026-011", "client_name": "Famille Dupont"}
      """
    And I remember the response field "id" as "maison"
    And I send POST "/api/v1/projects/{{maison}}/trades"
      """
      {"name": "Plomberie", "kind": "plumbing", "contractor": "Sanitaires Sami"}
      """
    And I remember the response field "id" as "plomberie"
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{arno.id}}", "role": "architecte"}
      """
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{sami.id}}", "role": "sous_traitant", "trade_ids": ["{{plomberie}}"]}
      """
    Given I am "zoe"
    And I send POST "/api/v1/projects"
      """
      {"name": "École du Parc", "reference": "CH-2026-014", "client_name": "Commune d'Uccle"}
      """
    And I remember the response field "id" as "ecole"

  Scenario: A message reaches the project's members live, and no one else
    When "eva" posts "Béton livré demain à 7h" to the chat of "maison" while these people listen:
      | person | project | hears            |
      | arno   | maison  | the message      |
      | sami   | maison  | the message      |
      | zoe    | maison  | refused 4404     |
      | zoe    | ecole   | nothing          |
    Given I am "sami"
    When I send GET "/api/v1/projects/{{maison}}/messages"
    Then the response status is 200
    And the response field "data" has 1 items
    And the response field "data[0].body" is "Béton livré demain à 7h"
    And the response field "data[0].author_name" is "Eva"
    And the response field "data[0].sequence" is the number 1
    And the response field "unread" is the number 1
    When I send GET "/api/v1/search?q=beton livre&type=project_message"
    Then the response field "data" has an item whose "title" is "Maison Dupont"
    Given I am "zoe"
    When I send GET "/api/v1/search?q=beton livre"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/projects/{{maison}}/messages"
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Je passe voir ?"}
      """
    Then the response is a problem 404 with code "not_found"

  Scenario: A mention notifies the member named, by full name or by a first name no one else has
    Given I am "sami"
    When I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "@Arno la fuite est réparée, @eva tu peux vérifier ? (@Zoe n'est pas sur le chantier)"}
      """
    Then the response status is 201
    And the response field "mentions" lists "{{arno.id}}, {{eva.id}}"
    And the response field "author_name" is "Sami"
    Given I am "arno"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "construction.mentioned"
    And the response field "data[0].title" is "Sami vous mentionne : Maison Dupont"
    Given I am "zoe"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 0 items

  Scenario: Read positions give each member's unread count and each message's readers
    Given I am "eva"
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Réunion de chantier lundi"}
      """
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Ordre du jour : planning et réserves"}
      """
    Given I am "arno"
    When I send GET "/api/v1/projects/{{maison}}/messages"
    Then the response field "unread" is the number 2
    When I send POST "/api/v1/projects/{{maison}}/messages/read"
      """
      {"up_to": 1}
      """
    Then the response status is 200
    And the response field "last_read" is the number 1
    And the response field "unread" is the number 1
    # A late request for an older position does not move it back.
    When I send POST "/api/v1/projects/{{maison}}/messages/read"
      """
      {"up_to": 0}
      """
    Then the response field "last_read" is the number 1
    When I send POST "/api/v1/projects/{{maison}}/messages/read"
    Then the response field "last_read" is the number 2
    And the response field "unread" is the number 0
    Given I am "eva"
    When I send GET "/api/v1/projects/{{maison}}/messages"
    Then the response field "unread" is the number 0
    And the response field "data[0].read_by" lists "{{arno.id}}"

  Scenario: The chat is read in pages from the newest back
    Given I am "eva"
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Un"}
      """
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Deux"}
      """
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Trois"}
      """
    When I send GET "/api/v1/projects/{{maison}}/messages?limit=2"
    Then the response field "data" has 2 items
    And the response field "data[0].body" is "Trois"
    And the response field "data[1].body" is "Deux"
    And the response field "next_before" is the number 2
    When I send GET "/api/v1/projects/{{maison}}/messages?limit=2&before=2"
    Then the response field "data" has 1 items
    And the response field "data[0].body" is "Un"
    When I send GET "/api/v1/projects/{{maison}}/messages?limit=500"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "limit"

  Scenario: A message is checked: its text, and documents of the organization only
    Given I am "eva"
    When I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "   "}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "body"
    When I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Voir le plan", "attachments": ["6f1c3a52-0d5e-4a59-9a57-6c3f6a1e2b10"]}
      """
    Then the response is a problem 404 with code "not_found"
    When I upload a PDF saying "Plan du rez-de-chaussée" as "plan-rdc.pdf" to "/api/v1/documents" with the fields:
      | field | value |
      | title | Plan du rez-de-chaussée |
      | type  | plan  |
    And I remember the response field "id" as "plan"
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Voir le plan", "attachments": ["{{plan}}"]}
      """
    Then the response status is 201
    And the response field "attachments" lists "{{plan}}"

  Scenario: Comments on a task, in threads; the person named is told when they see the task
    Given I am "eva"
    And I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Pose des sanitaires", "trade_id": "{{plomberie}}", "duration_days": 2}
      """
    And I remember the response field "id" as "sanitaires"
    And I send POST "/api/v1/projects/{{maison}}/tasks"
      """
      {"title": "Charpente", "duration_days": 5}
      """
    And I remember the response field "id" as "charpente"
    Given I am "arno"
    When I send POST "/api/v1/tasks/{{sanitaires}}/comments"
      """
      {"body": "@Sami les WC suspendus, pas au sol. @Zoe pour info"}
      """
    Then the response status is 201
    And the response field "mentions" lists "{{sami.id}}"
    And the response field "author_name" is "Arno"
    And I remember the response field "id" as "question"
    Given I am "sami"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "comment.mentioned"
    And the response field "data[0].title" is "Arno vous mentionne : la tâche « Pose des sanitaires »"
    When I send POST "/api/v1/tasks/{{sanitaires}}/comments"
      """
      {"body": "C'est noté, pose jeudi", "parent_id": "{{question}}"}
      """
    Then the response status is 201
    And the response field "thread_id" is "{{question}}"
    And I remember the response field "id" as "answer"
    # Answering the answer stays in the same thread.
    Given I am "eva"
    When I send POST "/api/v1/tasks/{{sanitaires}}/comments"
      """
      {"body": "Parfait", "parent_id": "{{answer}}"}
      """
    Then the response field "thread_id" is "{{question}}"
    When I send POST "/api/v1/tasks/{{sanitaires}}/comments"
      """
      {"body": "Et la robinetterie ?"}
      """
    When I send GET "/api/v1/tasks/{{sanitaires}}/comments"
    Then the response status is 200
    And the response field "data" has 2 items
    And the response field "data[0].body" is "@Sami les WC suspendus, pas au sol. @Zoe pour info"
    And the response field "data[0].replies" has 2 items
    And the response field "data[0].replies[0].author_name" is "Sami"
    And the response field "data[0].replies[1].body" is "Parfait"
    And the response field "data[1].replies" has 0 items
    # A reply belongs to the thread's task; the subcontractor sees only their trade's tasks.
    When I send POST "/api/v1/tasks/{{charpente}}/comments"
      """
      {"body": "Hors sujet", "parent_id": "{{question}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "parent_id"
    When I send POST "/api/v1/tasks/{{charpente}}/comments"
      """
      {"body": "@Sami tu peux passer voir la charpente ?"}
      """
    Then the response status is 201
    And the response field "mentions" has 0 items
    Given I am "sami"
    When I send GET "/api/v1/tasks/{{charpente}}/comments"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    Given I am "zoe"
    When I send GET "/api/v1/tasks/{{sanitaires}}/comments"
    Then the response is a problem 404 with code "not_found"

  Scenario: Comments on a document, read by whoever may read the document
    Given I am "eva"
    When I upload a PDF saying "Plan des réseaux" as "reseaux.pdf" to "/api/v1/documents" with the fields:
      | field | value            |
      | title | Plan des réseaux |
      | type  | plan             |
    And I remember the response field "id" as "plan"
    Given I am "arno"
    When I send POST "/api/v1/documents/{{plan}}/comments"
      """
      {"body": "@Eva le plan est validé, sauf la gaine technique"}
      """
    Then the response status is 201
    And the response field "mentions" lists "{{eva.id}}"
    And the response field "subject_type" is "document"
    Given I am "eva"
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].title" is "Arno vous mentionne : le document « Plan des réseaux »"
    Given I am "zoe"
    When I send GET "/api/v1/documents/{{plan}}/comments"
    Then the response field "data" has 1 items
    And the response field "data[0].author_name" is "Arno"
    When I send POST "/api/v1/documents/6f1c3a52-0d5e-4a59-9a57-6c3f6a1e2b10/comments"
      """
      {"body": "Existe-t-il ?"}
      """
    Then the response is a problem 404 with code "not_found"

  Scenario: The whole chat is exported for a dispute file, as JSON or as a PDF
    Given I am "eva"
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "Fissure constatée sur le linteau de la cuisine"}
      """
    Given I am "arno"
    And I send POST "/api/v1/projects/{{maison}}/messages"
      """
      {"body": "@Eva je passe la voir demain"}
      """
    When I send GET "/api/v1/projects/{{maison}}/messages/export"
    Then the response status is 200
    And the response field "reference" is "CH-2026-011"
    And the response field "messages" has 2 items
    And the response field "messages[0].body" is "Fissure constatée sur le linteau de la cuisine"
    And the response field "messages[1].author_name" is "Arno"
    And the response field "messages[1].mentions" lists "{{eva.id}}"
    When I send GET "/api/v1/projects/{{maison}}/messages/export?format=pdf"
    Then the response status is 200
    And the response header "Content-Type" is "application/pdf"
    And the downloaded PDF reads "Fil du chantier"
    And the downloaded PDF reads "Fissure constatée sur le linteau de la cuisine"
    When I send GET "/api/v1/projects/{{maison}}/messages/export?format=docx"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "format"
    Given I am "zoe"
    When I send GET "/api/v1/projects/{{maison}}/messages/export"
    Then the response is a problem 404 with code "not_found"
