Feature: Acceptance of the works, with its snag list and the warranties it starts
  The works of a trade, or of the whole project, are accepted in two stages. At the provisional
  acceptance (réception provisoire) the client and the architect list what is still to be put
  right: the snags (réserves), each with the trade responsible and a deadline. The trade marks a
  snag fixed; the client or the architect verifies it. The final acceptance (réception
  définitive) is refused while a snag is not verified, or while the provisional record lacks the
  signature of the client or of the architect. Each stage's record is printed as a PDF with its
  signatures. The provisional acceptance starts each trade's warranty: ten years (the décennale)
  for earthworks, structural work and roofing, one year for the other trades, counted from date
  to date. The client and the architect are told once when a warranty ends within 90 days.

  Background:
    Given the API is running
    And today is "2027-02-15"
    And the construction company "BTP Martin" of "marc", with its members:
      | name | role                |
      | eva  | entreprise_generale |
      | arno | architecte          |
      | cleo | maitre_ouvrage      |
      | sami | sous_traitant       |
    And I am "eva"
    And I send POST "/api/v1/projects"
      """
      {"name": "Maison Dupont", "reference": "CH-2026-011", "client_name": "Famille Dupont", "start_date": "2026-01-05"}
      """
    And I remember the response field "id" as "maison"
    And I send POST "/api/v1/projects/{{maison}}/trades"
      """
      {"name": "Gros œuvre", "kind": "structural_work", "contractor": "Béton Bruxelles"}
      """
    And I remember the response field "id" as "structure"
    And I send POST "/api/v1/projects/{{maison}}/trades"
      """
      {"name": "Plomberie", "kind": "plumbing", "contractor": "Sanitaires Sami"}
      """
    And I remember the response field "id" as "plomberie"
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{cleo.id}}", "role": "maitre_ouvrage"}
      """
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{arno.id}}", "role": "architecte"}
      """
    And I send POST "/api/v1/projects/{{maison}}/members"
      """
      {"user_id": "{{sami.id}}", "role": "sous_traitant", "trade_ids": ["{{plomberie}}"]}
      """

  Scenario: The final acceptance is refused while a snag is open, and given once it is verified
    Given I am "arno"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"trade_id": "{{plomberie}}", "date": "2027-02-10", "snags": [{"title": "Fuite sous l'évier de la cuisine", "deadline": "2027-03-10"}]}
      """
    Then the response status is 201
    And the response field "stage" is "provisional"
    And the response field "missing_signatures" lists "maitre_ouvrage"
    And the response field "open_snags" is the number 1
    And the response field "snags[0].trade_id" is "{{plomberie}}"
    And I remember the response field "id" as "reception"
    And I remember the response field "snags[0].id" as "fuite"
    When I send POST "/api/v1/acceptances/{{reception}}/final"
      """
      {"date": "2027-02-15"}
      """
    Then the response status is 409
    And the response field "code" is "not_signed_off"
    Given I am "cleo"
    When I send POST "/api/v1/acceptances/{{reception}}/sign-off"
    Then the response status is 200
    And the response field "missing_signatures" has 0 items
    When I send POST "/api/v1/acceptances/{{reception}}/final"
      """
      {"date": "2027-02-15"}
      """
    Then the response status is 409
    And the response field "code" is "snags_open"
    And the response field "detail" contains "Fuite sous l'évier de la cuisine"
    Given I am "sami"
    When I send PATCH "/api/v1/snags/{{fuite}}/status"
      """
      {"status": "verified"}
      """
    Then the response status is 403
    And the response field "code" is "project_role"
    When I send PATCH "/api/v1/snags/{{fuite}}/status"
      """
      {"status": "fixed"}
      """
    Then the response status is 200
    And the response field "status" is "fixed"
    Given I am "cleo"
    When I send POST "/api/v1/acceptances/{{reception}}/final"
      """
      {"date": "2027-02-15"}
      """
    Then the response status is 409
    And the response field "code" is "snags_open"
    When I send PATCH "/api/v1/snags/{{fuite}}/status"
      """
      {"status": "verified"}
      """
    Then the response status is 200
    When I send POST "/api/v1/acceptances/{{reception}}/final"
      """
      {"date": "2027-02-15"}
      """
    Then the response status is 200
    And the response field "stage" is "final"
    And the response field "final_on" is "2027-02-15"
    And the response field "missing_signatures" lists "architecte"
    When I send POST "/api/v1/acceptances/{{reception}}/snags"
      """
      {"title": "Robinet qui goutte", "deadline": "2027-03-01"}
      """
    Then the response status is 409
    And the response field "code" is "acceptance_final"
    Given I am "arno"
    When I send POST "/api/v1/acceptances/{{reception}}/sign-off"
    Then the response status is 200
    And the response field "missing_signatures" has 0 items
    When I send GET "/api/v1/acceptances/{{reception}}/record.pdf"
    Then the response status is 200
    And the downloaded PDF reads "Procès-verbal de réception définitive"
    And the downloaded PDF reads "Fuite sous l'évier de la cuisine"
    And the downloaded PDF reads "levée et vérifiée"

  Scenario: A subcontractor fixes only the snags of their own trade
    Given I am "arno"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"date": "2027-02-12", "snags": [{"trade_id": "{{structure}}", "title": "Fissure du linteau du garage", "deadline": "2027-04-01"}, {"trade_id": "{{plomberie}}", "title": "Pression d'eau trop faible à l'étage", "deadline": "2027-03-01"}]}
      """
    Then the response status is 201
    And the response field "snags" has 2 items
    And I remember the response field "id" as "reception"
    And I remember the response field "snags[0].id" as "pression"
    And I remember the response field "snags[1].id" as "fissure"
    Given I am "sami"
    When I send PATCH "/api/v1/snags/{{fissure}}/status"
      """
      {"status": "fixed"}
      """
    Then the response status is 403
    And the response field "code" is "not_your_trade"
    When I send PATCH "/api/v1/snags/{{pression}}/status"
      """
      {"status": "fixed"}
      """
    Then the response status is 200
    When I send PATCH "/api/v1/snags/{{pression}}/status"
      """
      {"status": "fixed"}
      """
    Then the response status is 409
    And the response field "code" is "illegal_transition"

  Scenario: The provisional acceptance starts ten years for the structure and one year for the plumbing
    Given I am "arno"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"date": "2026-03-01", "remarks": "Réception de l'ensemble des travaux, sans réserve."}
      """
    Then the response status is 201
    And the response field "warranties" has 2 items
    When I send GET "/api/v1/projects/{{maison}}/warranties"
    Then the response field "data" has an item whose "ends_on" is "2036-03-01"
    And the response field "data" has an item whose "ends_on" is "2027-03-01"
    And the response field "data" has an item whose "kind" is "decennial"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"trade_id": "{{plomberie}}", "date": "2026-03-01"}
      """
    Then the response status is 409
    And the response field "code" is "already_accepted"
    When the job "project-warranties" runs
    And the job "project-warranties" runs
    Given I am "cleo"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "construction.warranty_ending"
    And the response field "data[0].title" is "Garantie du lot Plomberie jusqu'au 2027-03-01"
    Given I am "eva"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 0 items

  Scenario: Only the client and the architect pronounce an acceptance, and its input is checked
    Given I am "eva"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"date": "2027-02-10"}
      """
    Then the response status is 403
    And the response field "code" is "project_role"
    Given I am "cleo"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"snags": []}
      """
    Then the response status is 422
    And the problem names the field "date"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"date": "2027-03-01"}
      """
    Then the response status is 422
    And the problem names the field "date"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"date": "2027-02-10", "snags": [{"title": "Joint de carrelage", "deadline": "2027-03-01"}]}
      """
    Then the response status is 422
    And the problem names the field "snags[0].trade_id"
    When I send POST "/api/v1/projects/{{maison}}/acceptances"
      """
      {"trade_id": "{{plomberie}}", "date": "2027-02-10", "snags": [{"title": "Joint", "deadline": "2027-13-01"}]}
      """
    Then the response status is 422
    And the problem names the field "snags[0].deadline"
    When I send GET "/api/v1/projects/{{maison}}/acceptances"
    Then the response field "data" has 0 items
