Feature: A project's budget against its real costs, with drift alerts
  A project has a budget per trade, in versions: the initial budget, then each revision with its
  reason. Signed quotes and change orders commit money; invoices spend it. The budget status
  gives, per trade and in total, the budget, what is committed and spent, what remains, the
  forecast at completion and the drift. When the costs of a trade, or of the whole project,
  reach a threshold of its budget (80 % and 100 % unless the budget says otherwise), the client
  and the general contractor are told, once per threshold, in the transaction that records the
  cost. The client sees each trade's budget against its cost but not the commitments; a
  subcontractor sees only their own trade.

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
      {"name": "Maison Dupont", "reference": "CH-2027-004", "client_name": "Famille Dupont", "start_date": "2027-03-01", "end_date": "2027-06-30"}
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
    And I send POST "/api/v1/projects/{{maison}}/budget"
      """
      {"trades": [{"trade_id": "{{structure}}", "amount": "100000.00"}, {"trade_id": "{{plomberie}}", "amount": "20000.00"}]}
      """

  Scenario: The drift alert is raised once, when the costs reach 80 % of a trade's budget
    When I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{structure}}", "kind": "quote", "amount": "75000.00", "supplier": "Béton Bruxelles", "reference": "DEV-118", "date": "2027-02-20"}
      """
    Then the response status is 201
    Given I am "cleo"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 0 items
    Given I am "eva"
    When I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{structure}}", "kind": "change_order", "amount": "6000.00", "reference": "AV-1", "date": "2027-03-10"}
      """
    Then the response status is 201
    When I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{structure}}", "kind": "invoice", "amount": "30000.00", "reference": "F-2027-031", "date": "2027-03-31"}
      """
    Then the response status is 201
    Given I am "cleo"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "construction.budget_drift"
    And the response field "data[0].title" is "Budget à 80 % : Maison Dupont"
    And the response field "data[0].body" is "Les coûts engagés ou dépensés pour le lot Gros œuvre atteignent 80 % du budget (81000.00 € sur 100000.00 €)."
    Given I am "eva"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    Given I am "arno"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 0 items

  Scenario: The budget status per trade and in total, with the forecast and the drift
    Given I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{structure}}", "kind": "quote", "amount": "95000.00", "date": "2027-02-20"}
      """
    And I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{structure}}", "kind": "change_order", "amount": "15000.00", "date": "2027-04-02"}
      """
    And I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{plomberie}}", "kind": "invoice", "amount": "4000.00", "date": "2027-04-15"}
      """
    When I send GET "/api/v1/projects/{{maison}}/budget-status"
    Then the response status is 200
    And the response field "version" is the number 1
    And the response field "trades[0].trade_name" is "Gros œuvre"
    And the response field "trades[0].committed" is "110000.00"
    And the response field "trades[0].forecast" is "110000.00"
    And the response field "trades[0].remaining" is "100000.00"
    And the response field "trades[0].drift_percent" is the number 10
    And the response field "trades[1].spent" is "4000.00"
    And the response field "trades[1].forecast" is "20000.00"
    And the response field "total.budget" is "120000.00"
    And the response field "total.forecast" is "130000.00"
    And the response field "total.drift_percent" is the number 8.3
    And the response field "total.consumed_percent" is the number 95
    Given I am "cleo"
    When I send GET "/api/v1/projects/{{maison}}/budget-status"
    Then the response field "trades[0].forecast" is "110000.00"
    And the response has no field "trades[0].committed"
    And the response field "total.budget" is "120000.00"
    Given I am "sami"
    When I send GET "/api/v1/projects/{{maison}}/budget-status"
    Then the response field "trades" has 1 items
    And the response field "trades[0].trade_name" is "Plomberie"
    And the response has no field "total"
    When I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{plomberie}}", "kind": "invoice", "amount": "100.00"}
      """
    Then the response is a problem 403 with code "project_role"

  Scenario: A revision of the budget says why, and its thresholds start afresh
    Given I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{plomberie}}", "kind": "quote", "amount": "21000.00"}
      """
    When I send POST "/api/v1/projects/{{maison}}/budget"
      """
      {"trades": [{"trade_id": "{{structure}}", "amount": "100000.00"}, {"trade_id": "{{plomberie}}", "amount": "25000.00"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "reason"
    When I send POST "/api/v1/projects/{{maison}}/budget"
      """
      {"reason": "Douche à l'italienne ajoutée", "alert_thresholds": [90], "trades": [{"trade_id": "{{structure}}", "amount": "100000.00"}, {"trade_id": "{{plomberie}}", "amount": "25000.00"}]}
      """
    Then the response status is 201
    And the response field "version" is the number 2
    And the response field "total" is "125000.00"
    When I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{plomberie}}", "kind": "change_order", "amount": "1500.00"}
      """
    And I send GET "/api/v1/notifications"
    Then the response field "data" has 3 items
    And the response field "data" has an item whose "title" is "Budget à 90 % : Maison Dupont"

  Scenario: The spending series and the costs for the accountant, a formula in them defused
    Given I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{structure}}", "kind": "invoice", "amount": "40000.00", "supplier": "Béton Bruxelles", "reference": "=HYPERLINK(\"http://evil\")", "date": "2027-03-31"}
      """
    And I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{plomberie}}", "kind": "quote", "amount": "18000.00", "supplier": "Sanitaires Sami, SRL", "reference": "DEV-7", "date": "2027-02-16"}
      """
    When I send GET "/api/v1/projects/{{maison}}/budget-series?interval=month"
    Then the response field "points" has 4 items
    And the response field "points[0].period_start" is "2027-03-01"
    And the response field "points[0].planned" is "30491.79"
    And the response field "points[0].actual" is "40000.00"
    And the response field "points[3].planned" is "120000.00"
    When I send GET "/api/v1/projects/{{maison}}/expenses.csv"
    Then the response status is 200
    And the response text is, line by line:
      """
      Date,Journal,Reference,Supplier,Trade,Kind,Description,Amount,Currency
      16/02/2027,ENG,DEV-7,"Sanitaires Sami, SRL",Plomberie,quote,CH-2027-004 Plomberie,18000.00,EUR
      31/03/2027,HA,"'=HYPERLINK(""http://evil"")",Béton Bruxelles,Gros œuvre,invoice,CH-2027-004 Gros œuvre,40000.00,EUR
      """
    Given I am "cleo"
    When I send GET "/api/v1/projects/{{maison}}/expenses.csv"
    Then the response is a problem 403 with code "project_role"

  Scenario: A scanned invoice proposes the cost, which the general contractor reviews and records
    Given I upload the scan of the invoice "invoice-01" as "facture-dubois.png" to "/api/v1/documents" with the fields:
      | field | value          |
      | title | Facture Dubois |
      | type  | invoice        |
    And I remember the response field "id" as "scan"
    And the document "{{scan}}" has been read
    When I send GET "/api/v1/projects/{{maison}}/expense-proposal?document_id={{scan}}"
    Then the response status is 200
    And the response field "kind" is "invoice"
    And the response field "amount" is "2666.94"
    And the response field "date" is "2026-02-10"
    And the response field "supplier" is "Plomberie Dubois SRL"
    And the response field "reference" is "2026/1940"
    And the response field "prefilled" has an item whose "field" is "amount"
    And the response field "prefilled[0].confidence" is a confidence above 0.5
    When I send POST "/api/v1/projects/{{maison}}/expenses"
      """
      {"trade_id": "{{plomberie}}", "kind": "invoice", "amount": "2666.94", "date": "2026-02-10", "supplier": "Plomberie Dubois SRL", "reference": "2026/1940", "document_id": "{{scan}}"}
      """
    Then the response status is 201
    And the response field "document_id" is "{{scan}}"
    Given I upload a PDF saying "Plan du rez-de-chaussée" as "plan.pdf" to "/api/v1/documents"
    And I remember the response field "id" as "plan"
    When I send GET "/api/v1/projects/{{maison}}/expense-proposal?document_id={{plan}}"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "document_id"
    Given I am "cleo"
    When I send GET "/api/v1/projects/{{maison}}/expense-proposal?document_id={{scan}}"
    Then the response is a problem 403 with code "project_role"
