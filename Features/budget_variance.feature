Feature: Budget variance and drift alerts
  The active budget is measured against the ledger: the actual charges are the posted class-6
  amounts of the budget's year (the closing entry left out). Each charge account counts for the
  budget line whose account code is its longest prefix; what the extraordinary lines cover is
  extraordinary, every other charge is ordinary. When the charges reach one of the building's
  thresholds (80 % and 100 % unless configured), one alert is raised per threshold.

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And today is "2026-06-15"
    And the building's chart has the accounts:
      | code | label                    |
      | 610  | Entretien et réparations |
      | 6101 | Entretien ascenseur      |
      | 611  | Nettoyage                |
      | 612  | Assurances               |
      | 613  | Travaux toiture          |
    When I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2026, "ordinary_amount": "10000", "extraordinary_amount": "5000",
       "lines": [{"account_code": "610", "label": "Entretien", "amount": "6000"},
                 {"account_code": "611", "label": "Nettoyage", "amount": "4000"},
                 {"account_code": "613", "label": "Toiture", "amount": "5000", "kind": "extraordinary"}]}
      """
    And I remember the response field "id" as "budget"
    And I send PUT "/api/v1/budgets/{{budget}}/vote"
      """
      {"general_assembly_date": "2026-03-15"}
      """
    And I send PUT "/api/v1/budgets/{{budget}}/activate"
    Then the response field "status" is "active"

  Scenario: Budgeted against actual, per line and in total, with the year-end projection
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Factures du trimestre",
       "lines": [{"account_code": "610", "debit": "2000"}, {"account_code": "6101", "debit": "1000"},
                 {"account_code": "611", "debit": "1500"}, {"account_code": "612", "debit": "500"},
                 {"account_code": "613", "debit": "2000"}, {"account_code": "440", "credit": "7000"}]}
      """
    Then the response status is 201
    When I send GET "/api/v1/budgets/{{budget}}/variance"
    Then the response status is 200
    And the response field "months_elapsed" is the number 6
    And the response field "lines[0].account_code" is "610"
    And the response field "lines[0].budgeted" is "6000.00"
    And the response field "lines[0].actual" is "3000.00"
    And the response field "lines[0].variance" is "-3000.00"
    And the response field "lines[0].variance_percent" is "-50.00"
    And the response field "lines[2].kind" is "extraordinary"
    And the response field "lines[2].actual" is "2000.00"
    And the response field "lines[2].variance_percent" is "-60.00"
    And the response field "unbudgeted" has 1 items
    And the response field "unbudgeted[0].account_code" is "612"
    And the response field "unbudgeted[0].actual" is "500.00"
    And the response field "ordinary.budgeted" is "10000.00"
    And the response field "ordinary.actual" is "5000.00"
    And the response field "extraordinary.actual" is "2000.00"
    And the response field "total.actual" is "7000.00"
    And the response field "total.variance_percent" is "-53.33"
    And the response field "consumed_percent" is "46.67"
    And the response field "projected_total" is "14000.00"

  Scenario: Reversals count, other years and the closing entry do not
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Facture",
       "lines": [{"account_code": "610", "debit": "1000"}, {"account_code": "440", "credit": "1000"}]}
      """
    And I remember the response field "id" as "invoice"
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2025-12-20", "description": "Last year",
       "lines": [{"account_code": "610", "debit": "900"}, {"account_code": "440", "credit": "900"}]}
      """
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-03-10", "description": "Facture 2",
       "lines": [{"account_code": "611", "debit": "400"}, {"account_code": "440", "credit": "400"}]}
      """
    And I send POST "/api/v1/journal-entries/{{invoice}}/reverse"
      """
      {"entry_date": "2026-04-01"}
      """
    Then the response status is 201
    When I send GET "/api/v1/budgets/{{budget}}/variance"
    Then the response field "total.actual" is "400.00"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries/year-end-closing"
      """
      {"fiscal_year": 2026}
      """
    Then the response status is 201
    When I send GET "/api/v1/budgets/{{budget}}/variance"
    Then the response field "total.actual" is "400.00"
    And the response field "months_elapsed" is the number 6

  Scenario: One alert per threshold crossed, at 80 % and 100 % by default
    When I send GET "/api/v1/buildings/{{building}}/alert-thresholds"
    Then the response field "thresholds[0]" is the number 80
    And the response field "thresholds[1]" is the number 100
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-04-10", "description": "Gros entretien",
       "lines": [{"account_code": "610", "debit": "11999.99"}, {"account_code": "440", "credit": "11999.99"}]}
      """
    And I send GET "/api/v1/buildings/{{building}}/alerts"
    Then the response field "data" has 0 items
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-04-11", "description": "Un centime",
       "lines": [{"account_code": "611", "debit": "0.01"}, {"account_code": "440", "credit": "0.01"}]}
      """
    And I send GET "/api/v1/buildings/{{building}}/alerts"
    Then the response field "data" has 1 items
    And the response field "data[0].threshold_percent" is the number 80
    And the response field "data[0].consumed_percent" is "80.00"
    And the response field "data[0].actual" is "12000.00"
    And the response field "data[0].budget_id" is "{{budget}}"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-05-02", "description": "Toiture",
       "lines": [{"account_code": "613", "debit": "4000"}, {"account_code": "440", "credit": "4000"}]}
      """
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-05-03", "description": "Encore",
       "lines": [{"account_code": "611", "debit": "100"}, {"account_code": "440", "credit": "100"}]}
      """
    And I send GET "/api/v1/buildings/{{building}}/alerts"
    Then the response field "data" has 2 items
    And the response field "data[0].threshold_percent" is the number 100
    And the response field "data[0].consumed_percent" is "106.67"
    And the response field "pagination.total_items" is the number 2

  Scenario: Thresholds are set per building; crossing several at once raises each
    When I send PUT "/api/v1/buildings/{{building}}/alert-thresholds"
      """
      {"thresholds": [50, 25, 90]}
      """
    Then the response status is 200
    And the response field "thresholds[0]" is the number 25
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-04-10", "description": "Gros entretien",
       "lines": [{"account_code": "610", "debit": "9000"}, {"account_code": "440", "credit": "9000"}]}
      """
    And I send GET "/api/v1/buildings/{{building}}/alerts"
    Then the response field "data" has 2 items
    And the response field "data[0].threshold_percent" is the number 50
    And the response field "data[1].threshold_percent" is the number 25

  Scenario: Charges posted before the budget becomes active raise their alerts at activation
    When I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2027, "ordinary_amount": "1000"}
      """
    And I remember the response field "id" as "next"
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2027-01-10", "description": "Janvier",
       "lines": [{"account_code": "612", "debit": "850"}, {"account_code": "440", "credit": "850"}]}
      """
    And I send PUT "/api/v1/budgets/{{next}}/vote"
      """
      {"general_assembly_date": "2026-12-01"}
      """
    And I send PUT "/api/v1/budgets/{{next}}/activate"
    And I send GET "/api/v1/buildings/{{building}}/alerts"
    Then the response field "data" has 1 items
    And the response field "data[0].fiscal_year" is the number 2027
    And the response field "data[0].threshold_percent" is the number 80
    When I send GET "/api/v1/budgets/{{next}}/variance"
    Then the response field "months_elapsed" is the number 0
    And the response field "projected_total" is "850.00"

  Scenario Outline: Invalid thresholds are refused
    When I send PUT "/api/v1/buildings/{{building}}/alert-thresholds"
      """
      <body>
      """
    Then the response is a problem <status> with code "<code>"

    Examples:
      | body                      | status | code              |
      | {"thresholds": []}        | 422    | validation_failed |
      | {"thresholds": [0]}       | 422    | validation_failed |
      | {"thresholds": [80, 80]}  | 422    | validation_failed |
      | {"thresholds": ["80"]}    | 400    | invalid_type      |
      | {}                        | 422    | missing_field     |

  Scenario: Another organization cannot read the variance or the alerts
    Given "zoe" has registered the organization "Other syndic"
    And I am "zoe"
    When I send GET "/api/v1/budgets/{{budget}}/variance"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/buildings/{{building}}/alerts"
    Then the response is a problem 404 with code "not_found"
